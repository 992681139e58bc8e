/**
 * Virtualized results grid: renders only the rows in view, so 10k+ rows scroll smoothly. Column
 * headers show the SQL type; NULL is drawn distinctly from the string "NULL". Clicking a cell
 * shows its full value below the grid.
 */
import { useMemo, useRef, useState, type UIEvent } from 'react';
import type { QueryColumn } from '../api/types';
import { cellText } from '../lib/format';

const ROW_H = 24;
const OVERSCAN = 12;
const CHAR_W = 7.2;

function columnWidths(columns: QueryColumn[], rows: unknown[][]): number[] {
  const sample = rows.slice(0, 200);
  return columns.map((c, i) => {
    let longest = Math.max(c.name.length, c.type.length + 2);
    for (const r of sample) {
      const v = r[i];
      const len = v === null || v === undefined ? 4 : Math.min(cellText(v).length, 80);
      if (len > longest) longest = len;
    }
    return Math.round(Math.min(480, Math.max(64, longest * CHAR_W + 20)));
  });
}

interface Props {
  columns: QueryColumn[];
  rows: unknown[][];
  height?: number;
}

export function DataGrid({ columns, rows }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(600);
  const [picked, setPicked] = useState<{ r: number; c: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const widths = useMemo(() => columnWidths(columns, rows), [columns, rows]);
  const template = `48px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalW = 48 + widths.reduce((a, b) => a + b, 0);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    setScrollTop(e.currentTarget.scrollTop);
    setViewH(e.currentTarget.clientHeight);
  };
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const visible = [];
  for (let r = first; r < last; r++) {
    const row = rows[r]!;
    visible.push(
      <div
        key={r}
        className="grid-row"
        role="row"
        data-testid="result-row"
        style={{ top: r * ROW_H, gridTemplateColumns: template, width: totalW }}
      >
        <div className="grid-cell rownum">{r + 1}</div>
        {columns.map((_, c) => {
          const v = row[c];
          const isNull = v === null || v === undefined;
          const sel = picked?.r === r && picked.c === c;
          return (
            <div
              key={c}
              role="gridcell"
              className={`grid-cell${isNull ? ' cell-null' : ''}${typeof v === 'number' ? ' num' : ''}${sel ? ' picked' : ''}`}
              onClick={() => setPicked({ r, c })}
            >
              {isNull ? 'NULL' : cellText(v)}
            </div>
          );
        })}
      </div>,
    );
  }
  const pickedValue = picked ? rows[picked.r]?.[picked.c] : undefined;

  return (
    <div className="grid-wrap">
      <div className="grid" ref={ref} onScroll={onScroll} role="grid" data-testid="results-grid">
        <div className="grid-head" role="row" style={{ gridTemplateColumns: template, width: totalW }}>
          <div className="grid-hcell rownum">#</div>
          {columns.map((c) => (
            <div key={c.name} className="grid-hcell" role="columnheader" title={`${c.name} ${c.type}`}>
              <span className="col-name">{c.name}</span>
              <span className="col-type">{c.type}</span>
            </div>
          ))}
        </div>
        <div className="grid-body" style={{ height: rows.length * ROW_H, width: totalW }}>
          {visible}
        </div>
      </div>
      {picked && (
        <div className="cell-inspector" data-testid="cell-inspector">
          <span className="muted">
            row {picked.r + 1} · {columns[picked.c]?.name} ({columns[picked.c]?.type})
          </span>
          <pre>
            {pickedValue === null || pickedValue === undefined
              ? 'NULL'
              : typeof pickedValue === 'object'
                ? JSON.stringify(pickedValue, null, 2)
                : String(pickedValue)}
          </pre>
          <button className="btn ghost small" onClick={() => setPicked(null)}>
            close
          </button>
        </div>
      )}
    </div>
  );
}
