import { compress as lz4Frame } from 'lz4js';
import { describe, expect, it } from 'vitest';
import { toBytes, type Value } from '../../value/index.js';
import { decode_base64 } from './decode_base64.js';
import { decode_gzip } from './decode_gzip.js';
import { decode_lz4 } from './decode_lz4.js';
import { decode_snappy } from './decode_snappy.js';
import { decode_zlib } from './decode_zlib.js';
import { decode_zstd } from './decode_zstd.js';
import { encode_base64 } from './encode_base64.js';
import { encode_gzip } from './encode_gzip.js';
import { encode_lz4 } from './encode_lz4.js';
import { encode_snappy } from './encode_snappy.js';
import { encode_zlib } from './encode_zlib.js';
import { encode_zstd } from './encode_zstd.js';
import { compileWith, oracle, run, vrlString } from './test-helpers/test_support.js';

const b64 = (v: Value): string => run(encode_base64, v) as string;
const fromB64 = (s: string): Value => run(decode_base64, s);
const BINARY = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
const REPETITIVE = 'hello hello hello hello hello hello ✓ '.repeat(50);

describe('documented examples', () => {
  it('gzip / zlib', () => {
    expect(b64(run(encode_gzip, 'please encode me'))).toBe(
      'H4sIAAAAAAAA/yvISU0sTlVIzUvOT0lVyE0FAI4R4vcQAAAA',
    );
    expect(run(decode_gzip, fromB64('H4sIAB8BymMAAyvISU0sTlVISU3OT0lVyE0FAJsZ870QAAAA'))).toBe(
      'please decode me',
    );
    expect(b64(run(encode_zlib, 'please encode me'))).toBe('eJwryElNLE5VSM1Lzk9JVchNBQA0RQX7');
    expect(run(decode_zlib, fromB64('eJxLzUvOT0mNz00FABI5A6A='))).toBe('encode_me');
  });
  it('zstd', () => {
    expect(b64(run(encode_zstd, 'please encode me'))).toBe('KLUv/QBYgQAAcGxlYXNlIGVuY29kZSBtZQ==');
    expect(b64(run(encode_zstd, ''))).toBe('KLUv/SAAAQAA');
    expect(
      run(
        decode_zstd,
        fromB64(
          'KLUv/QBY/QEAYsQOFKClbQBedqXsb96EWDax/f/F/z+gNU4ZTInaUeAj82KqPFjUzKqhcfDqAIsLvAsnY1bI/N2mHzDixRQA',
        ),
      ),
    ).toBe('you_have_successfully_decoded_me.congratulations.you_are_breathtaking.');
  });
  it('snappy', () => {
    expect(b64(run(encode_snappy, 'The quick brown fox jumps over 13 lazy dogs.'))).toBe(
      'LKxUaGUgcXVpY2sgYnJvd24gZm94IGp1bXBzIG92ZXIgMTMgbGF6eSBkb2dzLg==',
    );
    expect(
      run(decode_snappy, fromB64('LKxUaGUgcXVpY2sgYnJvd24gZm94IGp1bXBzIG92ZXIgMTMgbGF6eSBkb2dzLg==')),
    ).toBe('The quick brown fox jumps over 13 lazy dogs.');
  });
  it('lz4', () => {
    expect(b64(run(encode_lz4, 'The quick brown fox jumps over 13 lazy dogs.', true))).toBe(
      'LAAAAPAdVGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIDEzIGxhenkgZG9ncy4=',
    );
    expect(
      run(
        decode_lz4,
        fromB64('LAAAAPAdVGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIDEzIGxhenkgZG9ncy4='),
        undefined,
        true,
      ),
    ).toBe('The quick brown fox jumps over 13 lazy dogs.');
    expect(
      run(
        decode_lz4,
        fromB64('BCJNGGBAgiwAAIBUaGUgcXVpY2sgYnJvd24gZm94IGp1bXBzIG92ZXIgMTMgbGF6eSBkb2dzLgAAAAA='),
      ),
    ).toBe('The quick brown fox jumps over 13 lazy dogs.');
  });
});

