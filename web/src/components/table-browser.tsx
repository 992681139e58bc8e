/** Sidebar of the SQL workspace: tables with row counts; expand one to see its columns and types. */
import { useState } from 'react';
import type { TableDetail, TableSummary } from '../api/types';
import { fmtBytes, fmtInt } from '../lib/format';

interface Props {
  tables: TableSummary[] | undefined;
  details: Record<string, TableDetail>;
  error?: Error;
  onPickTable: (name: string) => void;
  onPickColumn: (name: string) => void;
}

export function TableBrowser({ tables, details, error, onPickTable, onPickColumn }: Props) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const f = filter.trim().toLowerCase();
  // Log-source tables first, Lakewatch's own tables (alerts, dead letters…) after them.
  const sorted = [...(tables ?? [])].sort(
    (a, b) => Number(a.logSource === null) - Number(b.logSource === null) || a.name.localeCompare(b.name),
  );
  const visible = sorted.filter(
    (t) =>
      !f ||
      t.name.toLowerCase().includes(f) ||
      details[t.name]?.schema.fields.some((c) => (c.path ?? c.name).toLowerCase().includes(f)),
  );
  return (
    <aside className="browser" data-testid="table-browser">
      <input
        className="input"
        placeholder="Filter tables & columns  /"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        data-shortcut="filter"
        aria-label="Filter tables and columns"
      />
      {error && <div className="error-box">{error.message}</div>}
      {!tables && !error && <div className="muted loading">Loading tables…</div>}
      {tables && tables.length === 0 && (
        <div className="muted pad">No tables yet. Ingest some data first.</div>
      )}
      <ul className="tree">
        {visible.map((t) => {
          const isOpen = open[t.name] ?? Boolean(f);
          const fields = details[t.name]?.schema.fields ?? [];
          return (
            <li key={t.name}>
              <div className="tree-row" data-testid="table-item">
                <button
                  className="twisty"
                  aria-label={isOpen ? 'collapse' : 'expand'}
                  onClick={() => setOpen({ ...open, [t.name]: !isOpen })}
                >
                  {isOpen ? '▾' : '▸'}
                </button>
                <button
                  className={`link table-name${t.logSource === null ? ' system' : ''}`}
                  title={`${fmtInt(t.rows)} rows · ${t.files} files · ${fmtBytes(t.bytes)} — click to query`}
                  onClick={() => onPickTable(t.name)}
                >
                  {t.name}
                </button>
                <span className="muted small">{fmtInt(t.rows)}</span>
              </div>
              {isOpen && (
                <ul className="fields">
                  {fields.length === 0 && <li className="muted small">loading…</li>}
                  {fields
                    .filter(
                      (c) =>
                        !f ||
                        t.name.toLowerCase().includes(f) ||
                        (c.path ?? c.name).toLowerCase().includes(f),
                    )
                    .map((c) => (
                      <li key={c.path ?? c.name} title={c.doc ?? undefined}>
                        <button className="link field" onClick={() => onPickColumn(c.path ?? c.name)}>
                          {c.path ?? c.name}
                        </button>
                        <span className="col-type">{c.type}</span>
                      </li>
                    ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
