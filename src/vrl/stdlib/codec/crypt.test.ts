import { describe, expect, it } from 'vitest';
import { FunctionCompileError } from '../function.js';
import { toBytes, type Value } from '../../value/index.js';
import { algorithm } from './cipher.js';
import { decode_base64 } from './decode_base64.js';
import { decrypt } from './decrypt.js';
import { encode_base64 } from './encode_base64.js';
import { encrypt } from './encrypt.js';
import { compileWith, oracle, run, vrlString } from './test-helpers/test_support.js';

const b64 = (v: Value): string => run(encode_base64, v) as string;
const fromB64 = (s: string): Value => run(decode_base64, s);

const ALGORITHMS: string[] = [];
for (const bits of [128, 192, 256])
  for (const mode of [
    'CFB',
    'OFB',
    'CTR',
    'CTR-LE',
    'CTR-BE',
    'CBC-PKCS7',
    'CBC-ANSIX923',
    'CBC-ISO7816',
    'CBC-ISO10126',
  ])
    ALGORITHMS.push(`AES-${bits}-${mode}`);
ALGORITHMS.push('AES-128-SIV', 'AES-256-SIV', 'CHACHA20-POLY1305', 'XCHACHA20-POLY1305', 'XSALSA20-POLY1305');

function material(name: string): [string, string] {
  const a = algorithm(name)!;
  return [
    '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!@'.slice(0, a.keySize),
    'ivivivivivivivivivivivivivivivivi'.slice(0, a.ivSize),
  ];
}

describe('documented examples', () => {
  it('encrypt', () => {
    expect(
      b64(run(encrypt, 'data', 'AES-256-CFB', '01234567890123456789012345678912', '0123456789012345')),
    ).toBe('c/dIOA==');
    expect(
      b64(run(encrypt, 'super secret message', 'AES-128-CBC-PKCS7', '16_byte_keyxxxxx', '1234567890123456')),
    ).toBe('GBw8Mu00v0Kc38+/PvsVtGgWuUJ+ZNLgF8Opy8ohIYE=');
  });
  it('decrypt', () => {
    expect(
      run(
        decrypt,
        fromB64('c/dIOA=='),
        'AES-256-CFB',
        '01234567890123456789012345678912',
        '0123456789012345',
      ),
    ).toBe('data');
    expect(
      run(
        decrypt,
        fromB64('5fLGcu1VHdzsPcGNDio7asLqE1P43QrVfPfmP4i4zOU='),
        'AES-128-CBC-PKCS7',
        '16_byte_keyxxxxx',
        fromB64('fVEIRkIiczCRWNxaarsyxA=='),
      ),
    ).toBe('super_secret_message');
  });
});

describe('every algorithm', () => {
  const vrl = oracle();
  it.each(ALGORITHMS)('%s round-trips and matches VRL', (name) => {
    const [key, iv] = material(name);
    for (const plaintext of ['', 'x', 'morethan1blockofdata', 'exactly 16 bytes', 'héllo ✓ 😀 '.repeat(7)]) {
      const sealed = run(encrypt, plaintext, name.toLowerCase(), key, iv);
      expect(toBytes(run(decrypt, sealed, name, key, iv) as string)).toEqual(toBytes(plaintext));
      const call = `encrypt!(${vrlString(plaintext)}, "${name}", key: "${key}", iv: "${iv}")`;
      if (!name.endsWith('ISO10126'))
        expect(b64(sealed)).toBe(vrl.execute(`encode_base64(${call})`, {}).result);
      else
        expect(
          vrl.execute(`decrypt!(decode_base64!("${b64(sealed)}"), "${name}", key: "${key}", iv: "${iv}")`, {})
            .result,
        ).toBe(plaintext);
    }
  });
});

describe('errors', () => {
  it('checks sizes and names', () => {
    expect(() => run(encrypt, 'x', 'AES-256-CFB', 'short', '0123456789012345')).toThrowError(
      'Invalid key size. Expected 32 bytes. Found 5 bytes',
    );
    expect(() => run(decrypt, 'x', 'CHACHA20-POLY1305', 'k'.repeat(32), 'iv')).toThrowError(
      'Invalid iv size. Expected 12 bytes. Found 2 bytes',
    );
    expect(() => compileWith(encrypt, ['x', 'FOO', 'k', 'i'])).toThrow(FunctionCompileError);
    const impl = compileWith(encrypt, ['x', 'FOO', 'k', 'i'], false);
    expect(impl.fallible).toBe(true);
    expect(() => impl.call('x', 'foo', 'k', 'i')).toThrowError('Invalid algorithm: FOO');
  });
  it('rejects bad padding and failed authentication', () => {
    const key = 'k'.repeat(16);
    const iv = 'i'.repeat(16);
    expect(() => run(decrypt, 'not a multiple of 16', 'AES-128-CBC-PKCS7', key, iv)).toThrowError(
      'Invalid input',
    );
    const sealed = toBytes(run(encrypt, 'secret', 'AES-128-SIV', key + key, iv) as string).slice();
    sealed[0]! ^= 1;
    expect(() => run(decrypt, sealed, 'AES-128-SIV', key + key, iv)).toThrowError(/authentication failed/);
  });
});
