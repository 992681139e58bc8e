import { describe, expect, it } from 'vitest';
import { FunctionCompileError } from '../function.js';
import { VrlError } from '../../value/index.js';
import { crc } from './crc.js';
import { CRC_CATALOG } from './crc_catalog.js';
import { hmac } from './hmac.js';
import { md5 } from './md5.js';
import { seahash } from './seahash.js';
import { sha1 } from './sha1.js';
import { sha2 } from './sha2.js';
import { sha3 } from './sha3.js';
import { xxhash } from './xxhash.js';
import { encode_base16 } from './encode_base16.js';
import { compileWith, oracle, run, vrlString } from './test-helpers/test_support.js';

const INPUTS = [
  '',
  'foo',
  'bar',
  'foobar',
  'héllo wörld ✓ 😀',
  'x'.repeat(100),
  'The quick brown fox jumps over the lazy dog 0123456789',
];

describe('documented values', () => {
  it('md5 / sha1', () => {
    expect(run(md5, 'foo')).toBe('acbd18db4cc2f85cedef654fccc4a4d8');
    expect(run(sha1, 'foo')).toBe('0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33');
  });
  it('sha2 variants', () => {
    expect(run(sha2, 'foobar')).toBe('d014c752bc2be868e16330f47e0c316a5967bcbc9c286a457761d7055b9214ce');
    expect(run(sha2, 'foo', 'SHA-512/224')).toBe('d68f258d37d670cfc1ec1001a0394784233f88f056994f9a7e5e99be');
    expect(run(sha2, 'foo', 'SHA-224')).toBe('0808f64e60d58979fcb676c96ec938270dea42445aeefcd3a4e6f8db');
    expect(run(sha2, 'foo', 'SHA-256')).toBe(
      '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    );
    expect(run(sha2, 'foobar', 'SHA-384')).toBe(
      '3c9c30d9f665e74d515c842960d4a451c83a0125fd3de7392d7b37231af10c72ea58aedfcdf89a5765bf902af93ecf06',
    );
  });
  it('sha3 variants', () => {
    expect(run(sha3, 'foo', 'SHA3-224')).toBe('f4f6779e153c391bbd29c95e72b0708e39d9166c7cea51d1f10ef58a');
    expect(run(sha3, 'foo', 'SHA3-256')).toBe(
      '76d3bc41c9f588f7fcd0d5bf4718f8f84b1c41b20882703100b9eb9413807c01',
    );
    expect(run(sha3, 'foobar')).toBe(
      'ff32a30c3af5012ea395827a3e99a13073c3a8d8410a708568ff7e6eb85968fccfebaea039bc21411e9d43fdb9a851b529b9960ffea8679199781b8f45ca85e2',
    );
  });
  it('rejects unknown enum variants at compile time', () => {
    expect(() => compileWith(sha2, ['a', 'X'])).toThrow(FunctionCompileError);
    expect(() => compileWith(sha3, ['a', 'SHA-256'])).toThrowError(/invalid enum variant/);
    try {
      compileWith(sha2, ['a', 'X']);
    } catch (e) {
      expect((e as FunctionCompileError).code).toBe(401);
    }
    expect(() => compileWith(sha2, ['a', 'SHA-256'], false)).toThrow(FunctionCompileError);
  });
  it('hmac', () => {
    const hex = (v: unknown) => run(encode_base16, v as string);
    expect(hex(run(hmac, 'Hello there', 'super-secret-key', 'SHA-224'))).toBe(
      '42fccbc2b7d22a143b92f265a8046187558a94d11ddbb30622207e90',
    );
    expect(hex(run(hmac, 'Hello there', 'super-secret-key'))).toBe(
      '78b184f1832f8aff3934f5e0212454671b2d04d494e3b25075c5e45167029662',
    );
    expect(hex(run(hmac, 'Hello there', 'super-secret-key', 'sha1'))).toBe(
      Buffer.from('MiyBIHO8Set9+6crALiwkS0yFPE=', 'base64').toString('hex'),
    );
    expect(compileWith(hmac, ['a', 'k', 'SHA-256']).fallible).toBe(false);
    expect(compileWith(hmac, ['a', 'k', 'SHA-256'], false).fallible).toBe(true);
    expect(() => run(hmac, 'a', 'k', 'md5')).toThrowError(new VrlError('Invalid algorithm: MD5'));
  });
  it('crc', () => {
    expect(run(crc, 'foo')).toBe('2356372769');
    expect(run(crc, 'foo', 'CRC_32_CKSUM')).toBe('4271552933');
    expect(run(crc, 'foo', 'crc_8_maxim_dow')).toBe('18');
    expect(run(crc, 'foo', 'CRC_64_REDIS')).toBe('12626267673720558670');
    expect(compileWith(crc, ['foo', 'CRC_UNKNOWN']).fallible).toBe(true);
    expect(compileWith(crc, ['foo', 'CRC_16_ARC']).fallible).toBe(false);
    expect(() => run(crc, 'foo', 'CRC_UNKNOWN')).toThrowError('Invalid CRC algorithm: CRC_UNKNOWN');
  });
  it('seahash', () => {
    expect(run(seahash, 'foobar')).toBe(5348458858952426560n);
    expect(run(seahash, 'bar')).toBe(-2796170501982571315n);
    expect(run(seahash, 'foo')).toBe(4413582353838009230n);
  });
  it('xxhash XXH32 / XXH64', () => {
    expect(run(xxhash, 'foo')).toBe(3792637401n);
    expect(run(xxhash, 'foo', 'XXH32')).toBe(3792637401n);
    expect(run(xxhash, 'foo', 'XXH64')).toBe(3728699739546630719n);
    expect(run(xxhash, 'vrl xxhash hash function')).toBe(919261294n);
    expect(run(xxhash, 'vrl xxhash hash function', 'XXH64')).toBe(7826295616420964813n);
    expect(() => run(xxhash, 'foo', 'XXH16')).toThrowError(
      "Variant must be either 'XXH32', 'XXH64', 'XXH3-64', or 'XXH3-128'",
    );
    expect(compileWith(xxhash, ['foo', 'XXH16']).fallible).toBe(true);
  });
});

describe('oracle comparisons', () => {
  const vrl = oracle();
  const exec = (src: string): unknown => vrl.execute(src, {}).result;
  it.each(INPUTS)('md5/sha1/sha2/sha3/seahash of %j', (input) => {
    const s = vrlString(input);
    expect(run(md5, input)).toBe(exec(`md5(${s})`));
    expect(run(sha1, input)).toBe(exec(`sha1(${s})`));
    for (const v of ['SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/224', 'SHA-512/256'])
      expect(run(sha2, input, v)).toBe(exec(`sha2(${s}, "${v}")`));
    for (const v of ['SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512'])
      expect(run(sha3, input, v)).toBe(exec(`sha3(${s}, "${v}")`));
    expect(String(run(seahash, input))).toBe(exec(`to_string(seahash(${s}))`));
    expect(run(encode_base16, run(hmac, input, 'k€y', 'SHA-512') as string)).toBe(
      exec(`encode_base16(hmac(${s}, "k€y", "SHA-512"))`),
    );
  });
  it('every CRC algorithm agrees with VRL on a few inputs', () => {
    for (const name of CRC_CATALOG.keys())
      for (const input of ['', 'foo', 'héllo ✓ 😀', 'x'.repeat(40)])
        expect([name, run(crc, input, name)]).toEqual([name, exec(`crc(${vrlString(input)}, "${name}")`)]);
  });
});
