/** Realtime detections for the commands that ingest (ingest, demo): open, run, summarize. */
import type { LakeDirectory } from '../config/index.js';
import { openRealtime, type DetectionSummary, type Realtime } from '../detect/realtime.js';
import type { Lake } from '../lake/index.js';
import { formatCount } from '../util/index.js';

/** Runs `fn` with the lake's realtime detections (undefined when disabled or none exist). */
export async function withRealtime<T>(
  lake: Lake,
  lakeDir: LakeDirectory,
  enabled: boolean,
  fn: (realtime: Realtime | undefined) => Promise<T>,
): Promise<T> {
  const realtime = enabled ? await openRealtime({ lake, lakeDir, runtime: runtimeFromEnv() }) : null;
  try {
    return await fn(realtime ?? undefined);
  } finally {
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
  for (const [name, s] of Object.entries(d.byDetection)) {
    const parts = [`${formatCount(s.matches)} match${s.matches === 1 ? '' : 'es'}`];
    if (s.errors) parts.push(`${formatCount(s.errors)} errors`);
    lines.push(`    ${name.padEnd(36)} ${parts.join(', ')}`);
    for (const e of s.sampleErrors.slice(0, 2))
      lines.push(`      ${e.type}${e.function ? ` in ${e.function}()` : ''}: ${e.message.split('\n')[0]}`);
  }
  for (const e of d.loadErrors)
    lines.push(`    ${e.detection.padEnd(36)} not loaded: ${e.type}: ${e.message.split('\n')[0]}`);
  return lines;
}
