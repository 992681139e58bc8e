/**
 * Worker thread of the script pool: imports the bundled detections, then runs batches of
 * records through them, detection by detection, posting one chunk of results per detection
 * (so the pool knows which detection was running when a batch times out).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Severity } from '../../config/types.js';
import type { DetectionErrorInfo, DetectionLoadError } from '../python/pool.js';
import { createRemoteCacheFactory } from '../remotecache/cache.js';
import { parseJsonText, toJsonText } from '../remotecache/json.js';
import { openRemoteCacheDb, SqliteRemoteCacheStore } from '../remotecache/store.js';
import { deepget } from './deepget.js';
import { DETECTION_API, type DetectionApi, type EnrichmentTable } from './detection.js';
import type {
  BatchMessage,
  FromWorker,
  ToWorker,
  WireMatch,
  WireResult,
  WorkerDetection,
  WorkerInit,
} from './protocol.js';
import { installStackTraces, registerBundle } from './stack.js';

const SEVERITIES: readonly string[] = ['info', 'notice', 'low', 'medium', 'high', 'critical'];
const OPTIONAL = [
  'title',
  'dedupe',
  'severity',
  'description',
  'runbook',
  'reference',
  'alert_context',
  'destinations',
] as const;
type Optional = (typeof OPTIONAL)[number];
type Fn = (record: unknown) => unknown;

/**
 * Full stack traces for the first errors of a detection in a batch; later ones carry type and
 * message only (formatting a stack per record would make a failing detection slow).
 */
const TRACEBACKS_PER_BATCH = 10;

const port = parentPort!;
const post = (msg: FromWorker): void => port.postMessage(msg);

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === 'object' || typeof v === 'function') &&
    typeof (v as PromiseLike<unknown>).then === 'function'
  );
}

class FuncError {
  constructor(
    readonly fn: string,
    readonly err: unknown,
  ) {}
}

function errorInfo(err: unknown, fn: string | undefined, withTraceback: boolean): DetectionErrorInfo {
  let out: DetectionErrorInfo;
  if (err !== null && typeof err === 'object' && 'message' in err) {
    const e = err as Error;
    out = {
      type: typeof e.name === 'string' && e.name ? e.name : 'Error',
      message: String(e.message),
      traceback: withTraceback ? String(e.stack ?? '') : '',
    };
  } else {
    // `throw 'text'` and the like: no stack to give
    out = { type: 'ThrownValue', message: typeof err === 'string' ? err : safeText(err), traceback: '' };
  }
  if (fn !== undefined) out.function = fn;
  return out;
}

/** A value as a warning shows it: strings quoted. */
function repr(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : safeText(v);
}

function safeText(v: unknown): string {
  try {
    return typeof v === 'string' ? v : toJsonText(v);
  } catch {
    return String(v);
  }
}

class Detection {
  readonly detect: Fn;
  readonly funcs: Partial<Record<Optional, Fn>> = {};
  readonly defaultTitle: string;

  constructor(
    readonly spec: WorkerDetection,
    mod: Record<string, unknown>,
  ) {
    this.detect = mod.detect as Fn;
    for (const name of OPTIONAL) {
      const f = mod[name] ?? (name === 'alert_context' ? mod.alertContext : undefined);
      if (typeof f === 'function') this.funcs[name] = f as Fn;
    }
    this.defaultTitle = spec.displayName || spec.name;
  }

