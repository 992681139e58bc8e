/**
 * ZEEK: which table a file goes to (the file name, else `_path`), and that every table's
 * mapping compiles. The mappings themselves are proven by the golden samples.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compileVrl } from '../../vrl/index.js';
import type { ValueObject } from '../../vrl/value/index.js';
import { loadManagedSource } from '../registry.js';

const dir = path.dirname(new URL(import.meta.url).pathname);
const source = parseYaml(readFileSync(path.join(dir, 'log_source.yml'), 'utf8')) as {
  ingest: { select_table_from_payload_metadata: string; select_table_from_payload: string };
};

function tableOfKey(key: string): unknown {
  const program = compileVrl(source.ingest.select_table_from_payload_metadata);
  const event: ValueObject = { __metadata: { s3: { bucket: '', key, size: 0n, sequencer: '' } } };
  const out = program.run(event, { metadata: {} });
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
}

function tableOfRecord(json: ValueObject): unknown {
  const program = compileVrl(source.ingest.select_table_from_payload);
  const out = program.run({ json }, { metadata: {} });
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
}

describe('ZEEK table selection', () => {
  it.each([
    ['conn.log', 'connection'],
    ['conn.2024-01-01-00-00-00.log', 'connection'],
    ['logs/2024-01-01/conn.00:00:00-01:00:00.log.gz', 'connection'],
    ['conn_20240101_00:00:00-01:00:00+0000.log.gz', 'connection'],
    ['zeek_conn.json', 'connection'],
    ['bro-dns.log', 'dns'],
    ['files.log', 'files'],
    ['smb_files.log', 'smb_files'],
    ['smb_files.2024-01-01-00-00-00.log.gz', 'smb_files'],
    ['smb_cmd.log', 'smb_cmd'],
    ['signatures.log', 'signature'],
    ['known_services.log', 'known_services'],
    ['X509.LOG', 'x509'],
    ['sensor/ssl.log.zst', 'ssl'],
  ])('%s → %s', (key, table) => {
    expect(tableOfKey(key)).toBe(table);
  });

  it.each([['export.json'], ['connection.log'], ['myfiles.log'], ['ldap.log'], ['conn']])(
    '%s → no table from the name (records choose by _path)',
    (key) => {
      // `conn` without any dot is still the conn log
      expect(tableOfKey(key)).toBe(key === 'conn' ? 'connection' : null);
    },
  );

  it('a record names its log in _path', () => {
    expect(tableOfRecord({ _path: 'conn' })).toBe('connection');
    expect(tableOfRecord({ _path: 'smb_files' })).toBe('smb_files');
    expect(tableOfRecord({ _path: 'ldap' })).toBe(null);
    expect(tableOfRecord({ ts: 1.5 })).toBe(null);
  });
});

describe('ZEEK mappings', () => {
  const managed = loadManagedSource('ZEEK')!;
  const prelude = '.related.ip = []\n.related.hash = []\n.related.user = []\n.related.hosts = []\n';

  it('has the 43 standard logs as tables, with Matano’s names', () => {
    expect(managed.tables.map((t) => t.name)).toEqual([
      'capture_loss',
      'connection',
      'dce_rpc',
      'dhcp',
      'dnp3',
      'dns',
      'dpd',
      'files',
      'ftp',
      'http',
      'intel',
      'irc',
      'kerberos',
      'known_certs',
      'known_hosts',
      'known_services',
      'modbus',
      'mysql',
      'notice',
      'ntlm',
      'ntp',
      'ocsp',
      'pe',
      'radius',
      'rdp',
      'rfb',
      'signature',
      'sip',
      'smb_cmd',
      'smb_files',
      'smb_mapping',
      'smtp',
      'snmp',
      'socks',
      'software',
      'ssh',
      'ssl',
      'stats',
      'syslog',
      'traceroute',
      'tunnel',
      'weird',
      'x509',
    ]);
  });

  it.each(managed.tables.map((t) => [t.name, t] as const))(
    '%s compiles and names its dataset',
    (name, table) => {
      expect(table.transform).toContain(`.event.dataset = "zeek.${name}"`);
      expect(() => compileVrl(prelude + managed.transform! + '\n' + table.transform!)).not.toThrow();
    },
  );
});
