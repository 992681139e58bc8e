// Input generator of the managed-source benchmark (bench/managed/run.mjs).
//
// For each benchmarked type it takes the records of the type's clean sample files
// (`src/managed/<type>/samples/<table>/<case>.*` whose golden `<case>.expected.json` shows no dead
// letters and at least one committed record) and replicates them up to N events, replica k of
// every record shifted deterministically:
//   - timestamps (ISO 8601 strings, Zeek `time` columns / JSON `ts`, VPC flow `start`/`end`) move
//     by k · span / replicas seconds, so the events spread over `spanHours` (default 24 h);
//   - IPv4 addresses get their last octet rotated, IPv6 their last group (same /24, same /112:
//     private stays private, documentation ranges stay documentation ranges);
//   - the type's id fields (CloudTrail eventID/requestID, Okta uuid/transaction id, Zeek uid,
//     Suricata flow_id) get replica-specific tails.
// and writes them the way the vendor delivers them:
//   - CloudTrail: `{"Records":[...]}` gzip files of `recordsPerFile` (5,000) records;
//   - VPC flow: space-separated text, header line + rows (one file per distinct header/format);
//   - Zeek conn: Zeek TSV with its `#separator … #fields … #types` header, named `conn.log`;
//   - Zeek dns, Okta, Suricata eve: NDJSON.
// Deterministic: the same options give byte-identical files.

import { gunzipSync, gzipSync } from 'node:zlib';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
const MANAGED = path.join(ROOT, 'src', 'managed');

/**
 * The benchmarked types. `source` is the log source name (= the managed folder); `kind` decides
 * how samples are parsed and what is written; `accepts` filters sample files by content.
 */
export const TYPES = {
  aws_cloudtrail: {
    label: 'AWS_CLOUDTRAIL',
    managed: 'AWS_CLOUDTRAIL',
    source: 'aws_cloudtrail',
    samples: 'aws_cloudtrail/samples/default',
    kind: 'cloudtrail',
    ids: ['eventID', 'requestID', 'sharedEventID'],
  },
  aws_vpcflow: {
    label: 'AWS_VPCFLOW',
    managed: 'AWS_VPCFLOW',
    source: 'aws_vpcflow',
    samples: 'aws_vpcflow/samples/default',
    kind: 'vpcflow',
  },
  zeek_conn: {
    label: 'ZEEK conn (TSV)',
    managed: 'ZEEK',
    source: 'zeek',
    samples: 'zeek/samples/connection',
    kind: 'zeek-tsv',
    file: 'conn.log',
    ids: ['uid'],
  },
  zeek_dns: {
    label: 'ZEEK dns (JSON)',
    managed: 'ZEEK',
    source: 'zeek',
    samples: 'zeek/samples/dns',
    kind: 'ndjson',
    file: 'dns.log',
    ids: ['uid'],
  },
  okta: {
    label: 'OKTA',
    managed: 'OKTA',
    source: 'okta',
    samples: 'okta/samples/system',
    kind: 'ndjson',
    file: 'okta_system_log.json',
    ids: ['uuid', 'transaction.id', 'authenticationContext.externalSessionId'],
  },
  suricata: {
    label: 'SURICATA eve',
    managed: 'SURICATA',
    source: 'suricata',
    samples: 'suricata/samples/eve',
    kind: 'ndjson',
    file: 'eve.json',
    ids: ['flow_id'],
  },
};

/* ------------------------------------------------------------------ samples */

function readSample(file) {
  const buf = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

/** Clean sample files of a type: golden output without dead letters and with committed rows. */
export function cleanSamples(type) {
  const dir = path.join(MANAGED, TYPES[type].samples);
  const out = [];
  const skipped = [];
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.expected.json') || file.startsWith('.')) continue;
    const name = file.replace(/(\.[a-z0-9]+)+$/i, '');
    const expected = path.join(dir, `${name}.expected.json`);
    if (!existsSync(expected)) {
      skipped.push(`${file} (no golden)`);
      continue;
    }
    const { summary } = JSON.parse(readFileSync(expected, 'utf8'));
    if (summary.deadLettered > 0 || summary.committed === 0) {
      skipped.push(`${file} (golden: ${summary.deadLettered} dead-lettered, ${summary.committed} committed)`);
      continue;
    }
    out.push({ file: path.join(dir, file), name: file, committed: summary.committed });
  }
  return { samples: out, skipped };
}

