#!/usr/bin/env node
// Service benchmark: `lakewatch up` under a fixed HTTP load, end to end.
//
//   npm run build && node bench/service/run.mjs                    # 5k, 10k, 20k events/s, 60 s each
//   node bench/service/run.mjs --rates 5000 --seconds 20           # quick
//
// For each rate, in a fresh lake:
// 1. `lakewatch up --port 0` with one TypeScript detection that fires on 1 % of events (each hit
//    its own alert: dedupe = the event's id) and a webhook destination served by this script.
// 2. A sender POSTs NDJSON to /ingest/app every 100 ms (rate/10 events per request, like a
//    shipper's batch), for --seconds. Each event carries its send time.
// 3. Measured: events/s accepted (HTTP 200), events/s committed (the service's own
//    lakewatch_ingest_events_total counter, sampled from /metrics over the sending window) and
//    after it (the backlog drain), and for each hit the time from its POST to the webhook
//    receiving its alert: p50, p99, max.
// 4. Baseline in the same run: `lakewatch ingest` of the same events as one NDJSON file into a
//    fresh lake with the same detection (the pipeline's throughput without HTTP/batching) →
//    the service's sustained rate as a ratio of it.
// Timings are printed, never asserted.

import { spawn, spawnSync } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'lakewatch.js');
const OUT = path.join(ROOT, 'bench', 'out', 'service');
const { values: opt } = parseArgs({
  options: {
    rates: { type: 'string', default: '5000,10000,20000' },
    seconds: { type: 'string', default: '60' },
    'flush-interval': { type: 'string', default: '1s' },
    'skip-baseline': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  process.stdout.write(
    'node bench/service/run.mjs [--rates 5000,10000,20000] [--seconds 60] [--flush-interval 1s]\n',
  );
  process.exit(0);
}
const RATES = opt.rates.split(',').map(Number);
const SECONDS = Number(opt.seconds);
const TICK_MS = 100;

// ---------------------------------------------------------------- the lake
const LOG_SOURCE = `name: app
schema:
  ecs_field_names: [event.action, event.kind, event.outcome, user.name, source.ip, host.name, message]
  fields:
    - name: bench
      type:
        type: struct
        fields:
          - { name: id, type: string }
          - { name: sent_ms, type: long }
`;
const DETECTION_YML = `name: bench_hit
tables: [app]
alert:
  severity: high
  destinations: [hook]
`;
const DETECT_TS = `import type { DetectionRecord } from 'lakewatch/detection';
export function detect(r: DetectionRecord): boolean { return r.deepget('event.action') === 'bench-hit'; }
export function title(r: DetectionRecord): string { return 'bench hit ' + r.deepget('bench.id'); }
export function dedupe(r: DetectionRecord): string { return String(r.deepget('bench.id')); }
`;

function makeLake(name, hookPort) {
  const dir = path.join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  const files = {
    'lakewatch.config.yml': `name: bench\nservice:\n  ingest:\n    flush_interval: ${opt['flush-interval']}\n  drop:\n    enabled: false\n`,
    'log_sources/app/log_source.yml': LOG_SOURCE,
    'detections/bench_hit/detection.yml': DETECTION_YML,
    'detections/bench_hit/detect.ts': DETECT_TS,
    'integrations/destinations/hook.yml': `name: hook\ntype: webhook\nproperties:\n  url: http://127.0.0.1:${hookPort}/hook\n`,
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

// ---------------------------------------------------------------- events
let seq = 0;
const users = ['alice', 'bob', 'carol', 'dave', 'svc-deploy'];
function event(sentMs, hit) {
  const i = seq++;
  return JSON.stringify({
    '@timestamp': new Date(sentMs).toISOString(),
    event: {
      kind: 'event',
      action: hit ? 'bench-hit' : 'http-request',
      outcome: i % 17 ? 'success' : 'failure',
    },
    user: { name: users[i % users.length] },
    source: { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    host: { name: `web-${i % 8}` },
    message: `GET /api/v1/items/${i} 200 ${(i * 7919) % 5000}ms`,
    bench: { id: `e${i}`, sent_ms: sentMs },
  });
}

// ---------------------------------------------------------------- webhook receiver
function startHook() {
  const received = new Map(); // bench id → receive time
  let deliveries = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const now = Date.now();
      deliveries++;
      try {
        const p = JSON.parse(body);
        const dedupe = p.alert?.dedupe ?? p.dedupe;
        if (dedupe && !received.has(dedupe)) received.set(dedupe, now);
      } catch {
        /* counted, not parsed */
      }
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, received, port: server.address().port, count: () => deliveries }),
    ),
  );
}

// ---------------------------------------------------------------- HTTP helpers
/** POST with a shipper's retry: up to 3 tries, the same Idempotency-Key each time. */
async function post(url, token, body, key) {
  let status = 0;
  for (let attempt = 0; attempt < 3 && status !== 200; attempt++) {
    status = await postOnce(url, token, body, key);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return status;
}
const statuses = {};

function postOnce(url, token, body, key) {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: keepAlive,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-ndjson',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': key,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

async function committedEvents(url, token) {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  let n = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('lakewatch_ingest_events_total{') && line.includes('outcome="committed"'))
      n += Number(line.split(' ').pop());
  return n;
}

function startUp(dir) {
  const token = spawnSync(process.execPath, [CLI, '--dir', dir, 'token', 'create', 'bench'], {
    encoding: 'utf8',
  });
  if (token.status !== 0) throw new Error(`token create failed: ${token.stderr}`);
  const child = spawn(process.execPath, [CLI, 'up', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m)
        resolve({ child, url: m[1], token: token.stdout.trim().split('\n').pop(), stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`up exited ${code}: ${stderr}`)));
  });
}

