import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createScriptPool,
  type DetectionError,
  type DetectionMatch,
  type DetectionResult,
  type ScriptPool,
  type ScriptPoolOptions,
} from './index.js';
import { writeDetections, type DetectionSpec } from './test-helpers/detections.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-tsdetect-'));
let n = 0;
const pools: ScriptPool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const detections = (specs: DetectionSpec[], helpers?: Record<string, string>) =>
  writeDetections(path.join(root, `lake${n++}`), specs, helpers);

function pool(opts: ScriptPoolOptions): ScriptPool {
  const p = createScriptPool({ workers: 1, ...opts });
  pools.push(p);
  return p;
}

const matches = (rs: DetectionResult[]) => rs.filter((r): r is DetectionMatch => r.kind === 'match');
const errors = (rs: DetectionResult[]) => rs.filter((r): r is DetectionError => r.kind === 'error');
const always = 'export function detect(): boolean {\n  return true;\n}\n';

describe('script detection pool', () => {
  it('calls detect() and reports only truthy results, with Matano defaults', async () => {
    const dets = detections([
      {
        name: 'root_login',
        code:
          "import { deepget } from 'lakewatch/detection';\n" +
          'export function detect(record: Record<string, unknown>): boolean {\n' +
          "  return deepget(record, 'user.name') === 'root';\n}\n",
        extra: {
          displayName: 'Root login',
          description: 'yaml description',
          runbook: 'yaml runbook',
          references: ['https://example.com/ref'],
          alert: { severity: 'high', threshold: 1, deduplicationWindowMs: 1, destinations: ['slack'] },
        },
      },
      { name: 'never', code: 'export const detect = () => 0;\n' },
      { name: 'other_table', code: always, tables: ['okta'] },
      { name: 'disabled', code: always, extra: { enabled: false } },
      { name: 'python_one', code: 'def detect(r):\n    return True\n', file: 'detect.py' },
    ]);
    // options meant for the Python pool are accepted (one options object serves both pools)
    const p = pool({ detections: dets, python: 'no-such-python', pythonPath: ['/nowhere'] });
    const rs = await p.run('aws_cloudtrail', [
      '{"user":{"name":"alice"}}',
      '{"user":{"name":"root"}}',
      '{"event":{}}',
    ]);
    expect(rs).toEqual([
      {
        kind: 'match',
        detection: 'root_login',
        table: 'aws_cloudtrail',
        recordIndex: 1,
        title: 'Root login',
        dedupe: 'Root login',
        severity: 'high',
        description: 'yaml description',
        runbook: 'yaml runbook',
        reference: 'https://example.com/ref',
        destinations: ['slack'],
      },
    ]);
    expect(await p.loadErrors()).toEqual([]);
    expect(await p.run('no_such_table', ['{}'])).toEqual([]);
    expect((await p.run('okta', ['{}'])).map((r) => r.detection)).toEqual(['other_table']);
  });

  it('title defaults to the name without display_name; dedupe defaults to title()', async () => {
    const dets = detections([
      { name: 'plain', code: always },
      {
        name: 'titled',
        code: 'export const detect = () => true;\nexport const title = (r: { x: string }) => `T ${r.x}`;\n',
      },
    ]);
    const rs = matches(await pool({ detections: dets }).run('aws_cloudtrail', ['{"x":"1"}']));
    expect(rs.map((m) => [m.detection, m.title, m.dedupe, m.severity])).toEqual([
      ['plain', 'plain', 'plain', 'info'],
      ['titled', 'T 1', 'T 1', 'info'],
    ]);
  });

  it('uses every optional function, awaiting the async ones', async () => {
    const code = `
import type { DetectionRecord } from 'lakewatch/detection';
type R = DetectionRecord;
export function detect(record: R): boolean {
  return (record.event as { action: string }).action === 'login';
}
export async function title(record: R): Promise<string> {
  await new Promise((r) => setTimeout(r, 1));
  return 'Login by ' + record.deepget('user.name');
}
export const dedupe = (record: R) => record.deepget('source.ip');
export const severity = () => ' CRITICAL ';
export const description = () => 'desc';
export const runbook = async () => 'run this';
export const reference = () => 'https://ref';
export function alert_context(record: R) {
  return { ip: record.deepget('source.ip'), tags: new Set(['a']), when: new Date(0), skip: undefined, n: 2n ** 64n };
}
export const destinations = () => ['pagerduty', 'slack'];
`;
    const dets = detections([{ name: 'all_funcs', code, extra: { description: 'from yaml' } }]);
    const rs = await pool({ detections: dets }).run('aws_cloudtrail', [
      '{"event":{"action":"login"},"user":{"name":"bob"},"source":{"ip":"10.0.0.1"}}',
    ]);
    expect(rs).toEqual([
      {
        kind: 'match',
        detection: 'all_funcs',
        table: 'aws_cloudtrail',
        recordIndex: 0,
        title: 'Login by bob',
        dedupe: '10.0.0.1',
        severity: 'critical',
        description: 'desc',
        runbook: 'run this',
        reference: 'https://ref',
        destinations: ['pagerduty', 'slack'],
        alertContext: {
          ip: '10.0.0.1',
          tags: ['a'],
          when: '1970-01-01T00:00:00.000Z',
          n: 18446744073709551616n,
        },
        alertContextJson:
          '{"ip":"10.0.0.1","tags":["a"],"when":"1970-01-01T00:00:00.000Z","n":18446744073709551616}',
      },
    ]);
  });

  it('null results fall back to the YAML; an unknown severity() keeps the YAML value with a warning', async () => {
    const code =
      'export const detect = () => true;\nexport const severity = () => "urgent";\n' +
      'export const title = () => null;\nexport const description = () => undefined;\n' +
      'export const destinations = () => "email";\nexport const alertContext = () => { const a: unknown[] = []; a.push(a); return a; };\n';
    const dets = detections([
      {
        name: 'bad_sev',
        code,
        extra: {
          description: 'yaml',
          alert: { severity: 'low', threshold: 1, deduplicationWindowMs: 1, destinations: ['slack'] },
        },
      },
    ]);
    const [m] = matches(await pool({ detections: dets }).run('aws_cloudtrail', ['{}']));
    expect(m).toMatchObject({
      title: 'bad_sev',
      severity: 'low',
      description: 'yaml',
      destinations: ['email'],
    });
    expect(m!.alertContext).toBeUndefined();
    expect(m!.warnings).toHaveLength(2);
    expect(m!.warnings![0]).toContain('"urgent"');
    expect(m!.warnings![1]).toContain('not JSON-serialisable');
  });

  it('deepget: the default on missing and null parts, array indexes, and record.deepget()', async () => {
    const code = `
import { deepget } from 'detection';
export function detect(record: any): boolean {
  const checks = [
    deepget(record, 'a.b.c') === undefined,
    deepget(record, 'a.b.c', 'dflt') === 'dflt',
    deepget(record, 'n.x.y', 7) === 7,
    deepget(record, 'a.s.t', 1) === 1,
    deepget(record, 'missing.entirely') === undefined,
    JSON.stringify(deepget(record, 'a.b', 0)) === '{"d":null}',
    deepget(record, 'a.b.d', 'z') === 'z',
    deepget(record, 'l.1.k') === 'v',
    deepget(record, 'l.-1.k') === 'v',
    deepget(record, 'l.9.k', 'none') === 'none',
    deepget(record, 'l.x', 'none') === 'none',
    deepget(record, 'a.s') === 'str',
    deepget(record, 'f', 5) === false,
    deepget(record, 'a.constructor', 'own') === 'own',
    record.deepget('l.1.k') === 'v',
    record.deepget('a.b.c', 3) === 3,
    !Object.keys(record).includes('deepget'),
    !JSON.stringify(record).includes('deepget'),
  ];
  const failed = checks.map((ok, i) => (ok ? -1 : i)).filter((i) => i >= 0);
  if (failed.length > 0) throw new Error('failed checks ' + failed.join(','));
  return true;
}
`;
    const dets = detections([{ name: 'deep', code }]);
    const rs = await pool({ detections: dets }).run('aws_cloudtrail', [
      '{"a":{"b":{"d":null},"s":"str"},"n":null,"l":[{},{"k":"v"}],"f":false}',
    ]);
    expect(errors(rs)).toEqual([]);
    expect(matches(rs).map((m) => m.recordIndex)).toEqual([0]);
  });

  it('bundles helper files of the detections folder, node built-ins and the detection module', async () => {
    const helper =
      "import { createHash } from 'node:crypto';\n" +
      'export const SUSPICIOUS: RegExp = /^(evil|bad)/;\n' +
      'export function isBad(name: unknown): boolean {\n  return SUSPICIOUS.test(String(name ?? ""));\n}\n' +
      "export const digest = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);\n";
    const uses = (field: string) =>
      "import { isBad, digest } from '../lib/helpers.ts';\n" +
      "import * as detection from 'lakewatch/detection';\n" +
      "import { remotecache, enrichment } from 'detection';\n" +
      "const cache = remotecache('ns', { ttl: 60 });\nconst intel = enrichment('threat_intel');\n" +
      `export function detect(record: any): boolean {\n  return isBad(detection.deepget(record, '${field}')) && cache.ttl === 60 && intel.name === 'threat_intel';\n}\n` +
      `export const title = (record: any) => digest(String(record.deepget('${field}')));\n`;
    const dets = detections(
      [
        { name: 'bad_user', code: uses('user.name') },
        {
          name: 'bad_host',
          code: uses('host.name').replace('../lib/helpers.ts', '../lib/helpers'),
          file: 'detect.ts',
        },
      ],
      { 'lib/helpers.ts': helper },
    );
    const p = pool({ detections: dets });
    expect(await p.loadErrors()).toEqual([]);
    const rs = await p.run('aws_cloudtrail', [
      '{"user":{"name":"evilcorp"},"host":{"name":"ok"}}',
      '{"user":{"name":"fine"},"host":{"name":"badhost"}}',
    ]);
    expect(rs.map((r) => [r.kind, r.detection, r.recordIndex, r.kind === 'match' ? r.title : ''])).toEqual([
      ['match', 'bad_user', 0, expect.stringMatching(/^[0-9a-f]{8}$/)],
      ['match', 'bad_host', 1, expect.stringMatching(/^[0-9a-f]{8}$/)],
    ]);
  });

  it('runs detect.js files, ESM and CommonJS', async () => {
    const dets = detections([
      { name: 'esm_js', file: 'detect.js', code: 'export function detect(r) { return r.x === 1; }\n' },
      {
        name: 'cjs_js',
        file: 'detect.js',
        code: "const os = require('node:os');\nmodule.exports = { detect: (r) => r.x === 1 && typeof os.cpus === 'function', title: () => 'cjs' };\n",
      },
    ]);
    const p = pool({ detections: dets });
    expect(await p.loadErrors()).toEqual([]);
    const rs = await p.run('aws_cloudtrail', ['{"x":1}', '{"x":2}']);
    expect(rs.map((r) => [r.kind, r.detection, r.recordIndex, (r as DetectionMatch).title])).toEqual([
      ['match', 'esm_js', 0, 'esm_js'],
      ['match', 'cjs_js', 0, 'cjs'],
    ]);
  });

  it('enrichment rows: get with a default, has, rows with deepget; a table not given names itself', async () => {
    const code = `import { enrichment } from 'lakewatch/detection';
const badIps = enrichment('bad_ips');
const geo = enrichment('geo');
export function detect(record: any): boolean {
  const ip = record.deepget('source.ip');
  if (record.geo) return geo.get(ip) !== undefined;
  const row: any = badIps.get(ip);
  if (row === undefined) return badIps.has('10.0.0.1') && badIps.get('10.0.0.1', 'dflt') === 'dflt' && false;
  return row.deepget('intel.score', 0) > 50;
}
export const title = (record: any) => 'bad ip ' + (badIps.get(record.deepget('source.ip')) as any).name;
`;
    const p = pool({
      detections: detections([{ name: 'enrich', code }]),
      enrichment: {
        bad_ips: { '1.2.3.4': { name: 'evil', intel: { score: 90 } }, '5.6.7.8': { name: 'meh' } },
      },
    });
    const rs = await p.run('aws_cloudtrail', [
      '{"source":{"ip":"1.2.3.4"}}',
      '{"source":{"ip":"5.6.7.8"}}',
      '{"source":{"ip":"9.9.9.9"}}',
      '{"source":{"ip":"1.2.3.4"},"geo":true}',
    ]);
    expect(matches(rs).map((m) => [m.recordIndex, m.title])).toEqual([[0, 'bad ip evil']]);
    expect(errors(rs).map((e) => [e.recordIndex, e.error.type, e.error.message])).toEqual([
      [3, 'Error', "enrichment table 'geo' is not available"],
    ]);
  });

  it('remotecache without the remoteCache option: created at import, its methods throw clearly', async () => {
    const code =
      "import { remotecache } from 'lakewatch/detection';\nconst cache = remotecache('logins', { ttl: 3600 });\n" +
      "export const detect = () => cache.incrementCounter('k') > 3;\n";
    const rs = await pool({ detections: detections([{ name: 'cache_user', code }]) }).run('aws_cloudtrail', [
      '{}',
    ]);
    expect(rs).toHaveLength(1);
    const e = rs[0] as DetectionError;
    expect(e.kind).toBe('error');
    expect(e.error.message).toContain('remotecache("logins") is not available');
    expect(e.error.message).toContain('remoteCache option');
  });

  it('remotecache in SQLite: shared by all workers, exact counters and sets, TTL, persistent', async () => {
    const code = `
import { remotecache } from 'lakewatch/detection';
const cache = remotecache('logins', { ttl: 3600 });
export const detect = () => true;
export function alert_context(record: any) {
  const user: string = record.user;
  const n = cache.incrementCounter(user);
  const s = cache.addToStringSet(user + ':ips', record.ip);
  cache.set('last:' + user, { ip: record.ip });
  return { n, ips: s, last: cache.get('last:' + user), missing: cache.get('nope', 'dflt') };
}
`;
    const dets = detections([{ name: 'counts', code }]);
    const sqlitePath = path.join(root, `cache${n++}.db`);
    const records = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ user: 'u', ip: `10.0.0.${i % 4}` }),
    );
    const p = pool({ detections: dets, workers: 3, batchSize: 10, remoteCache: { sqlitePath } });
    const rs = matches(await p.run('aws_cloudtrail', records));
    const ctx = rs.map((m) => m.alertContext as { n: number; ips: string[]; last: unknown; missing: string });
    expect(ctx.map((c) => c.n).sort((a, b) => a - b)).toEqual(records.map((_, i) => i + 1));
    expect(ctx.filter((c) => c.missing !== 'dflt')).toEqual([]);
    expect(ctx.find((c) => c.n === 300)!.ips).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3']);
    await p.close();

    const removeCode = `
import { remotecache } from 'lakewatch/detection';
const cache = remotecache('logins', { ttl: 3600 });
const gone = remotecache('short', { ttl: 0 });
export const detect = () => true;
export function alert_context() {
  gone.set('k', 1);
  const ips = cache.remove_from_string_set('u:ips', ['10.0.0.1', '10.0.0.2']);
  const n = cache.decrement_counter('u', 100);
  cache.delete('last:u');
  return { n, ips, last: cache.get('last:u', null), gone: gone.get('k', 'expired') };
}
`;
    const again = pool({
      detections: detections([{ name: 'later', code: removeCode }]),
      remoteCache: { sqlitePath },
    });
    const [m] = matches(await again.run('aws_cloudtrail', ['{}']));
    expect(m!.alertContext).toEqual({ n: 200, ips: ['10.0.0.0', '10.0.0.3'], last: null, gone: 'expired' });
  });

  it('captures exceptions per detection and record without stopping the others', async () => {
    const dets = detections(
      [
        {
          name: 'raises',
          code:
            'export function detect(record: { x?: number }): boolean {\n' +
            "  if (record.x === 2) throw new RangeError('boom on two');\n" +
            "  if (record.x === undefined) throw 'a plain string';\n" +
            '  return record.x === 1;\n}\n',
        },
        { name: 'always', code: always },
        {
          name: 'bad_title',
          code:
            "import { explode } from '../lib/explode.ts';\n" +
            'export const detect = (r: any) => r.x === 1;\nexport const title = (r: any) => explode(r.x);\n',
        },
      ],
      {
        'lib/explode.ts':
          'export function explode(x: number): string {\n  throw new TypeError(`no title for ${x}`);\n}\n',
      },
    );
    const rs = await pool({ detections: dets }).run('aws_cloudtrail', ['{"x":1}', '{"x":2}', '{"y":3}']);
    const byDet = (d: string) => rs.filter((r) => r.detection === d);
    expect(byDet('always').map((r) => [r.kind, r.recordIndex])).toEqual([
      ['match', 0],
      ['match', 1],
      ['match', 2],
    ]);
    const raised = byDet('raises');
    expect(raised.map((r) => [r.kind, r.recordIndex])).toEqual([
      ['match', 0],
      ['error', 1],
      ['error', 2],
    ]);
    const e1 = (raised[1] as DetectionError).error;
    expect(e1).toMatchObject({ type: 'RangeError', message: 'boom on two', function: 'detect' });
    // stack frames point into the TypeScript source, not the bundle or the worker
    expect(e1.traceback).toContain(`${dets[0]!.code.path}:2:`);
    expect(e1.traceback).not.toContain('data:');
    expect((raised[2] as DetectionError).error).toMatchObject({
      type: 'ThrownValue',
      message: 'a plain string',
      function: 'detect',
    });
    const bt = byDet('bad_title');
    expect(bt.map((r) => [r.kind, r.recordIndex])).toEqual([['error', 0]]);
    const e2 = (bt[0] as DetectionError).error;
    expect(e2).toMatchObject({ type: 'TypeError', message: 'no title for 1', function: 'title' });
    expect(e2.traceback).toContain(path.join(path.dirname(dets[2]!.dir), 'lib', 'explode.ts') + ':2:');
  });

  it('keeps tracebacks for the first errors of a batch only, and counts every error', async () => {
    const dets = detections([
      {
        name: 'always_throws',
        code: 'export function detect(r: any): boolean {\n  throw new Error(String(r.i));\n}\n',
      },
    ]);
    const records = Array.from({ length: 30 }, (_, i) => `{"i":${i}}`);
    const rs = errors(await pool({ detections: dets }).run('aws_cloudtrail', records));
    expect(rs.map((r) => r.error.message)).toEqual(records.map((_, i) => String(i)));
    expect(rs.filter((r) => r.error.traceback.includes('detect.ts')).map((r) => r.recordIndex)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it('reports detections that fail to build or import, and runs the rest; types are not checked', async () => {
    const dets = detections([
      { name: 'syntax', code: 'export function detect(record) {\n  return (\n}\n' },
      { name: 'no_detect', code: 'export const X = 1;\n' },
      {
        name: 'import_fails',
        code: "import { x } from '../lib/not_there.ts';\nexport const detect = () => x;\n",
      },
      {
        name: 'bad_api_name',
        code: "import { nope } from 'lakewatch/detection';\nexport const detect = () => nope;\n",
      },
      {
        name: 'throws_at_import',
        code: "const a = 1;\nthrow new Error('not today');\nexport const detect = () => a;\n",
      },
      {
        name: 'type_error',
        code: "const n: number = 'not a number';\nexport const detect = (): boolean => n === 'not a number' as unknown;\n",
      },
      { name: 'fine', code: always },
    ]);
    const p = pool({ detections: dets });
    const errs = await p.loadErrors();
    expect(errs.map((e) => [e.detection, e.type, e.file, e.line])).toEqual([
      ['syntax', 'SyntaxError', dets[0]!.code.path, 3],
      ['no_detect', 'MissingExport', dets[1]!.code.path, undefined],
      ['import_fails', 'ImportError', dets[2]!.code.path, 1],
      ['bad_api_name', 'ImportError', dets[3]!.code.path, 1],
      ['throws_at_import', 'Error', dets[4]!.code.path, 2],
    ]);
    expect(errs[0]!.message).toMatch(/Unexpected/);
    expect(errs[1]!.message).toContain('no detect(record) function');
    expect(errs[2]!.message).toContain('not_there.ts');
    expect(errs[4]!.message).toBe('not today');
    const rs = await p.run('aws_cloudtrail', ['{}']);
    expect(rs.map((r) => [r.kind, r.detection])).toEqual([
      ['match', 'type_error'],
      ['match', 'fine'],
    ]);
  });

  it('leaves out detections whose import hangs or exits, and runs the rest', async () => {
    const dets = detections([
      { name: 'a_fine', code: always },
      { name: 'b_hangs_at_import', code: 'while (true) {}\nexport const detect = () => true;\n' },
      { name: 'c_exits_at_import', code: 'process.exit(4);\nexport const detect = () => true;\n' },
      { name: 'd_fine', code: always },
    ]);
    const p = pool({ detections: dets, workers: 2, startupTimeoutMs: 2000 });
    const rs = await p.run('aws_cloudtrail', ['{}']);
    expect(rs.map((r) => [r.kind, r.detection])).toEqual([
      ['match', 'a_fine'],
      ['match', 'd_fine'],
    ]);
    const errs = await p.loadErrors();
    expect(errs.map((e) => [e.detection, e.type, e.file])).toEqual([
      ['b_hangs_at_import', 'ImportTimeout', dets[1]!.code.path],
      ['c_exits_at_import', 'ImportCrashed', dets[2]!.code.path],
    ]);
    expect(errs[1]!.message).toContain('code 4');
  });

  it('close() ends the workers and rejects runs still pending', async () => {
    const dets = detections([{ name: 'slow', code: 'export const detect = () => new Promise(() => {});\n' }]);
    const p = pool({ detections: dets });
    await p.loadErrors();
    const pending = p.run('aws_cloudtrail', ['{}']).catch((e: Error) => e);
    await p.close();
    expect(String(await pending)).toMatch(/closed/);
    await expect(p.run('aws_cloudtrail', ['{}'])).rejects.toThrow(/closed/);
  });

  it('times out a hanging detection (sync loop or a promise that never settles), replaces its worker, runs the others', async () => {
    const dets = detections([
      { name: 'before', code: 'export const detect = (r: any) => r.hit === true;\n' },
      {
        name: 'hangs',
        code: 'export function detect(r: any): boolean {\n  if (r.hang) while (true) {}\n  return false;\n}\n',
      },
      {
        name: 'hangs_async',
        code: 'export async function detect(r: any): Promise<boolean> {\n  if (r.wait) await new Promise(() => {});\n  return false;\n}\n',
      },
      { name: 'after', code: 'export const detect = async (r: any) => r.hit === true;\n' },
    ]);
    // one worker: the later batches can only run if the terminated worker was replaced
    const p = pool({ detections: dets, workers: 1, timeoutMs: 1000, batchSize: 2 });
    const rs = await p.run('aws_cloudtrail', [
      '{"hit":true}',
      '{"hang":true}',
      '{"hit":true}',
      '{"wait":true}',
    ]);
    expect(rs.map((r) => [r.kind, r.detection, r.recordIndex])).toEqual([
      ['match', 'before', 0],
      ['error', 'hangs', 0],
      ['match', 'after', 0],
      ['error', 'hangs', 1],
      ['match', 'before', 2],
      ['error', 'hangs_async', 2],
      ['match', 'after', 2],
      ['error', 'hangs_async', 3],
    ]);
    const e = rs[1] as DetectionError;
    expect(e.error.type).toBe('DetectionTimeout');
    expect(e.error.message).toContain('"hangs"');
    expect((rs[5] as DetectionError).error.type).toBe('DetectionTimeout');
    // the pool still works afterwards, with replaced workers
    const again = await p.run('aws_cloudtrail', ['{"hit":true}']);
    expect(again.map((r) => r.detection)).toEqual(['before', 'after']);
  });

  it('replaces a worker that exits and blames the detection it was running', async () => {
    const dets = detections([
      {
        name: 'kills',
        code: 'export function detect(r: any): boolean {\n  if (r.die) process.exit(9);\n  return false;\n}\n',
      },
      { name: 'after', code: always },
    ]);
    const p = pool({ detections: dets });
    const rs = await p.run('aws_cloudtrail', ['{"die":true}']);
    expect(rs.map((r) => [r.kind, r.detection])).toEqual([
      ['error', 'kills'],
      ['match', 'after'],
    ]);
    expect((rs[0] as DetectionError).error.type).toBe('WorkerExited');
    expect((rs[0] as DetectionError).error.message).toContain('code 9');
    expect((await p.run('aws_cloudtrail', ['{}'])).map((r) => r.detection)).toEqual(['after']);
  });

  it('a stray rejected promise or timer error does not take the worker down', async () => {
    const code =
      "export function detect(): boolean {\n  void Promise.reject(new Error('stray'));\n" +
      "  setTimeout(() => { throw new Error('late'); }, 0);\n  return true;\n}\n";
    const out: string[] = [];
    const p = pool({ detections: detections([{ name: 'sloppy', code }]), onOutput: (t) => out.push(t) });
    expect((await p.run('aws_cloudtrail', ['{}'])).map((r) => r.kind)).toEqual(['match']);
    await new Promise((r) => setTimeout(r, 50));
    expect((await p.run('aws_cloudtrail', ['{}'])).map((r) => r.kind)).toEqual(['match']);
    await p.close();
    expect(out.join('')).toContain('stray');
  });

  it('console output goes to onOutput', async () => {
    const code =
      "export function detect(r: any): boolean {\n  console.log('hello', r.i);\n  console.error('err');\n" +
      "  process.stdout.write('raw\\n');\n  return true;\n}\n";
    const out: string[] = [];
    const p = pool({ detections: detections([{ name: 'chatty', code }]), onOutput: (t) => out.push(t) });
    const rs = await p.run('aws_cloudtrail', ['{"i":0}', '{"i":1}']);
    expect(rs.map((r) => [r.kind, r.recordIndex])).toEqual([
      ['match', 0],
      ['match', 1],
    ]);
    await p.close();
    const text = out.join('');
    expect(text).toContain('hello 1');
    expect(text).toContain('raw');
    expect(text).toContain('err');
  });

  it('parses integers beyond 2^53 as bigint (exact), and keeps non-ASCII text intact', async () => {
    const code = `
export function detect(record: any): boolean {
  return record.id === 9007199254740993n && typeof record.small === 'number' && record.name === 'Zoë 🚀 東京';
}
export const title = (record: any) => 'user ' + record.name + ' ' + record.id;
export const alert_context = (record: any) => ({ id: record.id, big: record.big, next: record.id + 1n, f: record.f });
`;
    const dets = detections([{ name: 'exact', code }]);
    const rec =
      '{"id":9007199254740993,"big":-9223372036854775807,"small":9007199254740991,"f":1.5e300,"name":"Zoë 🚀 東京",\n"nl":"a\\nb"}';
    const rs = await pool({ detections: dets }).run('aws_cloudtrail', [rec, '{"id":9007199254740992}']);
    expect(rs).toHaveLength(1);
    const m = rs[0] as DetectionMatch;
    expect(m.kind).toBe('match');
    expect(m.title).toBe('user Zoë 🚀 東京 9007199254740993');
    expect(m.alertContext).toEqual({
      id: 9007199254740993n,
      big: -9223372036854775807n,
      next: 9007199254740994n,
      f: 1.5e300,
    });
    expect(m.alertContextJson).toBe(
      '{"id":9007199254740993,"big":-9223372036854775807,"next":9007199254740994,"f":1.5e+300}',
    );
  });

  it('reports invalid records per detection', async () => {
    const dets = detections([{ name: 'any', code: always }]);
    const rs = await pool({ detections: dets }).run('aws_cloudtrail', [
      '{"ok":1}',
      '{not json',
      '[1,2]',
      '{}',
    ]);
    expect(rs.map((r) => [r.kind, r.recordIndex, r.kind === 'error' ? r.error.type : ''])).toEqual([
      ['match', 0, ''],
      ['error', 1, 'InvalidRecord'],
      ['error', 2, 'InvalidRecord'],
      ['match', 3, ''],
    ]);
  });

  it('runs the README example', async () => {
    const readme = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'README.md'), 'utf8');
    const code = /`detections\/failed_root_login\/detect.ts`:\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const dets = detections([{ name: 'failed_root_login', code }], {
      'lib/net.ts': "export const isPrivateIp = (ip: string): boolean => ip.startsWith('10.');\n",
    });
    const p = pool({
      detections: dets,
      remoteCache: { sqlitePath: path.join(root, `readme${n++}.db`) },
      enrichment: { bad_ips: { '1.2.3.4': { name: 'known bad' } } },
    });
    const fail = (ip: string) =>
      JSON.stringify({ user: { name: 'root' }, event: { outcome: 'failure' }, source: { ip } });
    const rs = await p.run('aws_cloudtrail', [
      ...Array(5).fill(fail('1.2.3.4')),
      fail('10.0.0.1'),
      fail('5.6.7.8'),
    ]);
    expect(rs).toEqual([
      expect.objectContaining({
        kind: 'match',
        recordIndex: 4,
        title: 'Repeated failed root logins from 1.2.3.4',
        dedupe: '1.2.3.4',
        severity: 'critical',
        alertContext: { ip: '1.2.3.4', attempts: 5 },
      }),
    ]);
  });

  it('with no script detections, loads nothing and matches nothing', async () => {
    const p = pool({
      detections: detections([{ name: 'py', code: 'def detect(r):\n    return True\n', file: 'detect.py' }]),
    });
    expect(await p.loadErrors()).toEqual([]);
    expect(await p.run('aws_cloudtrail', ['{}'])).toEqual([]);
  });
});
