/**
 * One detection runner over both runtimes: Python detections in CPython workers, TypeScript and
 * JavaScript detections in worker threads. Results have the same shape whatever the language.
 */
import type { DetectionLoadError, DetectionResult } from './pool/index.js';
import { createPythonPool, type PythonPool, type PythonPoolOptions } from './python/index.js';
import type { ScriptPoolOptions } from './typescript/index.js';

/**
 * Both pools' options (`python`, `pythonPath` and `startupTimeoutMs` go to the Python pool; the
 * rest to both): see `PythonPoolOptions` and `ScriptPoolOptions`.
 */
export type DetectionRunnerOptions = PythonPoolOptions & ScriptPoolOptions;

export interface DetectionRunner {
  /** Runs every enabled detection of `table` over the records (each a JSON object text). */
  run(table: string, recordsJson: string[]): Promise<DetectionResult[]>;
  /** Detections that could not be loaded (they are skipped). */
  loadErrors(): Promise<DetectionLoadError[]>;
  close(): Promise<void>;
}

/** A runtime pool: the Python pool and the script pool share this surface. */
type Pool = Pick<PythonPool, 'run' | 'loadErrors' | 'close'>;

export async function createDetectionRunner(opts: DetectionRunnerOptions): Promise<DetectionRunner> {
  const enabled = opts.detections.filter((d) => d.enabled);
  const pools: { pool: Pool; names: Set<string> }[] = [];
  const py = enabled.filter((d) => d.code.language === 'python');
  const js = enabled.filter((d) => d.code.language !== 'python');
  if (py.length > 0) {
    pools.push({
      names: new Set(py.map((d) => d.name)),
      pool: createPythonPool({ ...opts, detections: py }),
    });
  }
  if (js.length > 0) {
    const { createScriptPool } = await import('./typescript/index.js');
    pools.push({
      names: new Set(js.map((d) => d.name)),
      pool: createScriptPool({ ...opts, detections: js }),
    });
  }
  const order = new Map(enabled.map((d, i) => [d.name, i]));
  return {
    async run(table, recordsJson) {
      const parts = await Promise.all(pools.map((p) => p.pool.run(table, recordsJson)));
      const all = parts.flat();
      if (pools.length > 1)
        all.sort(
          (a, b) =>
            a.recordIndex - b.recordIndex || (order.get(a.detection) ?? 0) - (order.get(b.detection) ?? 0),
        );
      return all;
    },
    async loadErrors() {
      return (await Promise.all(pools.map((p) => p.pool.loadErrors()))).flat();
    },
    async close() {
      await Promise.all(pools.map((p) => p.pool.close()));
    },
  };
}
