#!/usr/bin/env node
// VRL benchmark: a CloudTrail → ECS mapping (bench/vrl/body.vrl, 40 statements of paths, string
// functions, conditionals, timestamp parsing and JSON encoding) run by Lakewatch's compiled VRL and,
// in the same process, by upstream VRL (the Rust implementation compiled to WebAssembly,
// @bpinternal/verel) on the same program and the same records.
//
// Both engines get one program that maps a batch of records with `map_values`, so compilation is shared
// by the batch; input conversion (JSON text → engine values) is included for both. The upstream build
// (`@bpinternal/verel`) recompiles on every `execute` (≈20 ms for this program) and its `map_values` is
// quadratic in the batch length, so it gets batches of 100 records on the first 2,000 records — its best
// setting measured here; native Vector is faster than this wasm build, so read that ratio as an upper
// bound. Also reported: Lakewatch's per-event form (the ingest path: compile once, `run` per record) and
// a hand-written JavaScript function doing the same mapping — the ceiling any compiler can approach.
//
//   npm run build && node bench/vrl/run.mjs [--events 20000] [--repeat 3]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cloudtrailRecords } from '../ingest/generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '20000' }, repeat: { type: 'string', default: '3' } },
});
const N = Number(args.events);
const REPEAT = Number(args.repeat);
const { compileVrl, parseVrlJson, toVrlJson } = await import('../../dist/vrl/index.js');
const verel = createRequire(import.meta.url)('@bpinternal/verel');

const body = readFileSync(path.join(here, 'body.vrl'), 'utf8');
const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
const batchProgram = `map_values(array!(.events)) -> |rec| {\n  r = object!(rec)\n${indent(body)}\n  o\n}\n`;
const eventProgram = `r = object!(.json)\n${body}\n. = o\n`;
const lines = cloudtrailRecords(N, 7);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn) {
  const samples = [];
  let result;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), result };
}

// Upstream VRL (wasm): batches of 100 records.
const UPSTREAM_N = Math.min(N, 2000);
const upstreamBatches = [];
for (let i = 0; i < UPSTREAM_N; i += 100)
  upstreamBatches.push(`{"events":[${lines.slice(i, i + 100).join(',')}]}`);
const upstreamRun = time(() =>
  upstreamBatches.flatMap((text) => verel.execute(batchProgram, JSON.parse(text)).result),
);
const upstream = { ms: (upstreamRun.ms * N) / UPSTREAM_N, result: upstreamRun.result };

// Lakewatch, same batch program.
const batch = compileVrl(batchProgram);
const ours = time(() => {
  const out = batch.run(parseVrlJson(`{"events":[${lines.join(',')}]}`), { metadata: {} });
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
});

// Lakewatch per event, as ingest runs it.
const perEvent = compileVrl(eventProgram);
const perEventRun = time(() => {
  const out = [];
  for (const line of lines) {
    const r = perEvent.run({ json: parseVrlJson(line) }, { metadata: {} });
    if (!r.ok) throw new Error(r.error.message);
    out.push(r.event);
  }
  return out;
});

// Same results? Compare one record's output as JSON (upstream's values are plain JSON).
const oursFirst = JSON.parse(toVrlJson(ours.result[0]));
const same = JSON.stringify(sortKeys(oursFirst)) === JSON.stringify(sortKeys(upstream.result[0]));

// Hand-written JavaScript: the ceiling.
const handRun = time(() => lines.map((line) => handMap(JSON.parse(line))));

const rate = (ms) => Math.round((N / ms) * 1000);
const row = (name, ms, base) =>
  `${name.padEnd(44)} ${String(rate(ms)).padStart(9)} events/s  ${((ms / N) * 1000).toFixed(2).padStart(7)} µs/event  ${base ? `${(base / ms).toFixed(2)}×` : ''}`;
console.log(
  `VRL benchmark: ${N} CloudTrail records, ${body.split('\n').filter(Boolean).length}-line mapping, median of ${REPEAT}`,
);
console.log(row('upstream VRL (Rust → wasm, @bpinternal/verel)', upstream.ms));
console.log(row('Lakewatch VRL, same batch program', ours.ms, upstream.ms));
console.log(row('Lakewatch VRL, per event (ingest path)', perEventRun.ms, upstream.ms));
console.log(row('hand-written JavaScript (ceiling)', handRun.ms, upstream.ms));
console.log(`ratio column: speed relative to upstream VRL; outputs identical on record 0: ${same}`);
console.log(
  `Lakewatch per event vs hand-written JavaScript: ${(handRun.ms / perEventRun.ms).toFixed(2)}× ` +
    `(1.00× would be hand-written speed)`,
);
if (!same) {
  console.log('ours    ', JSON.stringify(sortKeys(oursFirst)));
  console.log('upstream', JSON.stringify(sortKeys(upstream.result[0])));
  process.exitCode = 1;
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

function handMap(r) {
  const o = {
    event: { kind: 'event' },
    cloud: { provider: 'aws' },
    aws: { cloudtrail: { user_identity: {} } },
  };
  o.ts = new Date(r.eventTime);
  o.event.action = r.eventName;
  o.event.provider = r.eventSource;
  o.event.outcome = r.errorCode != null ? 'failure' : 'success';
  o.event.id = r.eventID;
  o.cloud.region = r.awsRegion;
  o.cloud.account = { id: r.recipientAccountId };
  o.source = { ip: r.sourceIPAddress };
  o.user_agent = { original: r.userAgent };
  o.user = { id: r.userIdentity?.principalId };
  const arn = typeof r.userIdentity?.arn === 'string' ? r.userIdentity.arn : '';
  if (arn) {
    const parts = arn.split('/');
    o.user.name = parts[parts.length - 1];
    o.related = { user: [o.user.name] };
  }
  const name = typeof r.eventName === 'string' ? r.eventName : '';
  o.event.type = /^(Get|List|Describe)/.test(name)
    ? ['access']
    : name.startsWith('Create')
      ? ['creation']
      : name.startsWith('Delete')
        ? ['deletion']
        : ['change'];
  const ct = o.aws.cloudtrail;
  ct.event_version = r.eventVersion;
  ct.read_only = r.readOnly;
  ct.user_identity.type = r.userIdentity?.type;
  ct.user_identity.access_key_id = r.userIdentity?.accessKeyId;
  const mfa = r.userIdentity?.sessionContext?.attributes?.mfaAuthenticated;
  if (mfa != null) ct.user_identity.session_context = { mfa_authenticated: mfa === 'true' };
  if (r.requestParameters != null) ct.flattened = { request_parameters: JSON.stringify(r.requestParameters) };
  if (r.errorCode != null) {
    ct.error_code = r.errorCode;
    ct.error_message = r.errorMessage;
  }
  o.tls = { version: String(r.tlsDetails?.tlsVersion ?? '').toLowerCase() };
  return o;
}
