#!/usr/bin/env node
// Detection benchmark: Lakewatch's detection runtimes vs. the bare language on the same records,
// and ingest with realtime detections vs. without, all measured in this run.
//
//   npm run build && node bench/detect/run.mjs                 # 200k records
//   node bench/detect/run.mjs --records 50000 --repeat 3       # quick, median of 3
//
// 1. Generates auth-like ECS records (JSON text, ~370 bytes each); the detections match ~2 %.
// 2. Runtimes: the same 3 detections (failed login by source, root login, off-hours admin)
//    written as detect.py and as detect.ts, run through createDetectionRunner (Python workers /
//    worker threads, one per core) over all records → records/s.
// 3. Baselines in the same run: a CPython process that json.loads every line and calls the
//    same three functions in one loop (no IPC, one core), and the same in this Node process.
// 4. Ingest: `lakewatch ingest` of the same records as NDJSON with the Python detections vs.
//    `--no-detect` (each in a fresh lake) → events/s and the ratio.
// Timings are printed, never asserted.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opt } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    repeat: { type: 'string', default: '1' },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    'skip-ingest': { type: 'boolean', default: false },
  },
});
const N = Number(opt.records);
const REPEAT = Math.max(1, Number(opt.repeat));
const WORKERS = Number(opt.workers);

const { loadLakeDirectory } = await import(path.join(ROOT, 'dist/config/index.js'));
const { createDetectionRunner } = await import(path.join(ROOT, 'dist/detect/index.js'));

// ---------------------------------------------------------------- records (seeded, deterministic)
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const users = ['alice', 'bob', 'carol', 'deploy', 'svc-backup'];
const hosts = ['web-1', 'web-2', 'db-1', 'bastion-1'];
const lines = [];
for (let i = 0; i < N; i++) {
  const fail = rand() < 0.03;
  const t = new Date(Date.UTC(2026, 10, 1) + i * 600).toISOString().replace('Z', '000Z');
  const ip =
    fail && rand() < 0.7
      ? `203.0.113.${Math.floor(rand() * 8)}`
      : `10.0.${Math.floor(rand() * 4)}.${Math.floor(rand() * 250)}`;
  lines.push(
    JSON.stringify({
      ts: t,
      event: {
        kind: 'event',
        category: ['authentication'],
        type: ['start'],
        action: 'ssh_login',
        outcome: fail ? 'failure' : 'success',
        dataset: 'system.auth',
      },
      // root and admin are rare, as in real logs: the detections match about 2 % of records
      user: {
        name: rand() < 0.002 ? 'root' : rand() < 0.01 ? 'admin' : users[Math.floor(rand() * users.length)],
      },
      source: { ip, port: 1024 + Math.floor(rand() * 60000) },
      host: { name: hosts[Math.floor(rand() * hosts.length)] },
      process: { name: 'sshd', pid: Math.floor(rand() * 65000) },
      related: { ip: [ip] },
      message: fail ? 'Failed password' : 'Accepted publickey',
    }),
  );
}
const bytes = lines.reduce((n, l) => n + l.length + 1, 0);

// ---------------------------------------------------------------- the detections, both languages
const PY = {
  failed_login: `def detect(r):\n    return r.deepget("event.outcome") == "failure" and r.deepget("source.ip", "").startswith("203.")\n\ndef dedupe(r):\n    return r.deepget("source.ip")\n`,
  root_login: `def detect(r):\n    return r.deepget("user.name") == "root" and r.deepget("event.outcome") == "success"\n\ndef title(r):\n    return "root login on " + str(r.deepget("host.name"))\n`,
  off_hours_admin: `def detect(r):\n    h = int(r.deepget("ts", "T00")[11:13])\n    return r.deepget("user.name") == "admin" and (h < 6 or h > 21)\n`,
};
const TS = {
  failed_login: `import { deepget } from 'lakewatch/detection';\nexport const detect = (r: object) => deepget(r, 'event.outcome') === 'failure' && String(deepget(r, 'source.ip', '')).startsWith('203.');\nexport const dedupe = (r: object) => String(deepget(r, 'source.ip'));\n`,
  root_login: `import { deepget } from 'lakewatch/detection';\nexport const detect = (r: object) => deepget(r, 'user.name') === 'root' && deepget(r, 'event.outcome') === 'success';\nexport const title = (r: object) => 'root login on ' + String(deepget(r, 'host.name'));\n`,
  off_hours_admin: `import { deepget } from 'lakewatch/detection';\nexport const detect = (r: object) => { const h = Number(String(deepget(r, 'ts', 'T00')).slice(11, 13)); return deepget(r, 'user.name') === 'admin' && (h < 6 || h > 21); };\n`,
};

const SOURCE = `name: auth\nschema:\n  ecs_field_names: [event, user.name, source.ip, source.port, host.name, process.name, process.pid, related, message]\n`;

function lake(lang) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `lakewatch-bench-detect-${lang}-`));
  const files = { 'lakewatch.config.yml': 'name: bench\n', 'log_sources/auth/log_source.yml': SOURCE };
  for (const [name, code] of Object.entries(lang === 'python' ? PY : TS)) {
    files[`detections/${name}/detection.yml`] = `name: ${name}\ntables: [auth]\n`;
    files[`detections/${name}/detect.${lang === 'python' ? 'py' : 'ts'}`] = code;
  }
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

