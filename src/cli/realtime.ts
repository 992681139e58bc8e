/** Realtime detections and alert delivery for the commands that ingest (ingest, demo). */
import path from 'node:path';
import { ConfigErrors, type LakeDirectory } from '../config/index.js';
import type { ConfigProblem } from '../config/types.js';
import type { AlertStore } from '../alerts/index.js';
import {
  checkDestinationNames,
  loadDestinations,
  openDelivery,
  type Delivery,
  type DestinationConfig,
} from '../alerts/destinations/index.js';
import type { DetectionLoadError } from '../detect/python/index.js';
import { openRealtime, openStateDb, type DetectionSummary, type Realtime } from '../detect/realtime.js';
import type { Lake } from '../lake/index.js';
import { formatCount } from '../util/index.js';

/**
 * The lake's destinations (`integrations/destinations/*.yml`), checked together with the names
 * detections (`alert.destinations`) and `alerting.routes` use.
 */
export function loadAlerting(lakeDir: LakeDirectory): {
  destinations: DestinationConfig[];
  problems: ConfigProblem[];
} {
  const { destinations, problems } = loadDestinations(lakeDir.dir);
  problems.push(...checkDestinationNames(lakeDir.dir, lakeDir.detections, destinations));
  const known = new Set(destinations.map((d) => d.name));
  const routes = lakeDir.project.alerting?.routes ?? {};
  for (const [severity, names] of Object.entries(routes)) {
    (names ?? []).forEach((name, i) => {
      if (known.has(name)) return;
      problems.push({
        file: path.relative(lakeDir.dir, lakeDir.configFile),
        path: `alerting.routes.${severity}[${i}]`,
        message: `no destination named "${name}"`,
        expected: known.size
          ? `one of ${[...known].join(', ')}`
          : 'a file integrations/destinations/<name>.yml with that name',
      });
    });
  }
  return { destinations, problems };
}

/** Delivery of the lake's alert changes to its destinations, on the lake's SQL store. */
export function openLakeDelivery(
  lake: Lake,
  lakeDir: LakeDirectory,
  store: AlertStore,
  destinations: DestinationConfig[],
): { delivery: Delivery; close: () => void } {
  const db = openStateDb(lake);
  const opts: Parameters<typeof openDelivery>[0] = {
    db,
    store,
    destinations,
    log: (line) => process.stderr.write(`lakewatch: ${line}\n`),
  };
  const routes = lakeDir.project.alerting?.routes;
  if (routes) opts.routes = routes;
  // LAKEWATCH_DELIVERY_ATTEMPTS: tries per destination per run (default 4, with backoff)
  const attempts = Number(process.env.LAKEWATCH_DELIVERY_ATTEMPTS);
  if (Number.isInteger(attempts) && attempts > 0) opts.retry = { attempts };
  return { delivery: openDelivery(opts), close: () => db.close() };
}

/** Runs `fn` with the lake's realtime detections (undefined when disabled or none exist). */
export async function withRealtime<T>(
  lake: Lake,
  lakeDir: LakeDirectory,
  enabled: boolean,
  fn: (realtime: Realtime | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) {
    // --no-detect: the batches are marked so a later ingest does not detect them either
    const skipping = await openRealtime({ lake, lakeDir, skip: true });
    try {
      return await fn(skipping ?? undefined);
    } finally {
      await skipping?.close();
    }
  }
  // destinations are checked before any data moves, like VRL programs
  const { destinations, problems } = loadAlerting(lakeDir);
  if (problems.length > 0) throw new ConfigErrors(lakeDir.dir, problems);
  let delivery: { delivery: Delivery; close: () => void } | undefined;
  const realtime = await openRealtime({
    lake,
    lakeDir,
    runtime: runtimeFromEnv(),
    afterAlerts: async (store) => {
      delivery ??= openLakeDelivery(lake, lakeDir, store, destinations);
      const s = await delivery.delivery.deliverPending();
      return { sent: s.sent, failed: s.failed };
    },
  });
  try {
    return await fn(realtime ?? undefined);
  } finally {
    delivery?.close();
    await realtime?.close();
  }
}

/** LAKEWATCH_PYTHON (interpreter), LAKEWATCH_DETECTION_WORKERS, LAKEWATCH_DETECTION_TIMEOUT_MS. */
function runtimeFromEnv(): { python?: string; workers?: number; timeoutMs?: number } {
  const out: { python?: string; workers?: number; timeoutMs?: number } = {};
  const env = process.env;
  if (env.LAKEWATCH_PYTHON) out.python = env.LAKEWATCH_PYTHON;
  const workers = Number(env.LAKEWATCH_DETECTION_WORKERS);
  if (Number.isInteger(workers) && workers > 0) out.workers = workers;
  const timeout = Number(env.LAKEWATCH_DETECTION_TIMEOUT_MS);
  if (Number.isInteger(timeout) && timeout > 0) out.timeoutMs = timeout;
  return out;
}

export function formatDetectionSummary(d: DetectionSummary): string[] {
  const lines: string[] = [];
  const alerts =
    d.alertsOpened || d.alertsActivated || d.alertsUpdated
      ? ` → ${formatCount(d.alertsOpened)} new alert${d.alertsOpened === 1 ? '' : 's'}, ` +
        `${formatCount(d.alertsActivated)} activated, ${formatCount(d.alertsUpdated)} updated  (lakewatch alerts)`
      : '';
  lines.push(
    `  detections     ${formatCount(d.matches)} match${d.matches === 1 ? '' : 'es'} on ${formatCount(d.records)} records${alerts}`,
  );
  const notLoaded = new Set(d.loadErrors.map((e) => e.detection));
  for (const [name, s] of Object.entries(d.byDetection)) {
    if (notLoaded.has(name)) continue;
    const parts = [`${formatCount(s.matches)} match${s.matches === 1 ? '' : 'es'}`];
    if (s.errors) parts.push(`${formatCount(s.errors)} errors (table lakewatch_detection_errors)`);
    lines.push(`    ${name.padEnd(36)} ${parts.join(', ')}`);
    for (const e of s.sampleErrors.slice(0, 2))
      lines.push(`      ${e.type}${e.function ? ` in ${e.function}()` : ''}: ${e.message.split('\n')[0]}`);
  }
  for (const e of d.loadErrors)
    lines.push(`    ${e.detection.padEnd(36)} not loaded: ${describeLoadError(e)}`);
  const { sent, failed } = d.deliveries;
  if (sent || failed)
    lines.push(
      `  notifications  ${formatCount(sent)} sent` +
        (failed
          ? `, ${formatCount(failed)} failed (retried on the next run; lakewatch alerts failures)`
          : ''),
    );
  return lines;
}

/** `SyntaxError: expected ':' (detections/x/detect.py:3)` */
export function describeLoadError(e: DetectionLoadError, baseDir?: string): string {
  const file = baseDir && e.file ? path.relative(baseDir, e.file) : e.file;
  const where = file ? ` (${file}${e.line !== undefined ? `:${e.line}` : ''})` : '';
  return `${e.type}: ${e.message.split('\n')[0]}${where}`;
}
