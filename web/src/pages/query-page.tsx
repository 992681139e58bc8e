/** SQL workspace: table browser, editor, results grid, CSV export, history, cancel. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditorView } from '@codemirror/view';
import { api, ApiError, newQueryId } from '../api/client';
import type { QueryResult, TableDetail, TableSummary } from '../api/types';
import { DataGrid } from '../components/data-grid';
import { ErrorBox, Time } from '../components/common';
import { SqlEditor, insertAtCursor, setEditorText, type SqlSchema } from '../components/sql-editor';
import { TableBrowser } from '../components/table-browser';
import { download, toCsv } from '../lib/csv';
import { fmtDuration, fmtInt } from '../lib/format';
import { addHistory, clearHistory, loadHistory, type HistoryEntry } from '../lib/history';

const SQL_KEY = 'lakewatch.sql';

/** `a.b` → `a.b`; segments that are not plain identifiers get double quotes; `x[].y` stops at the list `x`. */
function quoteIdent(path: string): string {
  return path
    .split('[]')[0]!
    .split('.')
    .map((p) => (/^[a-z_][a-z0-9_]*$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`))
    .join('.');
}

function savedSql(): string {
  try {
    return localStorage.getItem(SQL_KEY) ?? '';
  } catch {
    return '';
  }
}

type Run =
  | { state: 'idle' }
  | { state: 'running'; controller: AbortController; queryId: string; startedAt: number }
  | { state: 'done'; result: QueryResult }
  | { state: 'error'; error: Error }
  | { state: 'cancelled' };

export function QueryPage() {
  const viewRef = useRef<EditorView | null>(null);
  const [tables, setTables] = useState<TableSummary[]>();
  const [tablesError, setTablesError] = useState<Error>();
  const [details, setDetails] = useState<Record<string, TableDetail>>({});
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [tab, setTab] = useState<'results' | 'history'>('results');
  const [history, setHistory] = useState<HistoryEntry[]>(loadHistory);
  const [maxRows, setMaxRows] = useState(10_000);
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    let live = true;
    api.tables().then(
      async (list) => {
        if (!live) return;
        setTables(list);
        const entries = await Promise.all(
          list.map((t) =>
            api.table(t.name).then(
              (d) => [t.name, d] as const,
              () => null,
            ),
          ),
        );
        if (live) setDetails(Object.fromEntries(entries.filter((e) => e !== null)));
      },
      (err: Error) => live && setTablesError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  const schema = useMemo<SqlSchema>(() => {
    const s: SqlSchema = {};
    for (const t of tables ?? [])
      s[t.name] = (details[t.name]?.schema.fields ?? [])
        .map((f) => f.path ?? f.name)
        .filter((p) => !p.includes('[]'));
    return s;
  }, [tables, details]);

  const execute = useCallback(async () => {
    const view = viewRef.current;
    if (!view || runRef.current.state === 'running') return;
    const sel = view.state.selection.main;
    const text = (sel.empty ? view.state.doc.toString() : view.state.sliceDoc(sel.from, sel.to)).trim();
    if (!text) return;
    const controller = new AbortController();
    const queryId = newQueryId();
    setRun({ state: 'running', controller, queryId, startedAt: Date.now() });
    setTab('results');
    try {
      const result = await api.query(text, { queryId, signal: controller.signal, maxRows });
      setRun({ state: 'done', result });
      setHistory(
        addHistory({
          sql: text,
          at: new Date().toISOString(),
          ok: true,
          rows: result.rows.length,
          elapsedMs: result.elapsedMs,
        }),
      );
    } catch (err) {
      if (controller.signal.aborted) {
        setRun({ state: 'cancelled' });
        return;
      }
      const error = err instanceof Error ? err : new Error(String(err));
      setRun({ state: 'error', error });
      setHistory(addHistory({ sql: text, at: new Date().toISOString(), ok: false, error: error.message }));
    }
  }, [maxRows]);

  // Closing the request cancels the query on the server; the DELETE also covers proxies that keep it open.
  const cancel = () => {
    if (run.state !== 'running') return;
    run.controller.abort();
    api.cancelQuery(run.queryId).catch(() => {
      // already finished or already cancelled by the disconnect
    });
  };

  const exportCsv = async () => {
    if (run.state !== 'done') return;
    download(
      `lakewatch-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
      new Blob([toCsv(run.result.columns, run.result.rows)], { type: 'text/csv' }),
    );
  };

  return (
    <div className="query-page">
      <TableBrowser
        tables={tables}
        details={details}
        error={tablesError}
        onPickTable={(name) => {
          const hasTs = details[name]?.schema.fields.some((f) => (f.path ?? f.name) === 'ts');
          const order = hasTs ? '\nORDER BY ts DESC' : '';
          setEditorText(viewRef.current, `SELECT *\nFROM ${quoteIdent(name)}${order}\nLIMIT 100`);
        }}
        onPickColumn={(path) => insertAtCursor(viewRef.current, quoteIdent(path))}
      />
      <section className="workspace">
        <div className="editor-box">
          <SqlEditor
            initial={savedSql()}
            schema={schema}
            onRun={execute}
            onChange={(t) => {
              try {
                localStorage.setItem(SQL_KEY, t);
              } catch {
                // ignore
              }
            }}
            viewRef={viewRef}
          />
        </div>
        <div className="toolbar">
          {run.state === 'running' ? (
            <button className="btn danger" onClick={cancel} data-testid="cancel-query">
              ■ Cancel
            </button>
          ) : (
            <button className="btn primary" onClick={execute} data-testid="run-query" title="Ctrl/⌘+Enter">
              ▶ Run
            </button>
          )}
          <label className="muted small">
            max rows{' '}
            <select
              className="input compact"
              value={maxRows}
              onChange={(e) => setMaxRows(Number(e.target.value))}
            >
              {[100, 1000, 10_000, 50_000].map((n) => (
                <option key={n} value={n}>
                  {fmtInt(n)}
                </option>
              ))}
            </select>
          </label>
          <button
            className="btn"
            onClick={exportCsv}
            disabled={run.state !== 'done'}
            data-testid="export-csv"
          >
            ⤓ CSV
          </button>
          <span className="spacer" />
          <RunStatus run={run} />
          <div className="tabs">
            <button
              className={`tab${tab === 'results' ? ' active' : ''}`}
              onClick={() => setTab('results')}
              data-testid="results-tab"
            >
              Results
            </button>
            <button
              className={`tab${tab === 'history' ? ' active' : ''}`}
              onClick={() => setTab('history')}
              data-testid="history-tab"
            >
              History <span className="count">{history.length}</span>
            </button>
          </div>
        </div>
        <div className="results">
          {tab === 'history' ? (
            <HistoryList
              history={history}
              onPick={(e) => {
                setEditorText(viewRef.current, e.sql);
                setTab('results');
              }}
              onClear={() => setHistory(clearHistory())}
            />
          ) : (
            <Results run={run} />
          )}
        </div>
      </section>
    </div>
  );
}

