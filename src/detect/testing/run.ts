/**
 * Runs detection tests: every case's records go through ALL enabled detections of their table
 * (so a match by another detection shows), then the owning detection's results are compared
 * with the expectations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closest } from 'fastest-levenshtein';
import { ConfigErrors } from '../../config/index.js';
import type { ConfigProblem, DetectionConfig, LakeDirectory, Severity } from '../../config/types.js';
import type { DetectionLoadError, DetectionResult } from '../python/index.js';
import { findLogSource, findTable } from '../../pipeline/index.js';
import { createDetectionRunner, type DetectionRunner } from '../runner.js';
import { RemoteCacheFixture } from './fixtures.js';
import { findTestFiles, loadTestFile, type TestCase } from './format.js';
import { ingestRawLog } from './raw-log.js';

export interface RunTestsOptions {
  lakeDir: LakeDirectory;
  /** Detections to test, by name or folder name; all when empty. */
  only?: string[];
  /** Python interpreter (default `python3`). */
  python?: string;
  /** Per-batch time limit of a detection (ms); default 30 s. */
  timeoutMs?: number;
  /** Called when the tests of a detection start (or it is found to have none). */
  onDetection?: (detection: DetectionTests) => void;
  /** Called as each case finishes (for streaming output). */
  onCase?: (result: CaseResult, detection: DetectionTests) => void;
}

export type FailureKind =
  | 'match'
  | 'title'
  | 'dedupe'
  | 'severity'
  | 'error'
  | 'load_error'
  | 'dead_letter'
  | 'no_records'
  | 'input'
  | 'table'
  | 'also_matched'
  | 'missing_also_match'
  | 'other_error';

export interface Failure {
  kind: FailureKind;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** The detection concerned, when not the case's own. */
  detection?: string;
  /** Python/JS traceback of an error. */
  traceback?: string;
}

export interface CaseMatch {
  detection: string;
  table: string;
  recordIndex: number;
  title: string;
  dedupe: string;
  severity: Severity;
}

export interface CaseError {
  detection: string;
  table: string;
  recordIndex: number;
  type: string;
  message: string;
  traceback: string;
  function?: string;
}

export interface CaseResult {
  detection: string;
  name: string;
  /** Test file relative to the lake directory, and the case's line. */
  file: string;
  line: number;
  passed: boolean;
  failures: Failure[];
  /** Records the detections ran on, per table. */
  records: Record<string, number>;
  /** Every match and error of every detection on the case's records. */
  matches: CaseMatch[];
  errors: CaseError[];
  /** What detections printed while the case ran. */
  output?: string;
  durationMs: number;
}

export interface DetectionTests {
  detection: string;
  /** detection.yml, relative to the lake directory. */
  file: string;
  language: DetectionConfig['code']['language'];
  status: 'tested' | 'no tests' | 'disabled';
  testFiles: string[];
  cases: CaseResult[];
}

export interface TestReport {
  ok: boolean;
  passed: number;
  failed: number;
  detections: DetectionTests[];
  /** Detections that failed to load (those tested fail their cases; the others are warnings). */
  loadErrors: DetectionLoadError[];
  warnings: string[];
}

/** A detection named on the command line that does not exist. */
export class UnknownDetectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownDetectionError';
  }
}

/** Picks the detections to test; throws UnknownDetectionError for a name that matches none. */
export function selectDetections(lakeDir: LakeDirectory, only: readonly string[] = []): DetectionConfig[] {
  if (only.length === 0) return lakeDir.detections;
  const all = lakeDir.detections;
  const chosen = new Set<DetectionConfig>();
  for (const want of only) {
    const found = all.find((d) => d.name === want || path.basename(d.dir) === want);
    if (!found) {
      const names = all.map((d) => d.name);
      const hint = names.length ? `; did you mean "${closest(want, names)}"?` : ' (there are no detections)';
      throw new UnknownDetectionError(`no detection named "${want}" in ${lakeDir.dir}/detections${hint}`);
    }
    chosen.add(found);
  }
  return all.filter((d) => chosen.has(d));
}