  /** The alert fields of a matched record, by Matano's rules (as the Python worker). */
  async match(record: unknown): Promise<WireMatch> {
    const funcs = this.funcs;
    const warnings: string[] = [];
    const call = async (name: Optional): Promise<unknown> => {
      const f = funcs[name];
      if (!f) return undefined;
      try {
        const v = f(record);
        return isThenable(v) ? await v : v;
      } catch (err) {
        throw new FuncError(name, err);
      }
    };
    const given = (v: unknown): boolean => v !== null && v !== undefined;
    const title = await call('title');
    const out: WireMatch = {
      title: given(title) ? String(title) : this.defaultTitle,
      dedupe: '',
      severity: this.spec.severity,
    };
    const dedupe = await call('dedupe');
    out.dedupe = given(dedupe) ? String(dedupe) : out.title;
    const severity = await call('severity');
    if (given(severity)) {
      const text = String(severity).trim().toLowerCase();
      if (SEVERITIES.includes(text)) out.severity = text as Severity;
      else
        warnings.push(
          `severity() returned ${repr(severity)}; expected one of ${SEVERITIES.join(', ')}, used '${out.severity}'`,
        );
    }
    for (const name of ['description', 'runbook', 'reference'] as const) {
      const v = await call(name);
      if (given(v)) out[name] = String(v);
    }
    const destinations = await call('destinations');
    if (given(destinations)) {
      if (typeof destinations === 'string') out.destinations = [destinations];
      else if (typeof (destinations as Iterable<unknown>)[Symbol.iterator] === 'function')
        out.destinations = Array.from(destinations as Iterable<unknown>, (v) => String(v));
      else
        warnings.push(
          `destinations() returned ${repr(destinations)}; expected a string or a list of strings`,
        );
    }
    const context = await call('alert_context');
    if (given(context)) {
      try {
        out.alert_context = toJsonText(context);
      } catch (err) {
        warnings.push(`alert_context() result is not JSON-serialisable: ${(err as Error).message}`);
      }
    }
    if (warnings.length > 0) out.warnings = warnings;
    return out;
  }

  async run(records: (object | DetectionErrorInfo)[], valid: boolean[]): Promise<WireResult[]> {
    const results: WireResult[] = [];
    let failures = 0;
    const detect = this.detect; // called as a plain function: stack frames say `detect`, not `Detection.detect`
    for (let i = 0; i < records.length; i++) {
      const rec = records[i]!;
      if (!valid[i]) {
        results.push([i, { e: rec as DetectionErrorInfo }]);
        continue;
      }
      try {
        let hit: unknown;
        try {
          hit = detect(rec);
          if (isThenable(hit)) hit = await hit;
        } catch (err) {
          throw new FuncError('detect', err);
        }
        if (hit) results.push([i, { m: await this.match(rec) }]);
      } catch (err) {
        failures++;
        const fe = err instanceof FuncError ? err : new FuncError('detect', err);
        results.push([i, { e: errorInfo(fe.err, fe.fn, failures <= TRACEBACKS_PER_BATCH) }]);
      }
    }
    return results;
  }
}

/** Python's `record.deepget(path, default)`, as a non-enumerable method of each record. */
function recordDeepget(this: unknown, path: string, defaultValue?: unknown): unknown {
  return deepget(this, path, defaultValue);
}

