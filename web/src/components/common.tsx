/** Small shared pieces: severity/status badges, error box, loading line, JSON viewer. */
import type { ReactNode } from 'react';
import { fmtAgo, fmtTime } from '../lib/format';

export function SeverityBadge({ severity }: { severity: string | null | undefined }) {
  const s = severity ?? 'info';
  return (
    <span className={`badge sev-${s}`} data-testid="severity">
      {s}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge st-${status}`} data-testid="alert-status">
      {status}
    </span>
  );
}

export function ErrorBox({ error, title }: { error: Error | string | undefined; title?: string }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className="error-box" role="alert" data-testid="error">
      {title && <strong>{title}: </strong>}
      <span>{message}</span>
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  return <div className="muted loading">Loading{what ? ` ${what}` : ''}…</div>;
}

export function Time({ iso, ago }: { iso: string | null | undefined; ago?: boolean }) {
  return (
    <time dateTime={iso ?? undefined} title={iso ?? undefined}>
      {ago ? fmtAgo(iso) : fmtTime(iso)}
    </time>
  );
}

export function Json({ value }: { value: unknown }) {
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** A collapsed JSON value with a one-line preview. */
export function JsonDetails({
  summary,
  value,
  testid,
}: {
  summary: ReactNode;
  value: unknown;
  testid?: string;
}) {
  return (
    <details className="json-details" data-testid={testid}>
      <summary>{summary}</summary>
      <Json value={value} />
    </details>
  );
}

export function Stat({
  label,
  value,
  tone,
}: {
  label: string;
  value: ReactNode;
  tone?: 'bad' | 'warn' | 'ok';
}) {
  return (
    <div className={`stat${tone ? ` tone-${tone}` : ''}`}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
    </div>
  );
}