function RunStatus({ run }: { run: Run }) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (run.state !== 'running') return;
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(t);
  }, [run]);
  if (run.state === 'running')
    return <span className="muted small">running… {fmtDuration(Date.now() - run.startedAt)}</span>;
  if (run.state === 'done')
    return (
      <span className="muted small" data-testid="query-status">
        {fmtInt(run.result.rows.length)} rows{run.result.truncated ? ' (truncated)' : ''} ·{' '}
        {fmtDuration(run.result.elapsedMs)}
      </span>
    );
  if (run.state === 'cancelled') return <span className="muted small">cancelled</span>;
  return null;
}

function Results({ run }: { run: Run }) {
  if (run.state === 'idle') return <div className="empty">Write a query and press Ctrl/⌘+Enter.</div>;
  if (run.state === 'running') return <div className="empty">Running…</div>;
  if (run.state === 'cancelled')
    return (
      <div className="empty" data-testid="query-cancelled">
        Query cancelled.
      </div>
    );
  if (run.state === 'error') {
    const status = run.error instanceof ApiError ? run.error.status : 0;
    const title = status === 408 ? 'Timed out' : status === 400 ? 'Query error' : 'Error';
    return (
      <div className="pad" data-testid="query-error">
        <ErrorBox error={run.error} title={title} />
      </div>
    );
  }
  const { result } = run;
  if (result.columns.length === 0) return <div className="empty">Statement returned no columns.</div>;
  return (
    <>
      {result.truncated && (
        <div className="notice">
          Showing the first {fmtInt(result.rows.length)} rows; raise “max rows” or add a LIMIT.
        </div>
      )}
      <DataGrid columns={result.columns} rows={result.rows} />
    </>
  );
}

function HistoryList({
  history,
  onPick,
  onClear,
}: {
  history: HistoryEntry[];
  onPick: (e: HistoryEntry) => void;
  onClear: () => void;
}) {
  if (history.length === 0) return <div className="empty">No queries yet.</div>;
  return (
    <div className="history" data-testid="history">
      <div className="history-head">
        <span className="muted small">Click a query to load it into the editor.</span>
        <button className="btn ghost small" onClick={onClear}>
          Clear
        </button>
      </div>
      <ul>
        {history.map((e) => (
          <li
            key={`${e.at}-${e.sql}`}
            className="history-item"
            onClick={() => onPick(e)}
            data-testid="history-item"
          >
            <pre>{e.sql}</pre>
            <div className="muted small">
              <Time iso={e.at} ago /> ·{' '}
              {e.ok ? (
                `${fmtInt(e.rows ?? 0)} rows · ${fmtDuration(e.elapsedMs ?? 0)}`
              ) : (
                <span className="bad">{e.error}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
