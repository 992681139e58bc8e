/** Test helpers for the ingest routes: a lake directory stub and an `accept` that records its calls. */
import type { LakeDirectory } from '../../../config/index.js';
import { batchRequestId, type AcceptMeta } from '../../../service/types.js';
import { LakewatchMetrics } from '../../../telemetry/metrics.js';
import { ingestRoutes } from '../routes.js';
import type { SourceFormat } from '../framing.js';

export interface AcceptCall {
  logSource: string;
  text: string;
  events: number;
  meta: AcceptMeta;
}

/** A lake directory with just the log sources (name → ingest.format) the routes look at. */
export function stubLakeDir(
  sources: Record<string, SourceFormat | undefined>,
  disabled: string[] = [],
): LakeDirectory {
  const logSources = Object.entries(sources).map(([name, format]) => ({
    name,
    enabled: true,
    ingest: format === undefined ? {} : { format },
    tables: [],
  }));
  for (const name of disabled) logSources.push({ name, enabled: false, ingest: {}, tables: [] });
  return { logSources } as unknown as LakeDirectory;
}

export interface TestRoutes {
  app: ReturnType<typeof ingestRoutes>;
  calls: AcceptCall[];
  metrics: LakewatchMetrics;
  /** Value of `lakewatch_http_ingest_requests_total` for these labels. */
  requests(labels: { log_source: string; endpoint: string; outcome: string }): Promise<number>;
}

export function testRoutes(
  opts: {
    sources?: Record<string, SourceFormat | undefined>;
    disabled?: string[];
    limits?: { maxBodyBytes: number; maxDecodedBodyBytes: number };
    /** Runs before a call is recorded; a call is recorded only when this resolves. */
    accept?: (logSource: string) => Promise<void>;
  } = {},
): TestRoutes {
  const calls: AcceptCall[] = [];
  const metrics = new LakewatchMetrics({ defaultMetrics: false });
  const app = ingestRoutes({
    lakeDir: stubLakeDir(
      opts.sources ?? { web: 'json', syslog: 'text', flows: 'auto', audit: 'csv' },
      opts.disabled,
    ),
    limits: opts.limits ?? { maxBodyBytes: 1024 * 1024, maxDecodedBodyBytes: 4 * 1024 * 1024 },
    metrics,
    accept: async (batches, meta) => {
      for (const b of batches) if (opts.accept) await opts.accept(b.logSource);
      batches.forEach((b, i) =>
        calls.push({
          logSource: b.logSource,
          text: b.lines.toString('utf8'),
          events: b.events,
          meta: { ...meta, requestId: batchRequestId(meta.requestId, i, batches.length) },
        }),
      );
    },
  });
  return {
    app,
    calls,
    metrics,
    async requests(labels) {
      const m = await metrics.httpIngestRequests.get();
      const hit = m.values.find(
        (v) =>
          v.labels.log_source === labels.log_source &&
          v.labels.endpoint === labels.endpoint &&
          v.labels.outcome === labels.outcome,
      );
      return hit?.value ?? 0;
    },
  };
}
