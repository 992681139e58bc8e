/** One detection: status, matches over time, recent errors, and a "Run tests" button. */
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import type { TestRun } from '../api/types';
import { ErrorBox, Loading, SeverityBadge, Stat, Time } from '../components/common';
import { TimeChart } from '../components/time-chart';
import { fmtDuration, fmtInt } from '../lib/format';
import { href } from '../lib/router';
import { useAsync } from '../lib/use-async';

export function DetectionPage({ name }: { name: string }) {
  const { data, error, loading } = useAsync(() => api.detection(name), [name]);
  const [tests, setTests] = useState<TestRun>();
  const [testError, setTestError] = useState<Error>();
  const [testing, setTesting] = useState(false);

  const chart = useMemo(() => {
    const pts = data?.matchesOverTime ?? [];
    return {
      times: pts.map((p) => Math.floor(new Date(p.t).getTime() / 1000)),
      series: [{ label: 'matches', values: pts.map((p) => p.count), color: '#f59e0b', format: fmtInt }],
    };
  }, [data]);

  const runTests = async () => {
    setTesting(true);
    setTestError(undefined);
    try {
      setTests(await api.testDetection(name));
    } catch (err) {
      setTestError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setTesting(false);
    }
  };

  if (error)
    return (
      <div className="page">
        <a href={href('detections')}>← Detections</a>
        <ErrorBox error={error} title="Could not load the detection" />
      </div>
    );
  if (!data) return <div className="page">{loading && <Loading what="detection" />}</div>;
  const errors = data.recentErrors ?? [];

  return (
    <div className="page" data-testid="detection-detail">
      <div className="crumbs">
        <a href={href('detections')}>← Detections</a>
      </div>
      <header className="page-head">
        <h1>{data.name}</h1>
        {data.severity && <SeverityBadge severity={data.severity} />}
        {data.loaded ? (
          <span className="badge st-loaded">loaded</span>
        ) : (
          <span className="badge st-error">error</span>
        )}
        <span className="spacer" />
        <button className="btn primary" onClick={runTests} disabled={testing} data-testid="run-tests">
          {testing ? 'Running tests…' : `Run tests (${data.tests})`}
        </button>
      </header>
      {data.loadError && <ErrorBox error={data.loadError} title="Load error" />}
      {data.description && <p className="muted">{data.description}</p>}
      {data.runbook && <p className="prewrap small">Runbook: {data.runbook}</p>}
      <div className="stats">
        <Stat label="Language" value={data.language} />
        <Stat label="Tables" value={<span className="mono small">{data.tables.join(', ')}</span>} />
        <Stat label="Enabled" value={data.enabled ? 'yes' : 'no'} />
        <Stat label="Matches 24h" value={fmtInt(data.matches24h)} />
        <Stat label="Errors 24h" value={fmtInt(data.errors24h)} tone={data.errors24h ? 'bad' : undefined} />
        {data.threshold !== undefined && <Stat label="Threshold" value={fmtInt(data.threshold)} />}
        {data.deduplicationWindowMs !== undefined && (
          <Stat label="Dedupe window" value={fmtDuration(data.deduplicationWindowMs)} />
        )}
        {data.destinations && data.destinations.length > 0 && (
          <Stat label="Destinations" value={<span className="small">{data.destinations.join(', ')}</span>} />
        )}
      </div>
      <ErrorBox error={testError} title="Tests could not run" />
      {tests && (
        <section className="panel" data-testid="test-results">
          <h2>
            Tests: <span className="ok">{tests.passed} passed</span>
            {tests.failed > 0 && <span className="bad"> · {tests.failed} failed</span>}
          </h2>
          {tests.cases.length === 0 && <div className="muted">This detection has no tests.</div>}
          {(tests.loadErrors ?? []).map((e) => (
            <div key={e} className="error-box">
              {e}
            </div>
          ))}
          <ul className="cases">
            {tests.cases.map((c) => (
              <li
                key={`${c.file ?? ''}:${c.line ?? ''}:${c.name}`}
                className={c.ok ? 'ok' : 'bad'}
                data-testid="test-case"
              >
                {c.ok ? '✓' : '✗'} {c.name}
                {c.file && (
                  <span className="muted">
                    {' '}
                    {c.file}
                    {c.line ? `:${c.line}` : ''}
                  </span>
                )}
                {c.diff && <pre className="json diff">{c.diff}</pre>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel">
        <h2>Matches over time</h2>
        {chart.times.length === 0 ? (
          <div className="empty">No matches recorded.</div>
        ) : (
          <TimeChart times={chart.times} series={chart.series} testid="matches-chart" bars />
        )}
      </section>
      <section className="panel">
        <h2>
          Recent errors <span className="count">{fmtInt(errors.length)}</span>
        </h2>
        {errors.length === 0 && <div className="muted">No errors.</div>}
        {errors.map((e, i) => (
          <div key={i} className="error-item">
            <div className="muted small">
              <Time iso={e.ts} />
              {e.table && <span className="mono"> · {e.table}</span>}
              {e.function && <span className="mono"> · {e.function}()</span>}
              {e.type && <span> · {e.type}</span>}
            </div>
            <div className="bad prewrap">{e.message ?? 'no message'}</div>
            {e.record && (
              <details>
                <summary className="muted small">record</summary>
                <pre className="json">{e.record}</pre>
              </details>
            )}
          </div>
        ))}
      </section>
    </div>
  );
}
