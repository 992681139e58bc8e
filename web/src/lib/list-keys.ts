/** `j`/`k` move a selection through a list, `Enter` opens the selected row. */
import { useEffect, useState } from 'react';

export function useListKeys(count: number, open: (index: number) => void): number {
  const [selected, setSelected] = useState(-1);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      if (
        t instanceof HTMLElement &&
        (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
      )
        return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j') setSelected((s) => Math.min(count - 1, s + 1));
      else if (e.key === 'k') setSelected((s) => Math.max(0, s - 1));
      else if (e.key === 'Enter' && selected >= 0 && selected < count) open(selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, open, selected]);
  useEffect(() => {
    document.querySelector('[data-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return selected;
}