const isZeekTsv = (text) => text.startsWith('#separator');

function parseJsonRecords(text) {
  try {
    const v = JSON.parse(text);
    if (Array.isArray(v)) return v;
    if (v && typeof v === 'object' && Array.isArray(v.Records)) return v.Records;
    return [v];
  } catch {
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l));
  }
}

function parseZeekTsv(text) {
  const lines = text.split('\n');
  const header = [];
  const rows = [];
  let fields;
  let types;
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (line.startsWith('#close')) continue;
      if (rows.length === 0) header.push(line);
      if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1);
      if (line.startsWith('#types\t')) types = line.split('\t').slice(1);
      continue;
    }
    rows.push(line.split('\t'));
  }
  return { header, fields, types, rows };
}

/**
 * The sample records of a type, in a form the writer replicates:
 *   json kinds: { records: object[] }
 *   vpcflow:    { groups: [{ header: string[], rows: string[][] }] }
 *   zeek-tsv:   { groups: [{ header: string[] (the # lines), fields, types, rows }] }
 */
export function loadSamples(type) {
  const t = TYPES[type];
  const { samples, skipped } = cleanSamples(type);
  const used = [];
  if (t.kind === 'cloudtrail' || t.kind === 'ndjson') {
    const records = [];
    for (const s of samples) {
      const text = readSample(s.file);
      if (isZeekTsv(text)) {
        skipped.push(`${s.name} (Zeek TSV; this benchmark row is the JSON format)`);
        continue;
      }
      const recs = parseJsonRecords(text);
      records.push(...recs);
      used.push(`${s.name} (${recs.length})`);
    }
    return { records, count: records.length, used, skipped };
  }
  if (t.kind === 'vpcflow') {
    const byHeader = new Map();
    for (const s of samples) {
      const lines = readSample(s.file)
        .split('\n')
        .filter((l) => l.trim() !== '');
      const header = lines[0];
      if (!byHeader.has(header)) byHeader.set(header, { header: header.split(' '), rows: [] });
      const rows = lines.slice(1).map((l) => l.split(' '));
      byHeader.get(header).rows.push(...rows);
      used.push(`${s.name} (${rows.length})`);
    }
    const groups = [...byHeader.values()];
    return { groups, count: groups.reduce((n, g) => n + g.rows.length, 0), used, skipped };
  }
  if (t.kind === 'zeek-tsv') {
    const byFields = new Map();
    for (const s of samples) {
      const text = readSample(s.file);
      if (!isZeekTsv(text)) {
        skipped.push(`${s.name} (Zeek JSON; this benchmark row is the TSV format)`);
        continue;
      }
      const p = parseZeekTsv(text);
      const key = p.fields.join('\t');
      if (!byFields.has(key)) byFields.set(key, { ...p, rows: [] });
      byFields.get(key).rows.push(...p.rows);
      used.push(`${s.name} (${p.rows.length})`);
    }
    const groups = [...byFields.values()];
    return { groups, count: groups.reduce((n, g) => n + g.rows.length, 0), used, skipped };
  }
  throw new Error(`unknown kind ${t.kind}`);
}

/* ------------------------------------------------------------------ variation */

function varyIPv4(ip, k) {
  const p = ip.split('.').map(Number);
  // last octet rotated through 1..254, keeping 0/255 (network/broadcast) as they are
  if (p[3] !== 0 && p[3] !== 255) p[3] = ((p[3] - 1 + k) % 254) + 1;
  return p.join('.');
}

function varyIPv6(ip, k) {
  const m = /^(.*:)([0-9a-f]{0,4})$/i.exec(ip);
  if (!m || m[2] === '') return ip;
  return m[1] + ((parseInt(m[2], 16) + k) % 0xffff).toString(16);
}

