/**
 * Detection test files: `detections/<dir>/tests/*.yml` (see README.md). Parsed into cases with
 * every problem named by file, key path and line, like the rest of the lake directory's config.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest } from 'fastest-levenshtein';
import type { ConfigProblem, Severity } from '../../config/types.js';
import { SEVERITIES } from '../../config/index.js';
import { formatPath, locate, parseYamlFile, type KeyPath, type YamlFile } from '../../config/yaml.js';

/** What goes through the detections: ECS records as written, or a raw log through its log source. */
export type TestInput =
  | { kind: 'records'; records: Record<string, unknown>[]; table?: string }
  | {
      kind: 'log';
      logSource: string;
      table?: string;
      /** The log text (`log:`), or undefined when `logFile` is given. */
      text?: string;
      /** Absolute path of `log_file`. */
      logFile?: string;
    };

export interface TestExpectation {
  match: boolean;
  /** Exact number of matching records, when given. */
  matches?: number;
  title?: string;
  dedupe?: string;
  severity?: Severity;
  /** Other detections expected to match the same records. */
  alsoMatches: string[];
}

export interface TestCase {
  /** The detection whose folder holds the test file. */
  detection: string;
  name: string;
  /** Test file, relative to the lake directory. */
  file: string;
  /** 1-based line of the case in the file. */
  line: number;
  /** Position of the case in the file's `tests` list. */
  index: number;
  input: TestInput;
  expect: TestExpectation;
  /** `{ namespace: { key: value } }` seeded into a fresh remotecache. */
  remotecache?: Record<string, Record<string, unknown>>;
  /** `{ table: { key: row } }` for `detection.enrichment`. */
  enrichment?: Record<string, Record<string, unknown>>;
}

const CASE_KEYS = [
  'name',
  'record',
  'records',
  'log',
  'log_file',
  'log_source',
  'table',
  'match',
  'matches',
  'title',
  'dedupe',
  'severity',
  'also_matches',
  'remotecache',
  'enrichment',
] as const;

/** The test files of a detection folder: `tests/*.yml` and `tests/*.yaml`, sorted. */
export function findTestFiles(detectionDir: string): string[] {
  const dir = path.join(detectionDir, 'tests');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f) && !f.startsWith('.'))
    .sort()
    .map((f) => path.join(dir, f));
}

export interface ParsedTestFile {
  cases: TestCase[];
  problems: ConfigProblem[];
}

/**
 * Parses one test file. `detection` owns the cases; `lakeDir` makes the reported file relative.
 * Problems do not stop parsing: every bad key of the file is reported at once.
 */
export function parseTestFile(
  file: string,
  text: string,
  detection: string,
  lakeDir: string,
): ParsedTestFile {
  const rel = path.relative(lakeDir, file) || file;
  const { yaml, problems } = parseYamlFile(rel, text);
  if (!yaml) return { cases: [], problems };
  const p = new Problems(yaml);
  const cases: TestCase[] = [];
  const root = yaml.value;
  let list: unknown;
  let base: KeyPath = [];
  if (Array.isArray(root)) list = root;
  else if (isObject(root)) {
    for (const k of Object.keys(root)) {
      if (k !== 'tests') p.add([k], `unknown key \`${k}\``, { at: 'key', expected: 'a `tests:` list' });
    }
    list = root.tests;
    base = ['tests'];
  }
  if (!Array.isArray(list)) {
    p.add(
      base,
      root === undefined || root === null ? 'empty test file' : '`tests` must be a list of test cases',
      {
        expected: 'tests:\n      - name: …\n        record: {…}\n        match: true',
      },
    );
    return { cases, problems: p.list };
  }
  if (list.length === 0) p.add(base, 'no test cases', { expected: 'at least one case under `tests:`' });
  const names = new Set<string>();
  list.forEach((raw, i) => {
    const at: KeyPath = [...base, i];
    const name = isObject(raw) && typeof raw.name === 'string' ? raw.name : undefined;
    if (name !== undefined && names.has(name))
      p.add([...at, 'name'], `another case in this file is named "${name}"`);
    if (name !== undefined) names.add(name);
    const c = parseCase(p, at, raw, path.dirname(file), detection, rel, i);
    if (c) cases.push(c);
  });
  return { cases: p.list.length > 0 ? [] : cases, problems: p.list };
}

