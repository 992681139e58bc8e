/** Log sources: health table (last event, lag, dead letters, spool), one row per source. */
import { useCallback } from 'react';
import { api } from '../api/client';
import { ErrorBox, Loading, Time } from '../components/common';
import { fmtBytes, fmtDuration, fmtInt } from '../lib/format';
import { useListKeys } from '../lib/list-keys';
import { href, navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import type { SourceSummary } from '../api/types';

/** A source is late when its lag passes an hour, and failing when it dead-lettered anything in 24 h. */
export function health(s: SourceSummary): { tone: 'ok' | 'warn' | 'bad' | 'idle'; label: string } {
  if (s.deadLetters24h > 0) return { tone: 'bad', label: 'dead letters' };
  if (!s.lastEventAt) return { tone: 'idle', label: 'no data' };
  if (s.lagMs !== null && s.lagMs > 3_600_000) return { tone: 'warn', label: 'late' };
  if ((s.spoolPending ?? 0) > 0) return { tone: 'warn', label: 'spooling' };
  return { tone: 'ok', label: 'healthy' };
}

export function SourcesPage() {
  const { data, error, loading, reload } = useAsync(() => api.sources(), [], 30_000);
  const list = data ?? [];
  const open = useCallback((i: number) => list[i] && navigate('sources', list[i].name), [list]);
  const selected = useListKeys(list.length, open);
  return (
    <div className="page">
      <header className="page-head">
        <h1>Log sources</h1>
        <span className="spacer" />
        <button className="btn" onClick={reload}>
          ↻
        </button>
      </header>
      <ErrorBox error={error} title="Could not load log sources" />
      {loading && !data && <Loading what="log sources" />}
      {data && (
        <table className="table" data-testid="sources-table">
          <thead>
            <tr>
              <th>Health</th>
              <th>Source</th>
              <th>Format</th>
              <th>Tables</th>
              <th className="num">Events 24h</th>
              <th className="num">Bytes 24h</th>
              <th className="num">Dead letters 24h</th>
              <th>Last event</th>
              <th className="num">Lag</th>
              <th className="num">Spool pending</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s, i) => {
              const h = health(s);
              return (
                <tr
                  key={s.name}
                  className="clickable"
                  onClick={() => navigate('sources', s.name)}
                  data-testid="source-row"
                  data-source={s.name}
                  data-selected={i === selected}
                >
                  <td>
                    <span className={`dot tone-${h.tone}`} /> <span className="small">{h.label}</span>
                  </td>
                  <td>
                    <a href={href('sources', s.name)} onClick={(e) => e.stopPropagation()}>
                      {s.name}
                    </a>
                  </td>
                  <td className="mono small">{s.format ?? '—'}</td>
                  <td className="mono small">{s.tables.join(', ')}</td>
                  <td className="num">{fmtInt(s.events24h)}</td>
                  <td className="num">{fmtBytes(s.bytes24h)}</td>
                  <td className={`num${s.deadLetters24h ? ' bad' : ''}`}>{fmtInt(s.deadLetters24h)}</td>
                  <td className="small">
                    <Time iso={s.lastEventAt} ago />
                  </td>
                  <td className="num">{fmtDuration(s.lagMs)}</td>
                  <td className="num">{fmtInt(s.spoolPending)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {data && list.length === 0 && <div className="empty">No log sources in this lake directory.</div>}
    </div>
  );
}