async function runtime(lang) {
  const dir = lake(lang);
  const runner = await createDetectionRunner({
    detections: loadLakeDirectory(dir).detections,
    workers: WORKERS,
  });
  const errs = await runner.loadErrors();
  if (errs.length) throw new Error(JSON.stringify(errs));
  await runner.run('auth', lines.slice(0, 1000)); // warm-up
  const times = [];
  let matches = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    const results = await runner.run('auth', lines);
    times.push(performance.now() - t0);
    matches = results.filter((r) => r.kind === 'match').length;
  }
  await runner.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms: median(times), matches };
}

function pythonBaseline() {
  const defs = Object.values(PY)
    .map((code, i) => code.replace(/def (\w+)\(/g, `def $1_${i}(`))
    .join('\n');
  const script = `import json, sys, time
class R(dict):
    def deepget(self, path, default=None):
        v = self
        for p in path.split("."):
            if not isinstance(v, dict): return default
            v = v.get(p)
            if v is None: return default
        return v
${defs}
data = sys.stdin.read().splitlines()
t0 = time.perf_counter()
m = 0
for line in data:
    r = json.loads(line, object_hook=R)
    for d in (detect_0, detect_1, detect_2):
        if d(r): m += 1
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000, "matches": m}))
`;
  const times = [];
  let matches = 0;
  for (let i = 0; i < REPEAT; i++) {
    const out = spawnSync('python3', ['-c', script], { input: lines.join('\n'), maxBuffer: 1 << 26 });
    if (out.status !== 0) throw new Error(out.stderr.toString());
    const r = JSON.parse(out.stdout.toString());
    times.push(r.ms);
    matches = r.matches;
  }
  return { ms: median(times), matches };
}

function nodeBaseline() {
  const get = (o, p, d) => {
    let v = o;
    for (const k of p.split('.')) {
      if (v === null || typeof v !== 'object') return d;
      v = v[k];
      if (v === undefined || v === null) return d;
    }
    return v;
  };
  const dets = [
    (r) => get(r, 'event.outcome') === 'failure' && String(get(r, 'source.ip', '')).startsWith('203.'),
    (r) => get(r, 'user.name') === 'root' && get(r, 'event.outcome') === 'success',
    (r) => {
      const h = Number(String(get(r, 'ts', 'T00')).slice(11, 13));
      return get(r, 'user.name') === 'admin' && (h < 6 || h > 21);
    },
  ];
  const times = [];
  let matches = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    matches = 0;
    for (const l of lines) {
      const r = JSON.parse(l);
      for (const d of dets) if (d(r)) matches++;
    }
    times.push(performance.now() - t0);
  }
  return { ms: median(times), matches };
}

function cli(args, cwd) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/lakewatch.js'), ...args], { cwd });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => (out += c));
    p.stderr.on('data', (c) => (err += c));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}

async function ingest(withDetections) {
  const times = [];
  let summary;
  for (let i = 0; i < REPEAT; i++) {
    const dir = lake('python');
    const input = path.join(dir, 'auth.ndjson');
    writeFileSync(input, lines.join('\n') + '\n');
    const t0 = performance.now();
    const out = await cli(
      ['ingest', 'auth', input, '--dir', dir, '--json', ...(withDetections ? [] : ['--no-detect'])],
      dir,
    );
    times.push(performance.now() - t0);
    summary = JSON.parse(out);
    rmSync(dir, { recursive: true, force: true });
  }
  return { ms: median(times), summary };
}

console.log(
  `${fmt(N)} records (${(bytes / 1e6).toFixed(1)} MB of JSON), 3 detections, ${WORKERS} workers per runtime, median of ${REPEAT}\n`,
);
const py = await runtime('python');
const ts = await runtime('typescript');
const pyBase = pythonBaseline();
const nodeBase = nodeBaseline();
if (py.matches !== pyBase.matches || ts.matches !== nodeBase.matches || py.matches !== ts.matches)
  console.log(
    `warning: match counts differ: python ${py.matches}/${pyBase.matches}, ts ${ts.matches}/${nodeBase.matches}`,
  );
const rate = (r) => (N / r.ms) * 1000;
const rows = [
  ['Lakewatch Python runtime (workers, IPC)', rate(py), rate(py) / rate(pyBase)],
  ['  baseline: CPython loop, one process', rate(pyBase), 1],
  ['Lakewatch TypeScript runtime (worker threads)', rate(ts), rate(ts) / rate(nodeBase)],
  ['  baseline: JS loop in this process', rate(nodeBase), 1],
];
console.log('runtime'.padEnd(48) + 'records/s'.padStart(12) + '  vs baseline');
for (const [name, r, ratio] of rows)
  console.log(name.padEnd(48) + fmt(r).padStart(12) + `  ${ratio.toFixed(2)}×`);
console.log(`(${fmt(py.matches)} matches)`);

if (!opt['skip-ingest']) {
  const without = await ingest(false);
  const withDet = await ingest(true);
  console.log('\ningest (CLI, fresh lake)'.padEnd(49) + 'events/s'.padStart(12));
  console.log('  --no-detect'.padEnd(48) + fmt((N / without.ms) * 1000).padStart(12));
  console.log(
    '  with the 3 Python detections'.padEnd(48) +
      fmt((N / withDet.ms) * 1000).padStart(12) +
      `  ${(without.ms / withDet.ms).toFixed(2)}× of --no-detect`,
  );
  const d = withDet.summary.detections;
  console.log(
    `  (${fmt(d.matches)} matches, ${fmt(d.alertsOpened)} alerts opened, ${fmt(d.alertsActivated)} activated)`,
  );
}