describe('round trips', () => {
  const pairs: [string, Parameters<typeof run>[0], Parameters<typeof run>[0]][] = [
    ['gzip', encode_gzip, decode_gzip],
    ['zlib', encode_zlib, decode_zlib],
    ['zstd', encode_zstd, decode_zstd],
    ['snappy', encode_snappy, decode_snappy],
    ['lz4', encode_lz4, decode_lz4],
  ];
  it.each(pairs)('%s keeps binary and text intact', (_name, enc, dec) => {
    for (const input of [BINARY, REPETITIVE, 'a', 'héllo ✓ 😀']) {
      const decoded =
        _name === 'lz4' ? run(dec, run(enc, input), undefined, true) : run(dec, run(enc, input));
      expect(toBytes(decoded as string | Uint8Array)).toEqual(toBytes(input));
    }
    expect(run(dec, run(enc, BINARY), ...(_name === 'lz4' ? [undefined, true] : []))).toBeInstanceOf(
      Uint8Array,
    );
  });
  it('lz4 without the prepended size, and big zstd input in several blocks', () => {
    expect(run(decode_lz4, run(encode_lz4, REPETITIVE, false))).toBe(REPETITIVE);
    const big = new Uint8Array(300_000).map((_, i) => (i * 7919) & 0xff);
    expect(run(decode_zstd, run(encode_zstd, big))).toEqual(big);
  });
  it('lz4 frames of several blocks (another encoder)', () => {
    const big = new TextEncoder().encode(REPETITIVE.repeat(200) + 'tail');
    const frame = lz4Frame(big);
    expect(Array.from(frame.subarray(0, 4))).toEqual([0x04, 0x22, 0x4d, 0x18]);
    expect(run(decode_lz4, frame)).toEqual(new TextDecoder().decode(big));
    const corrupt = frame.slice();
    corrupt[corrupt.length - 1]! ^= 0xff;
    expect(() => run(decode_lz4, corrupt)).toThrowError(/lz4 frame decoder/);
  });
  it('compression levels', () => {
    for (const level of [0n, 1n, 9n, 10n])
      expect(run(decode_gzip, run(encode_gzip, REPETITIVE, level))).toBe(REPETITIVE);
    expect(() => run(encode_zlib, 'x', 11n)).toThrowError('compression level must be <= 10');
    expect(() => run(encode_gzip, 'x', -1n)).toThrowError('compression level must be <= 10');
    expect(compileWith(encode_gzip, ['x', 11n]).fallible).toBe(true);
    expect(compileWith(encode_gzip, ['x', 3n]).fallible).toBe(false);
    expect(compileWith(encode_gzip, ['x']).fallible).toBe(false);
    expect(compileWith(encode_zlib, ['x', 3n], false).fallible).toBe(true);
  });
});

describe('errors', () => {
  it('reports invalid input', () => {
    expect(() => run(decode_gzip, 'junk')).toThrowError('unable to decode value with Gzip decoder');
    expect(() => run(decode_gzip, '')).toThrowError('unable to decode value with Gzip decoder');
    expect(run(decode_zlib, '')).toBe('');
    expect(() => run(decode_zlib, 'junk')).toThrowError('unable to decode value with Zlib decoder');
    expect(() => run(decode_zstd, '')).toThrowError('unable to decode value with Zstd decoder');
    expect(() => run(decode_zstd, 'junk')).toThrowError('unable to decode value with Zstd decoder');
    expect(() => run(decode_snappy, '')).toThrowError('unable to decode value with Snappy decoder');
    expect(() => run(decode_snappy, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f, 1))).toThrowError(
      'unable to decode value with Snappy decoder',
    );
    expect(() => run(decode_lz4, 'abc')).toThrowError(/^unable to decode value with lz4 block decoder: /);
    expect(() => run(decode_lz4, Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x60))).toThrowError(
      /^unable to decode value with lz4 frame decoder: /,
    );
    expect(() => run(decode_lz4, run(encode_lz4, REPETITIVE, false), 10n)).toThrowError(
      /output is too small/,
    );
  });
});

describe('oracle comparisons', () => {
  const vrl = oracle();
  const exec = (src: string): unknown => vrl.execute(src, {}).result;
  it('gzip and zlib bytes match VRL on short input (Node bundles another zlib build: long output may differ)', () => {
    expect(exec(`decode_gzip!(decode_base64!("${b64(run(encode_gzip, REPETITIVE))}"))`)).toBe(REPETITIVE);
    expect(exec(`decode_zlib!(decode_base64!("${b64(run(encode_zlib, REPETITIVE, 1n))}"))`)).toBe(REPETITIVE);
    for (const input of ['', 'a', 'please encode me', 'héllo ✓ 😀'])
      for (const level of [0, 1, 6, 9]) {
        expect(b64(run(encode_gzip, input, BigInt(level)))).toBe(
          exec(`encode_base64(encode_gzip(${vrlString(input)}, ${level}))`),
        );
        expect(b64(run(encode_zlib, input, BigInt(level)))).toBe(
          exec(`encode_base64(encode_zlib(${vrlString(input)}, ${level}))`),
        );
      }
  });
  it('VRL decodes what we encode, and we decode what VRL encodes', () => {
    for (const input of ['x', REPETITIVE, 'héllo ✓ 😀']) {
      const s = vrlString(input);
      for (const [enc, dec] of [
        [encode_zstd, 'decode_zstd'],
        [encode_snappy, 'decode_snappy'],
      ] as const)
        expect(exec(`${dec}!(decode_base64!("${b64(run(enc, input))}"))`)).toBe(input);
      expect(run(decode_zstd, fromB64(exec(`encode_base64(encode_zstd(${s}))`) as string))).toBe(input);
      expect(run(decode_snappy, fromB64(exec(`encode_base64(encode_snappy!(${s}))`) as string))).toBe(input);
      // The oracle is VRL 0.25, whose lz4 functions always prepend the size.
      expect(
        run(decode_lz4, fromB64(exec(`encode_base64(encode_lz4!(${s}))`) as string), undefined, true),
      ).toBe(input);
      expect(exec(`decode_lz4!(decode_base64!("${b64(run(encode_lz4, input))}"))`)).toBe(input);
    }
  });
});
