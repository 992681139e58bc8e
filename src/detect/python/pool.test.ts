import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DetectionConfig } from '../../config/types.js';
import {
  createPythonPool,
  type DetectionError,
  type DetectionMatch,
  type DetectionResult,
  type PythonPool,
  type PythonPoolOptions,
} from './index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-pydetect-'));
let n = 0;
const pools: PythonPool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh detections/ folder with the given detections (and helper files at its top). */
function detections(
  specs: { name: string; code: string; tables?: string[]; extra?: Partial<DetectionConfig> }[],
  helpers: Record<string, string> = {},
): DetectionConfig[] {
  const dir = path.join(root, `lake${n++}`, 'detections');
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(helpers)) writeFileSync(path.join(dir, file), text);
  return specs.map((s) => {
    const ddir = path.join(dir, s.name);
    mkdirSync(ddir);
    const code = path.join(ddir, 'detect.py');
    writeFileSync(code, s.code);
    return {
      name: s.name,
      dir: ddir,
      file: `detections/${s.name}/detection.yml`,
      enabled: true,
      tables: s.tables ?? ['aws_cloudtrail'],
      code: { language: 'python', path: code },
      alert: { severity: 'info', threshold: 1, deduplicationWindowMs: 3_600_000, destinations: [] },
      references: [],
      falsePositives: [],
      tags: [],
      attack: [],
      ...s.extra,
    } satisfies DetectionConfig;
  });
}

function pool(opts: PythonPoolOptions): PythonPool {
  const p = createPythonPool({ workers: 1, ...opts });
  pools.push(p);
  return p;
}

const matches = (rs: DetectionResult[]) => rs.filter((r): r is DetectionMatch => r.kind === 'match');
const errors = (rs: DetectionResult[]) => rs.filter((r): r is DetectionError => r.kind === 'error');