const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------- one rate
async function runRate(rate) {
  for (const k of Object.keys(statuses)) delete statuses[k];
  const hook = await startHook();
  const dir = makeLake(`lake-${rate}`, hook.port);
  const up = await startUp(dir);
  const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
  const hits = new Map(); // id → POST start
  const lines = []; // for the baseline file
  let accepted = 0;
  let rejected = 0;
  let inflight = 0;
  let maxInflight = 0;
  const pending = [];
  const c0 = await committedEvents(up.url, up.token);
  const t0 = performance.now();
  const wall0 = Date.now();
  const ticks = Math.round((SECONDS * 1000) / TICK_MS);
  let committedAtEnd = 0;
  for (let k = 0; k < ticks; k++) {
    const due = t0 + k * TICK_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = Date.now();
    const batch = [];
    const batchHits = [];
    for (let j = 0; j < perTick; j++) {
      const hit = (seq + 1) % 100 === 0; // 1 %
      if (hit) batchHits.push(`e${seq}`);
      batch.push(event(sent, hit));
    }
    if (!opt['skip-baseline']) lines.push(...batch);
    inflight++;
    maxInflight = Math.max(maxInflight, inflight);
    pending.push(
      post(`${up.url}/ingest/app`, up.token, batch.join('\n') + '\n', `${rate}-${k}`).then((status) => {
        inflight--;
        if (status !== 200) return void (rejected += perTick);
        accepted += perTick;
        for (const id of batchHits) hits.set(id, sent);
      }),
    );
  }
  await Promise.all(pending);
  const sendSeconds = (performance.now() - t0) / 1000;
  committedAtEnd = (await committedEvents(up.url, up.token)) - c0;
  // drain: until every accepted event is committed and every hit's alert arrived (or 120 s)
  const drainStart = performance.now();
  let committed = committedAtEnd;
  while (performance.now() - drainStart < 120_000) {
    committed = (await committedEvents(up.url, up.token)) - c0;
    if (committed >= accepted && hook.received.size >= hits.size) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const totalSeconds = (performance.now() - t0) / 1000;
  const latencies = [];
  for (const [id, sentAt] of hits) {
    const got = hook.received.get(id);
    if (got !== undefined) latencies.push(got - sentAt);
  }
  latencies.sort((a, b) => a - b);
  up.child.kill('SIGTERM');
  await new Promise((r) => up.child.on('exit', r));
  hook.server.close();
  return {
    rate,
    sent: seq,
    accepted,
    rejected,
    sendSeconds,
    acceptedRate: accepted / sendSeconds,
    committedDuring: committedAtEnd / sendSeconds,
    committed,
    sustained: committed / totalSeconds,
    drainSeconds: totalSeconds - sendSeconds,
    hits: hits.size,
    alerts: latencies.length,
    deliveries: hook.count(),
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    maxInflight,
    statuses: { ...statuses },
    wall0,
    lines,
  };
}

async function baseline(lines) {
  const hook = await startHook();
  const dir = makeLake('baseline', hook.port);
  const file = path.join(OUT, 'baseline.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  const t = performance.now();
  // async: this process serves the webhook the ingest delivers to
  const child = spawn(
    process.execPath,
    [CLI, 'ingest', 'app', file, '--dir', dir, '--no-progress', '--json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - t) / 1000;
  hook.server.close();
  if (code !== 0) throw new Error(`baseline ingest failed: ${stderr}`);
  const r = { stdout };
  const s = JSON.parse(r.stdout);
  return { events: s.committed, seconds, rate: s.committed / seconds };
}

mkdirSync(OUT, { recursive: true });
process.stdout.write(
  `service benchmark: ${SECONDS} s per rate, flush_interval ${opt['flush-interval']}, 1 % of events alert\n`,
);
const rows = [];
for (const rate of RATES) {
  seq = 0;
  const r = await runRate(rate);
  const base = opt['skip-baseline'] ? null : await baseline(r.lines);
  r.lines = undefined;
  rows.push({ ...r, base });
  process.stdout.write(
    `\n${fmt(rate)} events/s offered for ${r.sendSeconds.toFixed(1)} s: ${fmt(r.accepted)} accepted (${fmt(r.acceptedRate)}/s), ${fmt(r.rejected)} rejected after 3 tries; answers ${JSON.stringify(r.statuses)} (0 = connection error)\n` +
      `  committed during sending  ${fmt(r.committedDuring)} events/s\n` +
      `  sustained (to last commit) ${fmt(r.sustained)} events/s, backlog drained ${r.drainSeconds.toFixed(1)} s after the last POST\n` +
      `  POST → webhook (${fmt(r.alerts)} of ${fmt(r.hits)} alerts) p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms\n` +
      (base
        ? `  baseline: lakewatch ingest of the same ${fmt(base.events)} events as one file: ${fmt(base.rate)} events/s (${base.seconds.toFixed(1)} s incl. start-up) → service sustained ${(r.sustained / base.rate).toFixed(2)}× of it\n`
        : ''),
  );
}
writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(rows, null, 2));
process.stdout.write(`\nresults: ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}\n`);
keepAlive.destroy();
