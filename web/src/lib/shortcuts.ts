/**
 * Global keyboard shortcuts: `g q` / `g a` / `g s` / `g d` go to a page, `/` focuses the page's
 * filter (the element marked `data-shortcut="filter"`), `?` toggles the help overlay, `t` toggles
 * the theme. Keys typed into inputs and the editor are left alone.
 */
import { useEffect } from 'react';

export const SHORTCUTS: readonly [string, string][] = [
  ['g q', 'SQL workspace'],
  ['g a', 'Alerts'],
  ['g s', 'Log sources'],
  ['g d', 'Detections'],
  ['/', 'Focus the filter (table browser, lists)'],
  ['Ctrl/⌘ Enter', 'Run the query (in the editor)'],
  ['Esc', 'Leave the editor or a field; close this help'],
  ['j / k', 'Next / previous row in lists'],
  ['Enter', 'Open the selected row'],
  ['t', 'Toggle dark / light theme'],
  ['?', 'Show this help'],
];

export interface ShortcutHandlers {
  go: (page: string) => void;
  toggleHelp: () => void;
  closeHelp: () => void;
  toggleTheme: () => void;
}

const GO: Record<string, string> = { q: 'query', a: 'alerts', s: 'sources', d: 'detections' };

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(h: ShortcutHandlers): void {
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        h.closeHelp();
        if (typing(e.target) && e.target instanceof HTMLElement) e.target.blur();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (pendingG && Date.now() - pendingG < 1500 && GO[e.key]) {
        pendingG = 0;
        e.preventDefault();
        h.go(GO[e.key]!);
        return;
      }
      pendingG = 0;
      if (e.key === 'g') pendingG = Date.now();
      else if (e.key === '?') h.toggleHelp();
      else if (e.key === 't') h.toggleTheme();
      else if (e.key === '/') {
        const el = document.querySelector<HTMLElement>('[data-shortcut="filter"]');
        if (el) {
          e.preventDefault();
          el.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [h]);
}