describe('python detection pool', () => {
  it('calls detect() and reports only truthy results, with Matano defaults', async () => {
    const dets = detections([
      {
        name: 'root_login',
        code: 'def detect(record):\n    return record.deepget("user.name") == "root"\n',
        extra: {
          displayName: 'Root login',
          description: 'yaml description',
          runbook: 'yaml runbook',
          references: ['https://example.com/ref'],
          alert: { severity: 'high', threshold: 1, deduplicationWindowMs: 1, destinations: ['slack'] },
        },
      },
      { name: 'never', code: 'def detect(record):\n    return 0\n' },
      { name: 'other_table', code: 'def detect(r):\n    return True\n', tables: ['okta'] },
    ]);
    const p = pool({ detections: dets });
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
  });

  it('title defaults to the name without display_name; dedupe defaults to title()', async () => {
    const dets = detections([
      { name: 'plain', code: 'def detect(r):\n    return True\n' },
      { name: 'titled', code: 'def detect(r):\n    return True\ndef title(r):\n    return "T " + r["x"]\n' },
    ]);
    const rs = matches(await pool({ detections: dets }).run('aws_cloudtrail', ['{"x":"1"}']));
    expect(rs.map((m) => [m.detection, m.title, m.dedupe, m.severity])).toEqual([
      ['plain', 'plain', 'plain', 'info'],
      ['titled', 'T 1', 'T 1', 'info'],
    ]);
  });

  it('uses every optional function', async () => {
    const code = `
def detect(record):
    return record["event"]["action"] == "login"

def title(record):
    return f"Login by {record.deepget('user.name')}"

def dedupe(record):
    return record.deepget("source.ip")

def severity(record):
    return "CRITICAL"

def description(record):
    return "desc"

def runbook(record):
    return "run this"

def reference(record):
    return "https://ref"

def alert_context(record):
    return {"ip": record.deepget("source.ip"), "tags": {"a"}, "ratio": float("nan")}

def destinations(record):
    return ["pagerduty", "slack"]
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
        // Python writes NaN (not JSON): read as null, as the TypeScript runtime does
        alertContext: { ip: '10.0.0.1', tags: ['a'], ratio: null },
        alertContextJson: '{"ip": "10.0.0.1", "tags": ["a"], "ratio": NaN}',
      },
    ]);
  });

  it('an unknown severity() falls back to the YAML value with a warning', async () => {
    const dets = detections([
      {
        name: 'bad_sev',
        code: 'def detect(r):\n    return True\ndef severity(r):\n    return "urgent"\n',
        extra: { alert: { severity: 'low', threshold: 1, deduplicationWindowMs: 1, destinations: [] } },
      },
    ]);
    const [m] = matches(await pool({ detections: dets }).run('aws_cloudtrail', ['{}']));
    expect(m!.severity).toBe('low');
    expect(m!.warnings?.[0]).toContain("'urgent'");
  });

  it('deepget returns the default on missing and null path parts', async () => {
    const code = `
def detect(record):
    checks = [
        record.deepget("a.b.c") is None,
        record.deepget("a.b.c", "dflt") == "dflt",
        record.deepget("n.x.y", 7) == 7,
        record.deepget("a.s.t", 1) == 1,
        record.deepget("missing.entirely") is None,
        record.deepget("a.b", 0) == {"d": None},
        record.deepget("a.b.d", "z") == "z",
        record.deepget("l.1.k") == "v",
        record.deepget("l.9.k", "none") == "none",
        record.deepget("a.s") == "str",
        record.deepget("f", 5) is False,
    ]
    return all(checks)
`;
    const dets = detections([{ name: 'deep', code }]);
    const rs = await pool({ detections: dets }).run('aws_cloudtrail', [
      '{"a":{"b":{"d":null},"s":"str"},"n":null,"l":[{},{"k":"v"}],"f":false}',
      '{}',
    ]);
    expect(errors(rs)).toEqual([]);
    expect(matches(rs).map((m) => m.recordIndex)).toEqual([0]);
  });

  it('imports helper modules shared between detections, the stdlib and the detection package', async () => {
    const helper =
      'import re\nSUSPICIOUS = re.compile(r"^(evil|bad)")\ndef is_bad(name):\n    return bool(SUSPICIOUS.match(name or ""))\n';
    const uses = (field: string) =>
      `from helpers import is_bad\nfrom detection import remotecache\nfrom detection.enrichment import threat_intel\n` +
      `import detection\ncache = remotecache("ns", ttl=60)\n` +
      `def detect(record):\n    return is_bad(record.deepget("${field}"))\n`;
    const dets = detections(
      [
        { name: 'bad_user', code: uses('user.name') },
        { name: 'bad_host', code: uses('host.name') },
      ],
      { 'helpers.py': helper },
    );
    const p = pool({ detections: dets });
    expect(await p.loadErrors()).toEqual([]);
    const rs = await p.run('aws_cloudtrail', [
      '{"user":{"name":"evilcorp"},"host":{"name":"ok"}}',
      '{"user":{"name":"fine"},"host":{"name":"badhost"}}',
    ]);
    expect(rs.map((r) => [r.kind, r.detection, r.recordIndex])).toEqual([
      ['match', 'bad_user', 0],
      ['match', 'bad_host', 1],
    ]);
  });

  it('enrichment rows: get, get_record (Matano), [], in, rows as records; a table not given names itself', async () => {
    const code = `from detection.enrichment import bad_ips, geo
def detect(record):
    ip = record.deepget("source.ip")
    if record.get("geo"):
        return geo.get(ip) is not None
    row = bad_ips.get(ip)
    if row is None:
        return ("10.0.0.1" in bad_ips) and False
    return bad_ips[ip].deepget("intel.score", 0) > 50
def title(record):
    # Matano's lookup method
    return "bad ip " + bad_ips.get_record(record.deepget("source.ip"))["name"]
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
    const e = rs.find((r): r is DetectionError => r.kind === 'error')!;
    expect(e.recordIndex).toBe(3);
    expect(e.error.message).toBe("enrichment table 'geo' is not available");
  });

  it('remotecache is a clear NotImplementedError for now', async () => {
    const code =
      'from detection import remotecache\ncache = remotecache("logins", ttl=3600)\n' +
      'def detect(record):\n    return cache.increment_counter("k") > 3\n';
    const rs = await pool({ detections: detections([{ name: 'cache_user', code }]) }).run('aws_cloudtrail', [
      '{}',
    ]);
    expect(rs).toHaveLength(1);
    const e = rs[0] as DetectionError;
    expect(e.kind).toBe('error');
    expect(e.error.type).toBe('_RemoteCacheNotWired');
    expect(e.error.message).toContain('remotecache is not available yet');
  });

  it('remotecache in SQLite: shared by all workers, exact counters and sets, TTL, persistent', async () => {
    const code = `
from detection import remotecache
cache = remotecache("logins", ttl=3600)

def detect(record):
    return True

def alert_context(record):
    user = record["user"]
    n = cache.increment_counter(user)
    s = cache.add_to_string_set(user + ":ips", record["ip"])
    cache["last:" + user] = {"ip": record["ip"]}
    return {"n": n, "ips": s, "last": cache["last:" + user],
            "missing": cache.get("nope", "dflt")}
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
    expect(ctx[299]!.last).toEqual({ ip: '10.0.0.3' });
    expect(ctx.find((c) => c.n === 300)!.ips).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3']);
    await p.close();

    const removeCode = `
from detection import remotecache
cache = remotecache("logins", ttl=3600)
gone = remotecache("short", ttl=0)
def detect(record):
    return True
def alert_context(record):
    gone["k"] = 1
    ips = cache.remove_from_string_set("u:ips", ["10.0.0.1", "10.0.0.2"])
    n = cache.decrement_counter("u", 100)
    del cache["last:u"]
    return {"n": n, "ips": ips, "last": cache["last:u"], "gone": gone.get("k", "expired")}
`;
    const again = pool({
      detections: detections([{ name: 'later', code: removeCode }]),
      remoteCache: { sqlitePath },
    });
    const [m] = matches(await again.run('aws_cloudtrail', ['{}']));
    expect(m!.alertContext).toEqual({ n: 200, ips: ['10.0.0.0', '10.0.0.3'], last: null, gone: 'expired' });
  });

  it('captures exceptions per detection and record without stopping the others', async () => {
    const dets = detections([
      {
        name: 'raises',
        code: 'def detect(record):\n    if record["x"] == 2:\n        raise ValueError("boom on two")\n    return record["x"] == 1\n',
      },
      { name: 'always', code: 'def detect(r):\n    return True\n' },
      {
        name: 'bad_title',
        code: 'def detect(r):\n    return r["x"] == 1\ndef title(r):\n    return r["nope"]\n',
      },
      { name: 'exits', code: 'import sys\ndef detect(r):\n    sys.exit(3)\n' },
    ]);
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
    expect(e1).toMatchObject({ type: 'ValueError', message: 'boom on two', function: 'detect' });
    expect(e1.traceback).toContain('detect.py", line 3, in detect');
    expect(e1.traceback).not.toContain('worker.py');
    expect((raised[2] as DetectionError).error).toMatchObject({ type: 'KeyError', message: "'x'" });
    const bt = byDet('bad_title');
    expect(bt.map((r) => [r.kind, r.recordIndex])).toEqual([
      ['error', 0],
      ['error', 2],
    ]);
    expect((bt[0] as DetectionError).error).toMatchObject({
      type: 'KeyError',
      message: "'nope'",
      function: 'title',
    });
    expect((bt[1] as DetectionError).error).toMatchObject({
      type: 'KeyError',
      message: "'x'",
      function: 'detect',
    });
    expect(byDet('exits').map((r) => [r.kind, (r as DetectionError).error.type])).toEqual([
      ['error', 'SystemExit'],
      ['error', 'SystemExit'],
      ['error', 'SystemExit'],
    ]);
  });

  it('keeps tracebacks for the first errors of a batch only, and counts every error', async () => {
    const dets = detections([
      { name: 'always_raises', code: 'def detect(r):\n    raise RuntimeError(r["i"])\n' },
    ]);
    const records = Array.from({ length: 30 }, (_, i) => `{"i":${i}}`);
    const rs = errors(await pool({ detections: dets }).run('aws_cloudtrail', records));
    expect(rs.map((r) => r.error.message)).toEqual(records.map((_, i) => String(i)));
    expect(rs.filter((r) => r.error.traceback.includes('RuntimeError')).map((r) => r.recordIndex)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it('reports detections that fail to import, and runs the rest', async () => {
    const dets = detections([
      { name: 'syntax', code: 'def detect(record):\n    return (\n\ndef x(:\n' },
      { name: 'no_detect', code: 'X = 1\n' },
      { name: 'import_fails', code: 'import not_a_module_anywhere\ndef detect(r):\n    return True\n' },
      { name: 'fine', code: 'def detect(r):\n    return True\n' },
    ]);
    const p = pool({ detections: dets });
    const errs = await p.loadErrors();
    expect(errs.map((e) => [e.detection, e.type])).toEqual([
      ['syntax', 'SyntaxError'],
      ['no_detect', 'AttributeError'],
      ['import_fails', 'ModuleNotFoundError'],
    ]);
    expect(errs[0]!.file).toBe(dets[0]!.code.path);
    expect(errs[0]!.line).toBeGreaterThan(0);
    expect(errs[2]!.line).toBe(1);
    const rs = await p.run('aws_cloudtrail', ['{}']);
    expect(rs.map((r) => [r.kind, r.detection])).toEqual([['match', 'fine']]);
  });

  it('leaves out detections whose import hangs or exits, and runs the rest', async () => {
    const dets = detections([
      { name: 'a_fine', code: 'def detect(r):\n    return True\n' },
      { name: 'b_hangs_at_import', code: 'while True:\n    pass\ndef detect(r):\n    return True\n' },
      { name: 'c_exits_at_import', code: 'import os\nos._exit(4)\n' },
      { name: 'd_fine', code: 'def detect(r):\n    return True\n' },
    ]);
    const p = pool({ detections: dets, workers: 2, startupTimeoutMs: 1500 });
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
    const dets = detections([{ name: 'slow', code: 'import time\ndef detect(r):\n    time.sleep(5)\n' }]);
    const p = pool({ detections: dets });
    await p.loadErrors();
    const pending = p.run('aws_cloudtrail', ['{}']).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 200)); // most likely in the worker by now; either way it must reject
    await p.close();
    expect(String(await pending)).toMatch(/closed/);
    await expect(p.run('aws_cloudtrail', ['{}'])).rejects.toThrow(/closed/);
  });

  it('times out a hanging detection, replaces its worker, and still runs the others', async () => {
    const dets = detections([
      { name: 'before', code: 'def detect(r):\n    return r.get("hit") is True\n' },
      {
        name: 'hangs',
        code: 'def detect(record):\n    if record.get("hang"):\n        while True:\n            pass\n    return False\n',
      },
      { name: 'after', code: 'def detect(r):\n    return r.get("hit") is True\n' },
    ]);
    const p = pool({ detections: dets, workers: 2, timeoutMs: 1500, batchSize: 2 });
    const rs = await p.run('aws_cloudtrail', ['{"hit":true}', '{"hang":true}', '{"hit":true}', '{}']);
    expect(rs.map((r) => [r.kind, r.detection, r.recordIndex])).toEqual([
      ['match', 'before', 0],
      ['error', 'hangs', 0],
      ['match', 'after', 0],
      ['error', 'hangs', 1],
      ['match', 'before', 2],
      ['match', 'after', 2],
    ]);
    const e = rs[1] as DetectionError;
    expect(e.error.type).toBe('DetectionTimeout');
    expect(e.error.message).toContain('"hangs"');
    // the pool still works afterwards, with replaced workers
    const again = await p.run('aws_cloudtrail', ['{"hit":true}']);
    expect(again.map((r) => r.detection)).toEqual(['before', 'after']);
  });

  it('replaces a worker that dies and blames the detection it was running', async () => {
    const dets = detections([
      {
        name: 'kills',
        code: 'import os\ndef detect(r):\n    if r.get("die"):\n        os._exit(9)\n    return False\n',
      },
      { name: 'after', code: 'def detect(r):\n    return True\n' },
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

  it('print() in detections does not corrupt the channel', async () => {
    const code =
      'import sys, os\ndef detect(record):\n    print("hello\\n{\\"t\\":\\"chunk\\"}")\n' +
      '    sys.stdout.write("raw\\n")\n    os.write(1, b"fd1\\n")\n    print("err", file=sys.stderr)\n    return True\n';
    const out: string[] = [];
    const p = pool({ detections: detections([{ name: 'chatty', code }]), onOutput: (t) => out.push(t) });
    const rs = await p.run('aws_cloudtrail', ['{}', '{}']);
    expect(rs.map((r) => [r.kind, r.recordIndex])).toEqual([
      ['match', 0],
      ['match', 1],
    ]);
    await p.close(); // output is complete once the workers are closed
    const text = out.join('');
    expect(text).toContain('hello');
    expect(text).toContain('fd1');
  });

  it('keeps 64-bit integers exact and non-ASCII text intact', async () => {
    const code = `
def detect(record):
    return record["id"] == 9007199254740993 and record["name"] == "Zoë 🚀 東京"

def title(record):
    return "user " + record["name"] + " \\u2028"

def alert_context(record):
    return {"id": record["id"], "big": record["big"], "name": record["name"], "lone": record["lone"]}
`;
    const dets = detections([{ name: 'exact', code }]);
    const rec =
      '{"id":9007199254740993,"big":-9223372036854775807,"name":"Zoë 🚀 東京","lone":"\\ud800",\n"nl":"a\\nb"}';
    const rs = await pool({ detections: dets }).run('aws_cloudtrail', [rec]);
    expect(rs).toHaveLength(1);
    const m = rs[0] as DetectionMatch;
    expect(m.kind).toBe('match');
    expect(m.title).toBe('user Zoë 🚀 東京 \u2028');
    expect(m.alertContext).toEqual({
      id: 9007199254740993n,
      big: -9223372036854775807n,
      name: 'Zoë 🚀 東京',
      lone: '\ud800',
    });
    expect(m.alertContextJson).toContain('9007199254740993');
  });

  it('reports invalid records per detection', async () => {
    const dets = detections([{ name: 'any', code: 'def detect(r):\n    return True\n' }]);
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

  it('spreads batches over several workers, results in record order', async () => {
    // each record takes a little while, so the batches cannot all finish on the first worker up
    const code =
      'import os, time\ndef detect(r):\n    time.sleep(0.003)\n    return r["i"] % 3 == 0\n' +
      'def alert_context(r):\n    return {"pid": os.getpid()}\n';
    const dets = detections([{ name: 'third', code }]);
    const p = pool({ detections: dets, workers: 3, batchSize: 20 });
    const records = Array.from({ length: 900 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(i % 17) }));
    const rs = matches(await p.run('aws_cloudtrail', records));
    expect(rs.map((m) => m.recordIndex)).toEqual(records.map((_, i) => i).filter((i) => i % 3 === 0));
    const pids = new Set(rs.map((m) => (m.alertContext as { pid: number }).pid));
    expect(pids.size).toBeGreaterThan(1);
    // concurrent runs on one pool
    const [a, b] = await Promise.all([
      p.run('aws_cloudtrail', records.slice(0, 10)),
      p.run('aws_cloudtrail', records.slice(10, 20)),
    ]);
    expect(a.map((m) => m.recordIndex)).toEqual([0, 3, 6, 9]);
    expect(b.map((m) => m.recordIndex)).toEqual([2, 5, 8]);
  });

  it('rejects with a clear error when the interpreter cannot start', async () => {
    const dets = detections([{ name: 'any', code: 'def detect(r):\n    return True\n' }]);
    const p = pool({ detections: dets, python: '/nonexistent/python3' });
    await expect(p.run('aws_cloudtrail', ['{}'])).rejects.toThrow(/could not start "\/nonexistent\/python3"/);
  });
});