/** Reads and parses a test file (a read error is a problem too). */
export function loadTestFile(file: string, detection: string, lakeDir: string): ParsedTestFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return {
      cases: [],
      problems: [
        { file: path.relative(lakeDir, file), path: '', message: `cannot read: ${(e as Error).message}` },
      ],
    };
  }
  return parseTestFile(file, text, detection, lakeDir);
}

class Problems {
  list: ConfigProblem[] = [];
  constructor(private yaml: YamlFile) {}

  add(
    at: KeyPath,
    message: string,
    opts: { at?: 'key' | 'value'; expected?: string; suggestion?: string } = {},
  ): void {
    const pos = locate(this.yaml, at, opts.at ?? 'value');
    const problem: ConfigProblem = { file: this.yaml.file, path: formatPath(at), message };
    if (opts.expected) problem.expected = opts.expected;
    if (opts.suggestion) problem.suggestion = opts.suggestion;
    if (pos) {
      problem.line = pos.line;
      problem.column = pos.column;
    }
    this.list.push(problem);
  }

  line(at: KeyPath): number {
    return locate(this.yaml, at)?.line ?? 1;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseCase(
  p: Problems,
  at: KeyPath,
  raw: unknown,
  testDir: string,
  detection: string,
  file: string,
  index: number,
): TestCase | undefined {
  if (!isObject(raw)) {
    p.add(at, 'a test case must be a mapping', { expected: '`name`, an input and `match`' });
    return undefined;
  }
  const before = p.list.length;
  for (const k of Object.keys(raw)) {
    if ((CASE_KEYS as readonly string[]).includes(k)) continue;
    p.add([...at, k], `unknown key \`${k}\``, {
      at: 'key',
      suggestion: `did you mean \`${closest(k, [...CASE_KEYS])}\`?`,
    });
  }
  const str = (key: string, required = false): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) {
      if (required) p.add(at, `missing required key \`${key}\``, { at: 'key' });
      return undefined;
    }
    if (typeof v !== 'string' || (key !== 'log' && v.trim() === '')) {
      p.add([...at, key], `\`${key}\` must be a non-empty string`);
      return undefined;
    }
    return v;
  };
  const name = str('name', true);