/** Loads the test files of the detections; all problems at once as ConfigErrors. */
export function loadTests(lakeDir: LakeDirectory, detections: DetectionConfig[]): Map<string, TestCase[]> {
  const out = new Map<string, TestCase[]>();
  const problems: ConfigProblem[] = [];
  const names = new Set(lakeDir.detections.map((d) => d.name));
  for (const d of detections) {
    const cases: TestCase[] = [];
    for (const file of findTestFiles(d.dir)) {
      const parsed = loadTestFile(file, d.name, lakeDir.dir);
      problems.push(...parsed.problems);
      cases.push(...parsed.cases);
    }
    for (const c of cases) {
      for (const other of c.expect.alsoMatches) {
        if (!names.has(other))
          problems.push({
            file: c.file,
            line: c.line,
            path: `tests[${c.index}].also_matches`,
            message: `no detection named "${other}"`,
            ...(names.size ? { suggestion: `did you mean "${closest(other, [...names])}"?` } : {}),
          });
      }
      const at = (key: string) => ({ file: c.file, line: c.line, path: `tests[${c.index}].${key}` });
      if (c.input.kind === 'records') {
        const table = c.input.table;
        if (table !== undefined && !lakeDir.tables.some((t) => t.name === table)) {
          const names = lakeDir.tables.map((t) => t.name);
          problems.push({
            ...at('table'),
            message: `no table named "${table}" in this lake directory`,
            ...(names.length ? { suggestion: `did you mean "${closest(table, names)}"?` } : {}),
          });
        }
      } else {
        try {
          const source = findLogSource(lakeDir, c.input.logSource);
          try {
            if (c.input.table !== undefined) findTable(source, c.input.table);
          } catch (e) {
            problems.push({ ...at('table'), message: (e as Error).message });
          }
        } catch (e) {
          problems.push({ ...at('log_source'), message: (e as Error).message });
        }
      }
    }
    out.set(d.name, cases);
  }
  if (problems.length > 0) throw new ConfigErrors(lakeDir.dir, problems);
  return out;
}

/** Runs the tests of the selected detections (all by default). */
export async function runDetectionTests(opts: RunTestsOptions): Promise<TestReport> {
  const { lakeDir } = opts;
  const selected = selectDetections(lakeDir, opts.only);
  const tests = loadTests(lakeDir, selected);
  const report: TestReport = { ok: true, passed: 0, failed: 0, detections: [], loadErrors: [], warnings: [] };
  const work = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-test-'));
  const runners = new RunnerCache(lakeDir, work, opts);
  try {
    const anyCases = [...tests.values()].some((c) => c.length > 0);
    if (anyCases) {
      report.loadErrors = await runners.loadErrors();
      const tested = new Set(selected.map((d) => d.name));
      for (const e of report.loadErrors) {
        if (!tested.has(e.detection))
          report.warnings.push(
            `detection ${e.detection} could not be loaded (${e.type}: ${e.message}); ` +
              'it did not run on these tests, so its false positives would not show',
          );
      }
    }
    let caseNo = 0;
    for (const det of selected) {
      const cases = tests.get(det.name) ?? [];
      const entry: DetectionTests = {
        detection: det.name,
        file: det.file,
        language: det.code.language,
        status: !det.enabled ? 'disabled' : cases.length === 0 ? 'no tests' : 'tested',
        testFiles: findTestFiles(det.dir).map((f) => path.relative(lakeDir.dir, f)),
        cases: [],
      };
      report.detections.push(entry);
      opts.onDetection?.(entry);
      if (entry.status !== 'tested') continue;
      for (const c of cases) {
        const result = await runCase(c, det, runners, report.loadErrors, path.join(work, `case-${caseNo++}`));
        entry.cases.push(result);
        if (result.passed) report.passed++;
        else report.failed++;
        opts.onCase?.(result, entry);
      }
    }
  } finally {
    await runners.close();
    rmSync(work, { recursive: true, force: true });
  }
  report.ok = report.failed === 0;
  return report;
}

/**
 * Detection runners by enrichment fixture (it is fixed when workers start): the one without
 * fixtures is kept for the whole run, one with fixtures until a case needs other fixtures.
 */
class RunnerCache {
  private plain: Promise<Slot> | undefined;
  private fixture: { key: string; slot: Promise<Slot> } | undefined;
  private n = 0;
  /** What detections print, collected per case. */
  output = '';

  constructor(
    readonly lakeDir: LakeDirectory,
    private readonly work: string,
    private readonly opts: RunTestsOptions,
  ) {}

  private async create(enrichment: TestCase['enrichment']): Promise<Slot> {
    const sqlitePath = path.join(this.work, `remotecache-${this.n++}.sqlite`);
    const cache = new RemoteCacheFixture(sqlitePath);
    try {
      const runner = await createDetectionRunner({
        detections: this.lakeDir.detections,
        workers: 1,
        remoteCache: { sqlitePath },
        onOutput: (text) => {
          this.output += text;
        },
        ...(enrichment ? { enrichment } : {}),
        ...(this.opts.python ? { python: this.opts.python } : {}),
        ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}),
      });
      return { runner, cache };
    } catch (e) {
      cache.close();
      throw e;
    }
  }

  get(enrichment: TestCase['enrichment']): Promise<Slot> {
    if (!enrichment) return (this.plain ??= this.create(undefined));
    const key = JSON.stringify(enrichment);
    if (this.fixture?.key === key) return this.fixture.slot;
    const previous = this.fixture;
    this.fixture = { key, slot: this.create(enrichment) };
    if (previous) void previous.slot.then(closeSlot, () => undefined);
    return this.fixture.slot;
  }

  async loadErrors(): Promise<DetectionLoadError[]> {
    return (await this.get(undefined)).runner.loadErrors();
  }

  async close(): Promise<void> {
    const slots = [this.plain, this.fixture?.slot].filter((s) => s !== undefined);
    await Promise.all(slots.map((s) => s.then(closeSlot, () => undefined)));
  }
}