export function varyIp(s, k) {
  if (k === 0) return s;
  if (isIPv4(s)) return varyIPv4(s, k);
  if (isIPv6(s)) return varyIPv6(s, k);
  return s;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(.*)$/;
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Shifts an ISO 8601 timestamp by `sec` seconds, keeping its fraction and zone text. */
export function shiftIso(s, sec) {
  const m = ISO.exec(s);
  if (!m || sec === 0) return s;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + sec * 1000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${m[7]}`
  );
}

/** Shifts Zeek epoch seconds (`1709647260.418210`) keeping the number of decimals. */
function shiftEpochText(s, sec) {
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  const dot = s.indexOf('.');
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  return (Number(s) + sec).toFixed(decimals);
}

/** Replaces the tail of an id with replica k, in the id's own alphabet (hex or alphanumeric). */
export function varyId(v, k) {
  if (k === 0 || v == null) return v;
  if (typeof v === 'number') return Number.isSafeInteger(v + k * 7919) ? v + k * 7919 : v;
  const s = String(v);
  const hex = /^[0-9a-f-]+$/i.test(s);
  let tail = hex ? k.toString(16) : k.toString(36);
  const body = s.replace(/-/g, '');
  if (tail.length >= body.length) tail = tail.slice(-Math.max(1, body.length - 1));
  // write the tail over the last characters that are not '-'
  const out = s.split('');
  let t = tail.length - 1;
  for (let i = out.length - 1; i >= 0 && t >= 0; i--) {
    if (out[i] === '-') continue;
    const c = tail[t--];
    out[i] = /[A-Z]/.test(out[i]) && !hex ? c.toUpperCase() : c;
  }
  return out.join('');
}

function getPath(obj, dotted) {
  const parts = dotted.split('.');
  let o = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (o == null || typeof o !== 'object') return undefined;
    o = o[parts[i]];
  }
  return o != null && typeof o === 'object' ? [o, parts.at(-1)] : undefined;
}

/** Deep copy of a JSON record with timestamps shifted, IPs rotated and ids made replica-specific. */
export function varyRecord(rec, k, sec, ids = []) {
  const walk = (v, key) => {
    if (typeof v === 'string') {
      if (ISO.test(v)) return shiftIso(v, sec);
      return varyIp(v, k);
    }
    if (typeof v === 'number' && key === 'ts') return Math.round((v + sec) * 1e6) / 1e6; // Zeek JSON epoch ts
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') {
      const o = {};
      for (const [kk, vv] of Object.entries(v)) o[kk] = walk(vv, kk);
      return o;
    }
    return v;
  };
  const out = walk(rec, '');
  for (const id of ids) {
    const at = getPath(out, id);
    if (at && at[0][at[1]] != null && typeof at[0][at[1]] !== 'object')
      at[0][at[1]] = varyId(at[0][at[1]], k);
  }
  return out;
}

/* ------------------------------------------------------------------ writers */

class Writer {
  constructor(file) {
    this.fd = openSync(file, 'w');
    this.parts = [];
    this.size = 0;
    this.bytes = 0;
  }
  write(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 4 << 20) this.flush();
  }
  flush() {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }
}

/**
 * Writes N events of `type` into `dir` (emptied first). Returns the manifest:
 *   { type, events, files: [{ name, events, bytes, rawBytes }], samples: {used, skipped}, … }
 */
export function generate({ type, events, dir, spanHours = 24, recordsPerFile = 5000 }) {
  const t = TYPES[type];
  const s = loadSamples(type);
  if (s.count === 0) throw new Error(`${type}: no clean sample records`);
  const replicas = Math.ceil(events / s.count);
  const offset = (k) => Math.floor((k * spanHours * 3600) / replicas);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];

  if (t.kind === 'cloudtrail') {
    let batch = [];
    const flush = () => {
      if (batch.length === 0) return;
      const seq = files.length;
      const name = `111122223333_CloudTrail_us-east-1_20261130T${pad(Math.floor(seq / 12) % 24)}${pad((seq * 5) % 60)}Z_bench${pad(seq, 5)}.json.gz`;
      const text = `{"Records":[${batch.join(',')}]}`;
      const gz = gzipSync(Buffer.from(text, 'utf8'));
      const file = path.join(dir, name);
      const fd = openSync(file, 'w');
      writeSync(fd, gz);
      closeSync(fd);
      files.push({ name, events: batch.length, bytes: gz.length, rawBytes: Buffer.byteLength(text) });
      batch = [];
    };
    for (let i = 0; i < events; i++) {
      const k = Math.floor(i / s.count);
      batch.push(JSON.stringify(varyRecord(s.records[i % s.count], k, offset(k), t.ids)));
      if (batch.length === recordsPerFile) flush();
    }
    flush();
  } else if (t.kind === 'ndjson') {
    const w = new Writer(path.join(dir, t.file));
    for (let i = 0; i < events; i++) {
      const k = Math.floor(i / s.count);
      w.write(JSON.stringify(varyRecord(s.records[i % s.count], k, offset(k), t.ids)) + '\n');
    }
    const bytes = w.close();
    files.push({ name: t.file, events, bytes, rawBytes: bytes });
  } else if (t.kind === 'vpcflow') {
    // one file per format (header), as one flow log per format delivers them
    const flat = s.groups.flatMap((g, gi) => g.rows.map((row) => ({ gi, row })));
    const writers = s.groups.map((g, gi) => {
      const name = `123456789010_vpcflowlogs_us-east-1_fl-bench${gi}_20240301T0000Z_bench.log`;
      const w = new Writer(path.join(dir, name));
      w.write(g.header.join(' ') + '\n');
      return { name, w, events: 0 };
    });
    const cols = s.groups.map((g) => ({
      time: ['start', 'end'].map((c) => g.header.indexOf(c)).filter((i) => i >= 0),
      ip: ['srcaddr', 'dstaddr', 'pkt-srcaddr', 'pkt-dstaddr']
        .map((c) => g.header.indexOf(c))
        .filter((i) => i >= 0),
      port: ['srcport'].map((c) => g.header.indexOf(c)).filter((i) => i >= 0),
    }));
    for (let i = 0; i < events; i++) {
      const k = Math.floor(i / s.count);
      const { gi, row } = flat[i % s.count];
      const r = row.slice();
      const sec = offset(k);
      for (const c of cols[gi].time) if (/^\d+$/.test(r[c])) r[c] = String(Number(r[c]) + sec);
      for (const c of cols[gi].ip) r[c] = varyIp(r[c], k);
      // ephemeral source ports rotate too (only ports that are already ephemeral)
      for (const c of cols[gi].port)
        if (/^\d+$/.test(r[c]) && Number(r[c]) >= 32768)
          r[c] = String(32768 + ((Number(r[c]) - 32768 + k) % 28232));
      writers[gi].w.write(r.join(' ') + '\n');
      writers[gi].events++;
    }
    for (const x of writers) {
      const bytes = x.w.close();
      files.push({ name: x.name, events: x.events, bytes, rawBytes: bytes });
    }
  } else if (t.kind === 'zeek-tsv') {
    if (s.groups.length !== 1)
      throw new Error(`${type}: clean TSV samples have ${s.groups.length} different #fields headers`);
    const g = s.groups[0];
    const w = new Writer(path.join(dir, t.file));
    for (const line of g.header) w.write(line + '\n');
    const time = g.types.map((ty, i) => (ty === 'time' ? i : -1)).filter((i) => i >= 0);
    const addr = g.types.map((ty, i) => (ty === 'addr' ? i : -1)).filter((i) => i >= 0);
    const idCols = (t.ids ?? []).map((f) => g.fields.indexOf(f)).filter((i) => i >= 0);
    for (let i = 0; i < events; i++) {
      const k = Math.floor(i / s.count);
      const r = g.rows[i % s.count].slice();
      const sec = offset(k);
      for (const c of time) r[c] = shiftEpochText(r[c], sec);
      for (const c of addr) r[c] = varyIp(r[c], k);
      for (const c of idCols) if (r[c] !== '-') r[c] = varyId(r[c], k);
      w.write(r.join('\t') + '\n');
    }
    w.write('#close\t2024-03-06-14-00-00\n');
    const bytes = w.close();
    files.push({ name: t.file, events, bytes, rawBytes: bytes });
  }
  return manifest();

  function manifest() {
    const m = {
      generator: GENERATOR_VERSION,
      type,
      events,
      spanHours,
      recordsPerFile: t.kind === 'cloudtrail' ? recordsPerFile : undefined,
      sampleRecords: s.count,
      samplesUsed: s.used,
      samplesSkipped: s.skipped,
      files,
      zeekFields: t.kind === 'zeek-tsv' ? s.groups[0].fields : undefined,
    };
    return m;
  }
}
