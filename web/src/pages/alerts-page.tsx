/** Alerts list: facets by severity / status / detection with counts, text filter, j/k + Enter. */
import { useCallback, useMemo } from 'react';
import { api } from '../api/client';
import { SEVERITIES, STATUSES, type AlertSummary } from '../api/types';
import { ErrorBox, Loading, SeverityBadge, StatusBadge, Time } from '../components/common';
import { fmtInt } from '../lib/format';
import { useListKeys } from '../lib/list-keys';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { useSessionState } from '../lib/session-state';

const SINCE = ['1h', '24h', '7d', '30d', ''] as const;
const REFRESH_MS = 30_000;
/** Alerts fetched at most; facets count within them. */
const LIMIT = 1000;

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}

export function AlertsPage() {
  const [since, setSince] = useSessionState<string>('alerts.since', '7d');
  const [severity, setSeverity] = useSessionState<string>('alerts.severity', '');
  const [status, setStatus] = useSessionState<string>('alerts.status', '');
  const [detection, setDetection] = useSessionState<string>('alerts.detection', '');
  const [text, setText] = useSessionState<string>('alerts.text', '');
  const { data, error, loading, reload } = useAsync(
    () => api.alerts({ since: since || undefined, limit: LIMIT }),
    [since],
    REFRESH_MS,
  );

  const all = data ?? [];
  const t = text.trim().toLowerCase();
  const matchesText = (a: AlertSummary) =>
    !t ||
    a.title.toLowerCase().includes(t) ||
    a.dedupe.toLowerCase().includes(t) ||
    a.id.toLowerCase().includes(t);
  // Each facet counts the alerts that pass the other filters, so the numbers say what a click will show.
  const base = all.filter(matchesText);
  const sevCounts = countBy(
    base.filter((a) => (!status || a.status === status) && (!detection || a.detection === detection)),
    (a) => a.severity,
  );
  const stCounts = countBy(
    base.filter((a) => (!severity || a.severity === severity) && (!detection || a.detection === detection)),
    (a) => a.status,
  );
  const detCounts = countBy(
    base.filter((a) => (!severity || a.severity === severity) && (!status || a.status === status)),
    (a) => a.detection,
  );
  const shown = useMemo(
    () =>
      base.filter(
        (a) =>
          (!severity || a.severity === severity) &&
          (!status || a.status === status) &&
          (!detection || a.detection === detection),
      ),
    [base, severity, status, detection],
  );
  const open = useCallback((i: number) => shown[i] && navigate('alerts', shown[i].id), [shown]);
  const selected = useListKeys(shown.length, open);

  return (
    <div className="page">
      <header className="page-head">
        <h1>Alerts</h1>
        <input
          className="input grow"
          placeholder="Filter by title, dedupe key or id  /"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-shortcut="filter"
          data-testid="alerts-filter"
        />
        <select
          className="input"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          aria-label="Time range"
        >
          {SINCE.map((s) => (
            <option key={s} value={s}>
              {s ? `last ${s}` : 'all time'}
            </option>
          ))}
        </select>
        <button className="btn" onClick={reload}>
          ↻
        </button>
      </header>
      <div className="facets">
        <Facet
          label="Status"
          values={STATUSES}
          counts={stCounts}
          value={status}
          onChange={setStatus}
          testid="facet-status"
        />
        <Facet
          label="Severity"
          values={SEVERITIES}
          counts={sevCounts}
          value={severity}
          onChange={setSeverity}
          testid="facet-severity"
          badge
        />
        <label className="facet">
          <span className="facet-label">Detection</span>
          <select
            className="input compact"
            value={detection}
            onChange={(e) => setDetection(e.target.value)}
            data-testid="facet-detection"
          >
            <option value="">all ({fmtInt(base.length)})</option>
            {[...detCounts.entries()]
              .sort((a, b) => b[1] - a[1])
              .map(([d, n]) => (
                <option key={d} value={d}>
                  {d} ({fmtInt(n)})
                </option>
              ))}
          </select>
        </label>
      </div>
      <ErrorBox error={error} title="Could not load alerts" />
      {data && data.length >= LIMIT && (
        <div className="notice">
          Showing the {fmtInt(LIMIT)} most recent alerts; narrow the time range to see older ones.
        </div>
      )}
      {loading && !data && <Loading what="alerts" />}
      {data && (
        <table className="table" data-testid="alerts-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Status</th>
              <th>Title</th>
              <th>Detection</th>
              <th className="num">Matches</th>
              <th>Created</th>
              <th>Updated</th>
              <th>Destinations</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a, i) => (
              <tr
                key={a.id}
                className="clickable"
                onClick={() => navigate('alerts', a.id)}
                data-testid="alert-row"
                data-alert-id={a.id}
                data-selected={i === selected}
              >
                <td>
                  <SeverityBadge severity={a.severity} />
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td className="title-cell">
                  <a href={`#/alerts/${encodeURIComponent(a.id)}`} onClick={(e) => e.stopPropagation()}>
                    {a.title}
                  </a>
                  {!a.activated && <span className="muted small"> (below threshold)</span>}
                </td>
                <td className="mono small">{a.detection}</td>
                <td className="num">{fmtInt(a.matchCount)}</td>
                <td className="small">
                  <Time iso={a.createdAt} />
                </td>
                <td className="small">
                  <Time iso={a.updatedAt} ago />
                </td>
                <td className="small muted">{a.destinations.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && shown.length === 0 && <div className="empty">No alerts match.</div>}
    </div>
  );
}

function Facet({
  label,
  values,
  counts,
  value,
  onChange,
  testid,
  badge,
}: {
  label: string;
  values: readonly string[];
  counts: Map<string, number>;
  value: string;
  onChange: (v: string) => void;
  testid: string;
  badge?: boolean;
}) {
  return (
    <div className="facet" data-testid={testid}>
      <span className="facet-label">{label}</span>
      {values.map((v) => (
        <button
          key={v}
          className={`chip${value === v ? ' active' : ''}`}
          onClick={() => onChange(value === v ? '' : v)}
          data-value={v}
        >
          {badge && <span className={`sev-dot sev-${v}`} />}
          {v} <span className="count">{fmtInt(counts.get(v) ?? 0)}</span>
        </button>
      ))}
    </div>
  );
}