interface Slot {
  runner: DetectionRunner;
  cache: RemoteCacheFixture;
}

async function closeSlot(s: Slot): Promise<void> {
  await s.runner.close();
  s.cache.close();
}

/** ISO 8601 `ts` → the form detections get from the lake: `2024-05-01T12:00:00.000000Z`. */
export function normalizeTs(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      value.trim(),
    ) ?? /^(\d{4}-\d{2}-\d{2})()()()$/.exec(value.trim());
  if (!m) return value;
  const [, date, time, frac = '', zone] = m;
  const hms = !time ? '00:00:00' : time.length === 5 ? `${time}:00` : time;
  const micros = (frac + '000000').slice(0, 6);
  const zoneText =
    !zone || zone === 'z'
      ? 'Z'
      : zone.length === 3
        ? `${zone}:00`
        : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${date}T${hms}.${micros.slice(0, 3)}${zoneText}`);
  if (Number.isNaN(ms)) return value;
  const iso = new Date(ms).toISOString(); // …T12:00:00.123Z
  return `${iso.slice(0, 19)}.${(iso.slice(20, 23) + micros.slice(3)).padEnd(6, '0')}Z`;
}

/** A YAML record as the JSON detections receive: `ts` normalised, null members left out. */
export function recordJson(record: Record<string, unknown>): string {
  const copy: Record<string, unknown> = { ...record };
  if ('ts' in copy) copy.ts = normalizeTs(copy.ts);
  return JSON.stringify(copy, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = x;
      return out;
    }
    return v;
  });
}

async function runCase(
  c: TestCase,
  det: DetectionConfig,
  runners: RunnerCache,
  loadErrors: DetectionLoadError[],
  workDir: string,
): Promise<CaseResult> {
  const started = Date.now();
  const result: CaseResult = {
    detection: det.name,
    name: c.name,
    file: c.file,
    line: c.line,
    passed: false,
    failures: [],
    records: {},
    matches: [],
    errors: [],
    durationMs: 0,
  };
  const fail = (f: Failure) => result.failures.push(f);
  try {
    const own = loadErrors.find((e) => e.detection === det.name);
    if (own) {
      fail({
        kind: 'load_error',
        message: `${own.file}${own.line ? `:${own.line}` : ''}: ${own.type}: ${own.message}`,
        traceback: own.traceback,
      });
      return result;
    }
    const inputs = await caseInputs(c, det, workDir, runners.lakeDir, fail);
    if (!inputs) return result;
    if (!inputs.some((i) => det.tables.includes(i.table))) {
      fail({
        kind: 'table',
        message:
          `the records landed in ${inputs.map((i) => i.table).join(', ')}, ` +
          `but ${det.name} runs on ${det.tables.join(', ')}`,
        expected: det.tables,
        actual: inputs.map((i) => i.table),
      });
      return result;
    }
    const { runner, cache } = await runners.get(c.enrichment);
    cache.reset(c.remotecache);
    runners.output = '';
    for (const { table, records } of inputs) {
      result.records[table] = records.length;
      collect(result, table, await runner.run(table, records));
    }
    // Python writes its output to stderr, which may trail the results by a moment.
    await new Promise((r) => setImmediate(r));
    if (runners.output) result.output = runners.output;
    evaluate(c, result, fail);
  } catch (e) {
    fail({ kind: 'input', message: (e as Error).message });
  } finally {
    result.passed = result.failures.length === 0;
    result.durationMs = Date.now() - started;
  }
  return result;
}

interface TableInput {
  table: string;
  records: string[];
}

async function caseInputs(
  c: TestCase,
  det: DetectionConfig,
  workDir: string,
  lakeDir: LakeDirectory,
  fail: (f: Failure) => void,
): Promise<TableInput[] | undefined> {
  if (c.input.kind === 'records') {
    return [{ table: c.input.table ?? det.tables[0]!, records: c.input.records.map(recordJson) }];
  }
  const raw = await ingestRawLog({
    lakeDir,
    logSource: c.input.logSource,
    workDir,
    ...(c.input.table !== undefined ? { table: c.input.table } : {}),
    ...(c.input.text !== undefined ? { text: c.input.text } : {}),
    ...(c.input.logFile !== undefined ? { logFile: c.input.logFile } : {}),
  });
  for (const d of raw.deadLetters)
    fail({ kind: 'dead_letter', message: `log line ${d.line} was dead-lettered: ${d.reason}` });
  if (raw.deadLettered > raw.deadLetters.length)
    fail({
      kind: 'dead_letter',
      message: `… and ${raw.deadLettered - raw.deadLetters.length} more dead-lettered lines`,
    });
  const total = raw.tables.reduce((n, t) => n + t.records.length, 0);
  if (total === 0 && raw.deadLettered === 0) {
    fail({
      kind: 'no_records',
      message:
        `the log produced no records for the detections (${raw.read} read` +
        (raw.dropped ? `, ${raw.dropped} dropped by the transform` : '') +
        (raw.deadLettered ? `, ${raw.deadLettered} dead-lettered` : '') +
        ')',
    });
    return undefined;
  }
  return raw.deadLettered > 0 ? undefined : raw.tables;
}

function collect(result: CaseResult, table: string, results: DetectionResult[]): void {
  for (const r of results) {
    if (r.kind === 'match')
      result.matches.push({
        detection: r.detection,
        table,
        recordIndex: r.recordIndex,
        title: r.title,
        dedupe: r.dedupe,
        severity: r.severity,
      });
    else {
      const e: CaseError = {
        detection: r.detection,
        table,
        recordIndex: r.recordIndex,
        type: r.error.type,
        message: r.error.message,
        traceback: r.error.traceback,
      };
      if (r.error.function !== undefined) e.function = r.error.function;
      result.errors.push(e);
    }
  }
}

function evaluate(c: TestCase, result: CaseResult, fail: (f: Failure) => void): void {
  const det = c.detection;
  const own = result.matches.filter((m) => m.detection === det);
  const records = Object.values(result.records).reduce((a, b) => a + b, 0);
  const where = (m: { table: string; recordIndex: number }) =>
    records > 1
      ? ` (record ${m.recordIndex + 1}${Object.keys(result.records).length > 1 ? ` of ${m.table}` : ''})`
      : '';
  const ownErrors = result.errors.filter((x) => x.detection === det);
  for (const e of ownErrors) {
    fail({
      kind: 'error',
      message: `${e.function ?? 'detect'}() raised ${e.type}: ${e.message}${where(e)}`,
      traceback: e.traceback,
    });
  }
  const n = own.length;
  // an error already says why a record did not match (or only half did)
  if (ownErrors.length > 0) {
    /* no match diff */
  } else if (c.expect.matches !== undefined && n !== c.expect.matches) {
    fail({
      kind: 'match',
      message: `expected ${c.expect.matches} matching record(s) of ${records}, got ${n}`,
      expected: c.expect.matches,
      actual: n,
    });
  } else if (c.expect.match && n === 0) {
    fail({ kind: 'match', message: 'expected a match, got none', expected: true, actual: false });
  } else if (!c.expect.match && n > 0) {
    fail({
      kind: 'match',
      message: `expected no match, got ${n === 1 ? 'one' : n}: "${own[0]!.title}"${where(own[0]!)}`,
      expected: false,
      actual: true,
    });
  }
  for (const field of ['title', 'dedupe', 'severity'] as const) {
    const want = c.expect[field];
    if (want === undefined) continue;
    const bad = own.find((m) => m[field] !== want);
    if (bad)
      fail({
        kind: field,
        message: `${field}${where(bad)}`,
        expected: want,
        actual: bad[field],
      });
  }
  const others = new Map<string, CaseMatch[]>();
  for (const m of result.matches)
    if (m.detection !== det) others.set(m.detection, [...(others.get(m.detection) ?? []), m]);
  for (const [name, ms] of others) {
    if (c.expect.alsoMatches.includes(name)) continue;
    fail({
      kind: 'also_matched',
      detection: name,
      message:
        `detection ${name} also matched: "${ms[0]!.title}"${where(ms[0]!)} ` +
        `— list it in \`also_matches\` if this is expected`,
    });
  }
  for (const name of c.expect.alsoMatches) {
    if (!others.has(name))
      fail({
        kind: 'missing_also_match',
        detection: name,
        message: `expected detection ${name} to match too (\`also_matches\`), it did not`,
      });
  }
  for (const e of result.errors.filter((x) => x.detection !== det)) {
    fail({
      kind: 'other_error',
      detection: e.detection,
      message: `detection ${e.detection}: ${e.function ?? 'detect'}() raised ${e.type}: ${e.message}${where(e)}`,
      traceback: e.traceback,
    });
  }
}
