/** One alert: header, actions (acknowledge / resolve / reopen), context, rule matches, timeline. */
import { useState } from 'react';
import { api } from '../api/client';
import type { AlertResponse, AlertStatus, Delivery } from '../api/types';
import { ErrorBox, Json, JsonDetails, Loading, SeverityBadge, StatusBadge, Time } from '../components/common';
import { fmtInt, fmtTime } from '../lib/format';
import { href } from '../lib/router';
import { useAsync } from '../lib/use-async';

interface TimelineEvent {
  at: string | null;
  kind: string;
  text: string;
  detail?: string;
}

function deliveryEvent(d: Delivery): TimelineEvent {
  const what = d.kind === 'activated' ? 'Alert' : 'Update';
  const via = d.destinationType ? ` (${d.destinationType})` : '';
  const state = d.state === 'failed' && d.gaveUp ? 'failed, gave up' : d.state;
  const tries = d.attempts > 1 ? ` after ${d.attempts} attempts` : '';
  return {
    at: d.sentAt ?? d.updatedAt,
    kind: `delivery dl-${d.state}`,
    text: `${what} → ${d.destination}${via}: ${state}${tries}`,
    detail: d.error ?? undefined,
  };
}

export function timeline(r: AlertResponse): TimelineEvent[] {
  const a = r.alert;
  const events: TimelineEvent[] = [{ at: a.createdAt, kind: 'created', text: `Created by ${a.detection}` }];
  if (a.activated)
    events.push({ at: a.activatedAt ?? null, kind: 'activated', text: 'Activated (threshold reached)' });
  for (const h of a.statusHistory ?? [])
    events.push({
      at: h.at,
      kind: `status st-${h.status}`,
      text: `${h.status === 'open' ? 'Reopened' : h.status[0]!.toUpperCase() + h.status.slice(1)}${h.by ? ` by ${h.by}` : ''}`,
      detail: h.note ?? undefined,
    });
  for (const d of r.deliveries ?? []) events.push(deliveryEvent(d));
  return events.sort((x, y) => (x.at ?? '').localeCompare(y.at ?? ''));
}

const ACTIONS: { to: AlertStatus; label: string; from: AlertStatus[]; testid: string }[] = [
  { to: 'acknowledged', label: 'Acknowledge', from: ['open'], testid: 'ack-alert' },
  { to: 'resolved', label: 'Resolve', from: ['open', 'acknowledged'], testid: 'resolve-alert' },
  { to: 'open', label: 'Reopen', from: ['acknowledged', 'resolved'], testid: 'reopen-alert' },
];

export function AlertPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useAsync(() => api.alert(id), [id]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<Error>();

  const change = async (to: AlertStatus) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await api.setAlertStatus(id, to, note.trim() || undefined);
      setNote('');
      reload();
    } catch (err) {
      setActionError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  if (error)
    return (
      <div className="page">
        <a href={href('alerts')}>← Alerts</a>
        <ErrorBox error={error} title="Could not load the alert" />
      </div>
    );
  if (!data) return <div className="page">{loading && <Loading what="alert" />}</div>;
  const a = data.alert;

  return (
    <div className="page alert-page" data-testid="alert-detail">
      <div className="crumbs">
        <a href={href('alerts')}>← Alerts</a>
        <span className="muted mono small">{a.id}</span>
      </div>
      <header className="alert-head">
        <SeverityBadge severity={a.severity} />
        <h1 data-testid="alert-title">{a.title}</h1>
        <StatusBadge status={a.status} />
      </header>
      <div className="actions">
        <input
          className="input grow"
          placeholder="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="status-note"
        />
        {ACTIONS.filter((x) => x.from.includes(a.status)).map((x) => (
          <button
            key={x.to}
            className={`btn${x.to === 'acknowledged' ? ' primary' : ''}`}
            disabled={busy}
            onClick={() => change(x.to)}
            data-testid={x.testid}
          >
            {x.label}
          </button>
        ))}
      </div>
      <ErrorBox error={actionError} title="Status change failed" />
      <div className="two-col">
        <section className="panel">
          <h2>Details</h2>
          <dl className="kv">
            <dt>Detection</dt>
            <dd>
              <a href={href('detections', a.detection)} className="mono">
                {a.detection}
              </a>
            </dd>
            <dt>Dedupe</dt>
            <dd className="mono">{a.dedupe}</dd>
            <dt>Matches</dt>
            <dd>
              {fmtInt(a.matchCount)}
              {a.threshold !== undefined && a.threshold > 1 && (
                <span className="muted"> (threshold {fmtInt(a.threshold)})</span>
              )}
            </dd>
            <dt>Created</dt>
            <dd>{fmtTime(a.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{fmtTime(a.updatedAt)}</dd>
            <dt>Destinations</dt>
            <dd>{a.destinations.join(', ') || '—'}</dd>
            {a.description && (
              <>
                <dt>Description</dt>
                <dd>{a.description}</dd>
              </>
            )}
            {a.runbook && (
              <>
                <dt>Runbook</dt>
                <dd className="prewrap">{a.runbook}</dd>
              </>
            )}
            {a.reference && (
              <>
                <dt>Reference</dt>
                <dd>
                  {/^https?:\/\//.test(a.reference) ? (
                    <a href={a.reference} target="_blank" rel="noreferrer noopener">
                      {a.reference}
                    </a>
                  ) : (
                    a.reference
                  )}
                </dd>
              </>
            )}
          </dl>
          {a.context !== undefined && a.context !== null && (
            <>
              <h3>Context</h3>
              <Json value={a.context} />
            </>
          )}
        </section>
        <section className="panel" data-testid="alert-timeline">
          <h2>Timeline</h2>
          <ol className="timeline">
            {timeline(data).map((e, i) => (
              <li key={i} className={`tl-${e.kind.split(' ')[0]}`} data-testid="timeline-event">
                <span className={`tl-dot ${e.kind}`} />
                <div>
                  <div>{e.text}</div>
                  <div className="muted small">{e.at ? <Time iso={e.at} /> : 'time unknown'}</div>
                  {e.detail && <div className="small prewrap">{e.detail}</div>}
                </div>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section className="panel">
        <h2>
          Rule matches <span className="count">{fmtInt(data.matches.length)}</span>
        </h2>
        {data.matches.length === 0 && <div className="muted">No matches stored.</div>}
        {data.matches.map((m, i) => (
          <JsonDetails
            key={m.id}
            testid="alert-match"
            value={m.record}
            summary={
              <span>
                <span className="muted small">#{i + 1}</span> <Time iso={m.matchedAt} />{' '}
                <span className="mono small">{m.table}</span>{' '}
                {m.input && (
                  <span className="muted small mono" title={m.input}>
                    {m.input.split('/').pop()}
                    {m.recordPosition !== undefined ? `#${m.recordPosition}` : ''}
                  </span>
                )}{' '}
                <span className="muted small trunc">{JSON.stringify(m.record).slice(0, 160)}</span>
              </span>
            }
          />
        ))}
      </section>
    </div>
  );
}
