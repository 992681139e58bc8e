import { describe, expect, it } from 'vitest';
import { compileVrl } from '../../compiler/index.js';
import { K, Kind } from '../../types/index.js';
import { toVrlJson, VrlError, type Value } from '../../value/index.js';
import { parseIp, formatIp } from '../data/ip.js';
import { decrypt_ip } from './decrypt_ip.js';
import { encrypt_ip } from './encrypt_ip.js';
import { decryptPfx, encryptDeterministic, encryptPfx } from './ipcrypt.js';
import type { FunctionDef } from '../function.js';

const CTX = { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() } as const;

function call(def: FunctionDef, ...args: Value[]): Value {
  const impl = def.compile(
    args.map(() => ({ kind: Kind.bytes(), span: { start: 0, end: 0 } })),
    CTX,
  );
  return impl.call(...args);
}

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const KEY16 = hex('0102030405060708090a0b0c0d0e0f10');
const KEY32 = hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20');

describe('encrypt_ip / decrypt_ip', () => {
  it('have VRL signatures', () => {
    for (const def of [encrypt_ip, decrypt_ip]) {
      expect(def.parameters.map((p) => [p.keyword, p.kind, p.required])).toEqual([
        ['ip', K.BYTES, true],
        ['key', K.BYTES, true],
        ['mode', K.BYTES, true],
      ]);
      const impl = def.compile([undefined, undefined, undefined], CTX);
      expect(impl.fallible).toBe(true);
      expect(impl.kind.toString()).toBe(Kind.bytes().toString());
    }
  });

  for (const def of [encrypt_ip, decrypt_ip]) {
    for (const ex of def.examples!) {
      it(`${def.name}: ${ex.title}`, () => {
        const out = compileVrl(ex.source).run({}, { metadata: {} });
        if (!out.ok) throw new Error(out.error.message);
        expect(toVrlJson(out.value)).toBe(ex.result);
      });
    }
  }

  it('matches VRL unit-test vectors', () => {
    expect(call(encrypt_ip, '192.168.1.1', KEY16, 'aes128')).toBe('a6d8:a149:6bcf:b175:bad6:3e56:d72d:4fdb');
    expect(call(encrypt_ip, '192.168.1.1', KEY32, 'pfx')).toBe('194.20.195.96');
    expect(call(decrypt_ip, 'a6d8:a149:6bcf:b175:bad6:3e56:d72d:4fdb', KEY16, 'aes128')).toBe('192.168.1.1');
    expect(call(decrypt_ip, '194.20.195.96', KEY32, 'pfx')).toBe('192.168.1.1');
  });

  it('matches the IPCrypt specification vectors (ipcrypt-deterministic)', () => {
    const cases: [string, string, string][] = [
      ['0123456789abcdeffedcba9876543210', '0.0.0.0', 'bde9:6789:d353:824c:d7c6:f58a:6bd2:26eb'],
      ['1032547698badcfeefcdab8967452301', '255.255.255.255', 'aed2:92f6:ea23:58c3:48fd:8b8:74e8:45d8'],
      ['2b7e151628aed2a6abf7158809cf4f3c', '192.0.2.1', '1dbd:c1b9:fff1:7586:7d0b:67b4:e76e:4777'],
    ];
    for (const [key, ip, want] of cases) {
      expect(formatIp(encryptDeterministic(hex(key), parseIp(ip)!))).toBe(want);
      expect(call(decrypt_ip, want, hex(key), 'aes128')).toBe(ip);
    }
  });

  it('preserves prefixes in pfx mode and round-trips', () => {
    const key = KEY32;
    const a = formatIp(encryptPfx(key, parseIp('10.20.30.40')!));
    const b = formatIp(encryptPfx(key, parseIp('10.20.30.41')!));
    const c = formatIp(encryptPfx(key, parseIp('10.20.99.1')!));
    expect(a.split('.').slice(0, 3)).toEqual(b.split('.').slice(0, 3));
    expect(a.split('.').slice(0, 2)).toEqual(c.split('.').slice(0, 2));
    for (const ip of ['0.0.0.0', '255.255.255.255', '2001:db8::1', '::', 'fe80::1:2']) {
      const enc = encryptPfx(key, parseIp(ip)!);
      expect(formatIp(decryptPfx(key, enc))).toBe(formatIp(parseIp(ip)!));
      expect(call(decrypt_ip, call(encrypt_ip, ip, key, 'pfx'), key, 'pfx')).toBe(formatIp(parseIp(ip)!));
      expect(call(decrypt_ip, call(encrypt_ip, ip, KEY16, 'aes128'), KEY16, 'aes128')).toBe(
        formatIp(parseIp(ip)!),
      );
    }
  });

  it('returns IPv4-mapped addresses in their IPv4 form', () => {
    const enc = call(encrypt_ip, '::ffff:1.2.3.4', KEY32, 'pfx');
    expect(enc).toBe(call(encrypt_ip, '1.2.3.4', KEY32, 'pfx'));
    expect(call(decrypt_ip, enc, KEY32, 'pfx')).toBe('1.2.3.4');
  });

  it('fails as VRL does', () => {
    const fails = (f: () => unknown, message: string) => {
      expect(f).toThrow(VrlError);
      expect(f).toThrow(message);
    };
    for (const def of [encrypt_ip, decrypt_ip]) {
      fails(
        () => call(def, '192.168.1.1', KEY16, 'invalid'),
        "Invalid mode 'invalid'. Must be 'aes128' or 'pfx'",
      );
      fails(
        () => call(def, 'not an ip', KEY16, 'aes128'),
        'unable to parse IP address: invalid IP address syntax',
      );
      fails(() => call(def, '192.168.1.1', 'short', 'aes128'), 'aes128 mode requires a 16-byte key for IPv4');
      fails(() => call(def, '192.168.1.1', KEY16, 'pfx'), 'pfx mode requires a 32-byte key for IPv4');
      fails(() => call(def, '::1', KEY32, 'aes128'), 'aes128 mode requires a 16-byte key for IPv6');
      fails(() => call(def, '01.2.3.4', KEY16, 'aes128'), 'unable to parse IP address');
    }
  });
});
