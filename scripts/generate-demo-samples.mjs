#!/usr/bin/env node
// Writes the demo lake's bundled sample logs (samples/demo/data/…) deterministically.
// Usage: node scripts/generate-demo-samples.mjs   (re-running produces identical files)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'samples', 'demo', 'data');

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261101);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const start = Date.parse('2026-11-01T00:00:00Z');
const hours = 24;
const at = (i, n) => new Date(start + Math.floor((i / n) * hours * 3600_000) + int(0, 999)).toISOString();

const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'root', 'deploy'];
const hosts = ['bastion-1', 'bastion-2', 'web-1', 'web-2', 'db-1'];
const goodIps = ['10.0.1.15', '10.0.1.22', '10.0.2.7', '192.168.40.3', '2001:db8::15'];
const badIps = ['203.0.113.50', '198.51.100.23', '203.0.113.77', '2001:db8:bad::9'];

// auth: ECS-shaped JSON lines, as an agent that already speaks ECS would ship them.
{
  const n = 3000;
  const lines = [];
  for (let i = 0; i < n; i++) {
    const attack = rand() < 0.3;
    const user = attack ? pick(['root', 'admin', 'oracle', 'test', 'ubuntu']) : pick(users);
    const ip = attack ? pick(badIps) : pick(goodIps);
    const success = attack ? rand() < 0.01 : rand() < 0.93;
    const host = pick(hosts);
    const method = attack ? 'password' : pick(['publickey', 'publickey', 'password']);
    const port = int(32768, 60999);
    const rec = {
      '@timestamp': at(i, n),
      event: {
        kind: 'event',
        category: ['authentication'],
        type: ['start'],
        action: 'ssh_login',
        outcome: success ? 'success' : 'failure',
        dataset: 'system.auth',
        module: 'system',
      },
      user: { name: user },
      source: { ip, port },
      host: { name: host, hostname: `${host}.corp.example` },
      related: { ip: [ip], user: [user], hosts: [host] },
      message: `${success ? 'Accepted' : 'Failed'} ${method} for ${user} from ${ip} port ${port} ssh2`,
      process: { name: 'sshd', pid: int(1000, 65000) },
    };
    if (i === 1234) rec.source.port = 'not-a-port'; // becomes a conformance warning: port set to null
    lines.push(JSON.stringify(rec));
  }
  lines.splice(2000, 0, '{"@timestamp": "2026-11-01T16:00:00Z", "event": {"action": "ssh_login"'); // truncated line → dead letter
  const dir = path.join(root, 'auth');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'auth-2026-11-01.jsonl.gz'), gzipSync(lines.join('\n') + '\n', { level: 9 }));
}

// firewall: CSV with a header row, epoch-second timestamps, as many appliances export.
{
  const n = 4000;
  const rows = ['ts,src_ip,src_port,dst_ip,dst_port,protocol,action,bytes,packets,rule'];
  for (let i = 0; i < n; i++) {
    const inbound = rand() < 0.4;
    const src = inbound
      ? pick([...badIps.filter((x) => !x.includes(':')), '192.0.2.44', '198.51.100.5'])
      : pick(goodIps.slice(0, 4));
    const dst = inbound
      ? pick(['10.0.1.15', '10.0.1.22'])
      : pick(['93.184.216.34', '151.101.1.69', '140.82.114.4']);
    const port = inbound ? pick([22, 22, 3389, 445, 23, 8080]) : pick([443, 443, 443, 80, 53]);
    const action = inbound && port !== 22 ? 'deny' : rand() < 0.05 ? 'deny' : 'allow';
    const ts = Math.floor((start + (i / n) * hours * 3600_000) / 1000);
    const bytes = action === 'deny' ? 0 : int(200, 2_000_000);
    rows.push(
      [
        ts,
        src,
        int(1024, 65535),
        dst,
        port,
        port === 53 ? 'udp' : 'tcp',
        action,
        bytes,
        Math.max(1, Math.floor(bytes / 1400)),
        inbound ? 'edge-in' : 'egress',
      ].join(','),
    );
  }
  rows[1500] = rows[1500].replace(/,\d+,(\d+),(edge-in|egress)$/, ',n/a,$1,$2'); // bytes "n/a" → conformance warning
  rows.splice(3000, 0, '1762012800,10.0.1.15,51000,93.184.216.34,443,tcp,allow,1200,2,egress,EXTRA'); // too many columns → dead letter
  const dir = path.join(root, 'firewall');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'firewall-2026-11-01.csv.gz'), gzipSync(rows.join('\n') + '\n', { level: 9 }));
}

// syslog: plain text lines; each becomes { message }.
{
  const n = 500;
  const lines = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(start + Math.floor((i / n) * hours * 3600_000));
    const stamp = t.toUTCString().slice(5, 25);
    const host = pick(hosts);
    lines.push(
      pick([
        `${stamp} ${host} CRON[${int(1000, 9999)}]: (root) CMD (/usr/lib/sa/sa1 1 1)`,
        `${stamp} ${host} sudo: ${pick(users)} : TTY=pts/0 ; PWD=/home ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`,
        `${stamp} ${host} kernel: [UFW BLOCK] IN=eth0 OUT= SRC=${pick(badIps.slice(0, 3))} DST=10.0.1.15 PROTO=TCP DPT=23`,
        `${stamp} ${host} systemd[1]: Started Session ${int(100, 999)} of user ${pick(users)}.`,
      ]),
    );
  }
  const dir = path.join(root, 'syslog');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'messages-2026-11-01.log'), lines.join('\n') + '\n');
}
console.log(`wrote samples under ${root}`);