  // input
  const inputs = (['record', 'records', 'log', 'log_file'] as const).filter((k) => raw[k] !== undefined);
  let input: TestInput | undefined;
  const table = str('table');
  if (inputs.length !== 1) {
    p.add(
      inputs.length === 0 ? at : [...at, inputs[1]!],
      inputs.length === 0
        ? 'no input: give `record` (an ECS record), `records`, `log` or `log_file`'
        : `give one input, not ${inputs.map((k) => `\`${k}\``).join(' and ')}`,
      { at: 'key' },
    );
  } else if (inputs[0] === 'record' || inputs[0] === 'records') {
    const key = inputs[0];
    const value = raw[key];
    const list = key === 'record' ? [value] : value;
    if (key === 'records' && (!Array.isArray(value) || value.length === 0)) {
      p.add([...at, key], '`records` must be a non-empty list of ECS records (mappings)');
    } else {
      (list as unknown[]).forEach((r, j) => {
        if (!isObject(r))
          p.add(key === 'record' ? [...at, key] : [...at, key, j], 'an ECS record must be a mapping', {
            expected: 'e.g. { event: { action: login }, user: { name: alice } }',
          });
      });
      if (raw.log_source !== undefined)
        p.add([...at, 'log_source'], '`log_source` goes with `log` or `log_file`, not with ECS records', {
          at: 'key',
        });
      input = { kind: 'records', records: list as Record<string, unknown>[] };
      if (table !== undefined) input.table = table;
    }
  } else {
    const logSource = str('log_source');
    if (raw.log_source === undefined)
      p.add(at, `\`${inputs[0]}\` needs \`log_source\`: the log source that decodes and transforms it`, {
        at: 'key',
      });
    if (inputs[0] === 'log') {
      const text = str('log');
      if (text !== undefined && logSource !== undefined) {
        input = { kind: 'log', logSource, text };
        if (table !== undefined) input.table = table;
      }
    } else {
      const rel = str('log_file');
      if (rel !== undefined) {
        const abs = path.resolve(testDir, rel);
        if (!existsSync(abs) || !statSync(abs).isFile())
          p.add([...at, 'log_file'], `no such file: ${abs}`, {
            expected: 'a path relative to the test file',
          });
        else if (logSource !== undefined) {
          input = { kind: 'log', logSource, logFile: abs };
          if (table !== undefined) input.table = table;
        }
      }
    }
  }

  // expectations
  let match: boolean | undefined;
  if (raw.match === undefined) p.add(at, 'missing required key `match` (true or false)', { at: 'key' });
  else if (typeof raw.match !== 'boolean') p.add([...at, 'match'], '`match` must be true or false');
  else match = raw.match;
  let matches: number | undefined;
  if (raw.matches !== undefined) {
    if (typeof raw.matches !== 'number' || !Number.isInteger(raw.matches) || raw.matches < 0)
      p.add([...at, 'matches'], '`matches` must be a whole number of matching records');
    else if (match !== undefined && raw.matches > 0 !== match)
      p.add([...at, 'matches'], `\`matches: ${raw.matches}\` contradicts \`match: ${String(match)}\``);
    else matches = raw.matches;
  }
  const title = str('title');
  const dedupe = str('dedupe');
  let severity: Severity | undefined;
  if (raw.severity !== undefined) {
    const s = typeof raw.severity === 'string' ? raw.severity.trim().toLowerCase() : '';
    if ((SEVERITIES as readonly string[]).includes(s)) severity = s as Severity;
    else
      p.add([...at, 'severity'], `unknown severity ${JSON.stringify(raw.severity)}`, {
        expected: SEVERITIES.join(', '),
      });
  }
  if (match === false) {
    for (const k of ['title', 'dedupe', 'severity'] as const)
      if (raw[k] !== undefined) p.add([...at, k], `\`${k}\` is only checked when \`match: true\``);
  }
  const alsoMatches: string[] = [];
  if (raw.also_matches !== undefined) {
    const v = raw.also_matches;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === ''))
      p.add([...at, 'also_matches'], '`also_matches` must be a list of detection names');
    else if (v.includes(detection))
      p.add([...at, 'also_matches'], `\`also_matches\` lists this test's own detection "${detection}"`);
    else alsoMatches.push(...(v as string[]));
  }

  const remotecache = nestedMap(p, at, raw, 'remotecache', 'namespace');
  const enrichment = nestedMap(p, at, raw, 'enrichment', 'table');
  if (p.list.length > before || name === undefined || input === undefined || match === undefined)
    return undefined;
  const c: TestCase = {
    detection,
    name,
    file,
    line: p.line(at),
    index,
    input,
    expect: { match, alsoMatches },
  };
  if (matches !== undefined) c.expect.matches = matches;
  if (title !== undefined) c.expect.title = title;
  if (dedupe !== undefined) c.expect.dedupe = dedupe;
  if (severity !== undefined) c.expect.severity = severity;
  if (remotecache) c.remotecache = remotecache;
  if (enrichment) c.enrichment = enrichment;
  return c;
}

/** `{ <outer>: { <key>: value } }` fixtures (remotecache namespaces, enrichment tables). */
function nestedMap(
  p: Problems,
  at: KeyPath,
  raw: Record<string, unknown>,
  key: string,
  outer: string,
): Record<string, Record<string, unknown>> | undefined {
  const v = raw[key];
  if (v === undefined || v === null) return undefined;
  const expected = `${key}: { <${outer}>: { <key>: <value> } }`;
  if (!isObject(v)) {
    p.add([...at, key], `\`${key}\` must be a mapping of ${outer}s`, { expected });
    return undefined;
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, entries] of Object.entries(v)) {
    if (!isObject(entries)) {
      p.add([...at, key, name], `${outer} "${name}" must be a mapping of keys to values`, { expected });
      continue;
    }
    out[name] = entries;
  }
  return out;
}
