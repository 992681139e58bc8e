/** Detections: load status, matches and errors in 24 h, test counts. */
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { ErrorBox, Loading, SeverityBadge } from '../components/common';
import { fmtInt } from '../lib/format';
import { useListKeys } from '../lib/list-keys';
import { href, navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';

export function DetectionsPage() {
  const { data, error, loading, reload } = useAsync(() => api.detections(), []);
  const [text, setText] = useState('');
  const t = text.trim().toLowerCase();
  const list = (data ?? []).filter(
    (d) => !t || d.name.toLowerCase().includes(t) || d.tables.some((x) => x.includes(t)),
  );
  const open = useCallback((i: number) => list[i] && navigate('detections', list[i].name), [list]);
  const selected = useListKeys(list.length, open);
  const failing = (data ?? []).filter((d) => !d.loaded).length;
  return (
    <div className="page">
      <header className="page-head">
        <h1>Detections</h1>
        {data && (
          <span className="muted small">
            {fmtInt(data.length)} total
            {failing ? <span className="bad"> · {failing} failed to load</span> : null}
          </span>
        )}
        <input
          className="input grow"
          placeholder="Filter by name or table  /"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-shortcut="filter"
        />
        <button className="btn" onClick={reload}>
          ↻
        </button>
      </header>
      <ErrorBox error={error} title="Could not load detections" />
      {loading && !data && <Loading what="detections" />}
      {data && (
        <table className="table" data-testid="detections-table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Name</th>
              <th>Language</th>
              <th>Tables</th>
              <th>Severity</th>
              <th className="num">Matches 24h</th>
              <th className="num">Errors 24h</th>
              <th className="num">Tests</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d, i) => (
              <tr
                key={d.name}
                className="clickable"
                onClick={() => navigate('detections', d.name)}
                data-testid="detection-row"
                data-selected={i === selected}
              >
                <td>
                  {!d.enabled ? (
                    <span className="badge st-disabled">disabled</span>
                  ) : d.loaded ? (
                    <span className="badge st-loaded">loaded</span>
                  ) : (
                    <span className="badge st-error" title={d.loadError ?? undefined}>
                      error
                    </span>
                  )}
                </td>
                <td>
                  <a href={href('detections', d.name)} onClick={(e) => e.stopPropagation()}>
                    {d.name}
                  </a>
                  {d.displayName && <span className="muted small"> {d.displayName}</span>}
                  {d.loadError && <div className="bad small trunc">{d.loadError}</div>}
                </td>
                <td className="small">{d.language}</td>
                <td className="mono small">{d.tables.join(', ')}</td>
                <td>{d.severity && <SeverityBadge severity={d.severity} />}</td>
                <td className="num">{fmtInt(d.matches24h)}</td>
                <td className={`num${d.errors24h ? ' bad' : ''}`}>{fmtInt(d.errors24h)}</td>
                <td className="num">{fmtInt(d.tests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
