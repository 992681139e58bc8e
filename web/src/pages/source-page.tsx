/** One log source: health figures, ingest volume over time, dead-letter samples with reasons. */
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { ErrorBox, Loading, Stat, Time } from '../components/common';
import { TimeChart, type ChartSeries } from '../components/time-chart';
import { fmtBytes, fmtDuration, fmtInt } from '../lib/format';
import { href } from '../lib/router';
import { useAsync } from '../lib/use-async';
import { health } from './sources-page';

const RANGES: { since: string; step: string }[] = [
  { since: '1h', step: '1m' },
  { since: '6h', step: '5m' },
  { since: '24h', step: '15m' },
  { since: '7d', step: '1h' },
  { since: '30d', step: '6h' },
];

export function SourcePage({ name }: { name: string }) {
  const [range, setRange] = useState(RANGES[2]!);
  const sources = useAsync(() => api.sources(), [name]);
  const volume = useAsync(() => api.volume(name, range.since, range.step), [name, range]);
  const dead = useAsync(() => api.deadLetters(name, 50), [name]);
  const s = sources.data?.find((x) => x.name === name);

  const [metric, setMetric] = useState<'events' | 'bytes'>('events');
  const chart = useMemo(() => {
    const series = volume.data ?? [];
    const times = series.map((p) => Math.floor(new Date(p.t).getTime() / 1000));
    const lines: ChartSeries[] = [
      metric === 'events'
        ? { label: 'events', values: series.map((p) => p.events), color: '#38bdf8', format: fmtInt }
        : { label: 'bytes', values: series.map((p) => p.bytes), color: '#a78bfa', format: fmtBytes },
    ];
    return { times, lines, total: series.reduce((n, p) => n + p.events, 0) };
  }, [volume.data, metric]);

  return (
    <div className="page" data-testid="source-detail">
      <div className="crumbs">
        <a href={href('sources')}>← Log sources</a>
      </div>
      <header className="page-head">
        <h1>{name}</h1>
        {s && <span className={`dot tone-${health(s).tone}`} title={health(s).label} />}
        {s?.format && <span className="muted small mono">{s.format}</span>}
      </header>
      <ErrorBox error={sources.error} />
      {s && (
        <div className="stats">
          <Stat label="Events 24h" value={fmtInt(s.events24h)} />
          <Stat label="Bytes 24h" value={fmtBytes(s.bytes24h)} />
          <Stat
            label="Dead letters 24h"
            value={fmtInt(s.deadLetters24h)}
            tone={s.deadLetters24h ? 'bad' : undefined}
          />
          <Stat label="Last event" value={<Time iso={s.lastEventAt} ago />} />
          <Stat
            label="Lag"
            value={fmtDuration(s.lagMs)}
            tone={s.lagMs !== null && s.lagMs > 3_600_000 ? 'warn' : undefined}
          />
          <Stat
            label="Spool pending"
            value={fmtInt(s.spoolPending)}
            tone={s.spoolPending ? 'warn' : undefined}
          />
          <Stat label="Last commit" value={<Time iso={s.lastCommitAt} ago />} />
          <Stat label="Tables" value={<span className="mono small">{s.tables.join(', ')}</span>} />
          {s.dropFolder && (
            <Stat label="Drop folder" value={<span className="mono small">{s.dropFolder}</span>} />
          )}
        </div>
      )}
      <section className="panel">
        <div className="panel-head">
          <h2>Ingest volume</h2>
          <span className="muted small">{fmtInt(chart.total)} events in range</span>
          <span className="spacer" />
          <div className="seg" data-testid="volume-metric">
            {(['events', 'bytes'] as const).map((m) => (
              <button
                key={m}
                className={`seg-btn${m === metric ? ' active' : ''}`}
                onClick={() => setMetric(m)}
              >
                {m}
              </button>
            ))}
          </div>
          <div className="seg">
            {RANGES.map((r) => (
              <button
                key={r.since}
                className={`seg-btn${r === range ? ' active' : ''}`}
                onClick={() => setRange(r)}
              >
                {r.since}
              </button>
            ))}
          </div>
        </div>
        <ErrorBox error={volume.error} title="Could not load volume" />
        {volume.loading && !volume.data && <Loading what="volume" />}
        {volume.data && volume.data.length === 0 && <div className="empty">No commits in this range.</div>}
        {volume.data && volume.data.length > 0 && (
          <TimeChart times={chart.times} series={chart.lines} testid="volume-chart" bars />
        )}
      </section>
      <section className="panel">
        <h2>
          Dead letters{' '}
          {dead.data && (
            <span className="count" data-testid="dead-letter-total">
              {fmtInt(dead.data.total)}
            </span>
          )}
        </h2>
        <ErrorBox error={dead.error} title="Could not load dead letters" />
        {dead.data && dead.data.samples.length === 0 && (
          <div className="muted">None. Every record of this source parsed.</div>
        )}
        {dead.data && dead.data.samples.length > 0 && (
          <table className="table" data-testid="dead-letters">
            <thead>
              <tr>
                <th>Time</th>
                <th>Stage</th>
                <th>Reason</th>
                <th>Input</th>
                <th className="num">Line</th>
                <th>Raw</th>
              </tr>
            </thead>
            <tbody>
              {dead.data.samples.map((d, i) => (
                <tr key={i}>
                  <td className="small nowrap">
                    <Time iso={d.ts} />
                  </td>
                  <td className="small mono">
                    {d.stage ?? '—'}
                    {d.table ? <div className="muted">{d.table}</div> : null}
                  </td>
                  <td className="bad small">{d.reason ?? 'no reason recorded'}</td>
                  <td className="mono small trunc" title={d.input ?? undefined}>
                    {d.input ?? '—'}
                  </td>
                  <td className="num">{d.line ?? '—'}</td>
                  <td className="mono small">
                    {d.raw === null ? (
                      <span className="cell-null">NULL</span>
                    ) : (
                      <details>
                        <summary className="trunc">{d.raw.slice(0, 120)}</summary>
                        <pre className="json">{d.raw}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