function parseRecord(text: string): { ok: true; record: object } | { ok: false; error: DetectionErrorInfo } {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (err) {
    return { ok: false, error: { type: 'InvalidRecord', message: (err as Error).message, traceback: '' } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return {
      ok: false,
      error: { type: 'InvalidRecord', message: `a record must be a JSON object, got ${kind}`, traceback: '' },
    };
  }
  if (!Object.hasOwn(value, 'deepget'))
    Object.defineProperty(value, 'deepget', {
      value: recordDeepget,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  return { ok: true, record: value };
}

function enrichmentTables(data: WorkerInit['enrichment']): (table: string) => EnrichmentTable {
  const tables = new Map<string, EnrichmentTable>();
  return (table) => {
    const name = String(table);
    let t = tables.get(name);
    if (t) return t;
    const rows = data && Object.hasOwn(data, name) ? data[name] : undefined;
    // lookups throw, not enrichment(): a detection may bind its tables at import time
    const lookup = (key: string): unknown => {
      if (!rows) throw new Error(`enrichment table '${name}' is not available`);
      const k = String(key);
      const row = Object.hasOwn(rows, k) ? rows[k] : undefined;
      // rows are records too, with deepget(), as in Python
      if (row !== null && typeof row === 'object' && !Array.isArray(row) && !Object.hasOwn(row, 'deepget'))
        Object.defineProperty(row, 'deepget', {
          value: recordDeepget,
          enumerable: false,
          writable: true,
          configurable: true,
        });
      return row;
    };
    t = {
      name,
      get: <T>(key: string, defaultValue?: T) => {
        const row = lookup(key);
        return (row === undefined ? defaultValue : row) as T | undefined;
      },
      has: (key: string) => lookup(key) !== undefined,
    };
    tables.set(name, t);
    return t;
  };
}

function loadError(spec: WorkerDetection, err: unknown): DetectionLoadError {
  const info = errorInfo(err, undefined, true);
  const out: DetectionLoadError = {
    detection: spec.name,
    file: spec.file,
    type: info.type,
    message: info.message,
    traceback: info.traceback,
  };
  // the innermost frame in the detection's own file names the line
  const m = new RegExp(`${spec.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):\\d+`).exec(
    info.traceback,
  );
  if (m) out.line = Number(m[1]);
  return out;
}

async function load(spec: WorkerDetection): Promise<Detection> {
  const url = 'data:text/javascript;base64,' + Buffer.from(spec.code).toString('base64');
  registerBundle(url, spec.dir, spec.map);
  let mod = (await import(url)) as Record<string, unknown>;
  // a CommonJS detect.js (module.exports = { detect }) arrives as the default export
  const dflt = mod.default as Record<string, unknown> | undefined;
  if (typeof mod.detect !== 'function' && dflt && typeof dflt.detect === 'function') mod = dflt;
  if (typeof mod.detect !== 'function') {
    const err = new Error(`${spec.file} exports no detect(record) function`);
    err.name = 'MissingExport';
    throw err;
  }
  return new Detection(spec, mod);
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  installStackTraces(import.meta.url);
  // a detection's stray timer or promise must not take the worker (and its batch) down
  process.on('uncaughtException', (err) => {
    process.stderr.write(`uncaught exception in a detection: ${(err as Error)?.stack ?? String(err)}\n`);
  });
  process.on('unhandledRejection', (err) => {
    process.stderr.write(
      `unhandled promise rejection in a detection: ${(err as Error)?.stack ?? String(err)}\n`,
    );
  });
  const db = init.remoteCacheSqlite ? openRemoteCacheDb(init.remoteCacheSqlite) : undefined;
  const api: DetectionApi = {
    remotecache: createRemoteCacheFactory(db ? new SqliteRemoteCacheStore(db) : undefined),
    enrichment: enrichmentTables(init.enrichment),
  };
  (globalThis as Record<symbol, unknown>)[DETECTION_API] = api;

  const detections = new Map<string, Detection>();
  const errors: DetectionLoadError[] = [];
  for (const spec of init.detections) {
    post({ t: 'loading', d: spec.name }); // names the culprit if an import hangs
    try {
      detections.set(spec.name, await load(spec));
    } catch (err) {
      errors.push(loadError(spec, err));
    }
  }

  const runBatch = async (msg: BatchMessage): Promise<void> => {
    const records: (object | DetectionErrorInfo)[] = [];
    const valid: boolean[] = [];
    for (const text of msg.records) {
      const r = parseRecord(text);
      records.push(r.ok ? r.record : r.error);
      valid.push(r.ok);
    }
    for (const name of msg.detections) {
      const det = detections.get(name);
      const r = det ? await det.run(records, valid) : [];
      post({ t: 'chunk', id: msg.id, d: name, r });
    }
  };
  let queue = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    if (msg.t === 'close') {
      db?.close();
      process.exit(0);
    }
    queue = queue.then(() =>
      runBatch(msg).catch((err: unknown) => {
        post({ t: 'fatal', message: `the detection worker failed: ${(err as Error)?.stack ?? String(err)}` });
      }),
    );
  });
  post({ t: 'ready', errors });
}

main().catch((err: unknown) => {
  post({
    t: 'fatal',
    message: `the detection worker could not start: ${(err as Error)?.stack ?? String(err)}`,
  });
});
