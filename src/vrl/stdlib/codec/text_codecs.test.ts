import { describe, expect, it } from 'vitest';
import { FunctionCompileError } from '../function.js';
import { toBytes, toText, type Value } from '../../value/index.js';
import { decode_base16 } from './decode_base16.js';
import { decode_base64 } from './decode_base64.js';
import { decode_charset } from './decode_charset.js';
import { decode_mime_q } from './decode_mime_q.js';
import { decode_percent } from './decode_percent.js';
import { decode_punycode } from './decode_punycode.js';
import { encode_base16 } from './encode_base16.js';
import { encode_base64 } from './encode_base64.js';
import { encode_charset } from './encode_charset.js';
import { encode_percent } from './encode_percent.js';
import { encode_punycode } from './encode_punycode.js';
import { compileWith, oracle, run, vrlString } from './test-helpers/test_support.js';

const b64 = (v: Value): string => run(encode_base64, v) as string;
const fromB64 = (s: string): Value => run(decode_base64, s);
const BINARY = Uint8Array.from([0, 1, 2, 0xff, 0xfe, 0x80, 0x7f, 0x41]);

describe('base16', () => {
  it('documented examples', () => {
    expect(run(encode_base16, 'some string value')).toBe('736f6d6520737472696e672076616c7565');
    expect(run(decode_base16, '736F6D6520737472696E672076616C7565')).toBe('some string value');
    expect(run(decode_base16, '796f752068617665207375636365737366756c6c79206465636f646564206d65')).toBe(
      'you have successfully decoded me',
    );
  });
  it('errors and binary round trip', () => {
    expect(() => run(decode_base16, '0')).toThrowError('unable to decode value to base16');
    expect(() => run(decode_base16, 'zz')).toThrowError('unable to decode value to base16');
    expect(run(decode_base16, '')).toBe('');
    expect(run(decode_base16, run(encode_base16, BINARY))).toEqual(BINARY);
  });
});

describe('base64', () => {
  it('documented examples', () => {
    expect(b64('please encode me')).toBe('cGxlYXNlIGVuY29kZSBtZQ==');
    expect(run(encode_base64, 'please encode me, no padding though', false)).toBe(
      'cGxlYXNlIGVuY29kZSBtZSwgbm8gcGFkZGluZyB0aG91Z2g',
    );
    expect(run(encode_base64, 'please encode me, but safe for URLs', undefined, 'url_safe')).toBe(
      'cGxlYXNlIGVuY29kZSBtZSwgYnV0IHNhZmUgZm9yIFVSTHM=',
    );
    expect(run(encode_base64, 'some string value', false, 'url_safe')).toBe('c29tZSBzdHJpbmcgdmFsdWU');
    expect(fromB64('eW91IGhhdmUgc3VjY2Vzc2Z1bGx5IGRlY29kZWQgbWU=')).toBe('you have successfully decoded me');
    expect(
      run(decode_base64, 'eW91IGNhbid0IG1ha2UgeW91ciBoZWFydCBmZWVsIHNvbWV0aGluZyBpdCB3b24ndA==', 'url_safe'),
    ).toBe("you can't make your heart feel something it won't");
  });
  it('unicode and url-safe alphabet', () => {
    expect(run(encode_base64, 'some=string/řčža', true, 'url_safe')).toBe('c29tZT1zdHJpbmcvxZnEjcW-YQ==');
    expect(run(encode_base64, 'some=string/řčža', false, 'standard')).toBe('c29tZT1zdHJpbmcvxZnEjcW+YQ');
  });
  it('decoding is strict, padding optional', () => {
    expect(fromB64('YQ')).toBe('a');
    expect(fromB64('YQ=====')).toBe('a');
    expect(fromB64('c29tZSs9c3RyaW5nL3ZhbHVlXw')).toBe('some+=string/value_');
    for (const bad of ['YR', 'Y Q', 'YQ=a', 'Y', 'helloworld'])
      expect(() => fromB64(bad), bad).toThrowError('unable to decode value from base64');
    expect(() => run(decode_base64, '+/8', 'url_safe')).toThrowError('unable to decode value from base64');
    expect(() => run(decode_base64, 'YQ', 'invalid')).toThrowError('unknown charset');
    expect(() => run(encode_base64, 'x', false, 'foo')).toThrowError('unknown charset');
  });
  it('round-trips binary data as bytes', () => {
    const decoded = fromB64(b64(BINARY));
    expect(decoded).toBeInstanceOf(Uint8Array);
    expect(decoded).toEqual(BINARY);
    expect(run(decode_base64, run(encode_base64, BINARY, false, 'url_safe'), 'url_safe')).toEqual(BINARY);
  });
  it('agrees with VRL', () => {
    const vrl = oracle();
    for (const input of ['', 'a', 'ab', 'héllo wörld ✓ 😀', '~~~???>>>'])
      for (const charset of ['standard', 'url_safe'])
        for (const padding of [true, false])
          expect(run(encode_base64, input, padding, charset)).toBe(
            vrl.execute(`encode_base64(${vrlString(input)}, ${padding}, "${charset}")`, {}).result,
          );
  });
});

describe('percent', () => {
  it('documented examples', () => {
    expect(run(encode_percent, 'foo bar?')).toBe('foo%20bar%3F');
    expect(run(encode_percent, 'foo \tbar', 'CONTROLS')).toBe('foo %09bar');
    expect(run(encode_percent, 'foo@bar?')).toBe('foo%40bar%3F');
    expect(run(decode_percent, 'foo%20bar%3F')).toBe('foo bar?');
  });
  it('ascii sets', () => {
    expect(run(encode_percent, 'foo #"<>?`{}/:;=@[\\]^|$%&+,!\'()~bar', 'WWW_FORM_URLENCODED')).toBe(
      'foo%20%23%22%3C%3E%3F%60%7B%7D%2F%3A%3B%3D%40%5B%5C%5D%5E%7C%24%25%26%2B%2C%21%27%28%29%7Ebar',
    );
    expect(run(encode_percent, 'foo #"<>?`{}bar', 'PATH')).toBe('foo%20%23%22%3C%3E%3F%60%7B%7Dbar');
    expect(run(encode_percent, 'é', 'CONTROLS')).toBe('%C3%A9');
    expect(() => compileWith(encode_percent, ['x', 'NOPE'])).toThrow(FunctionCompileError);
  });
  it('decodes leniently and lossily', () => {
    expect(run(decode_percent, '%ff%41%')).toBe('\uFFFDA%');
    expect(run(decode_percent, '%zz%4')).toBe('%zz%4');
  });
  it('agrees with VRL', () => {
    const vrl = oracle();
    const input = 'a b\u0001é✓/?#[]{}~!*';
    for (const set of [
      'NON_ALPHANUMERIC',
      'CONTROLS',
      'FRAGMENT',
      'QUERY',
      'SPECIAL',
      'PATH',
      'USERINFO',
      'COMPONENT',
      'WWW_FORM_URLENCODED',
    ])
      expect(run(encode_percent, input, set)).toBe(
        vrl.execute(`encode_percent(${vrlString(input)}, "${set}")`, {}).result,
      );
  });
});

describe('punycode', () => {
  it('documented examples', () => {
    expect(run(encode_punycode, 'www.café.com')).toBe('www.xn--caf-dma.com');
    expect(run(encode_punycode, 'www.CAFé.com')).toBe('www.xn--caf-dma.com');
    expect(run(encode_punycode, 'www.cafe.com')).toBe('www.cafe.com');
    expect(run(encode_punycode, 'xn--8hbb.xn--fiba.xn--8hbf.xn--eib.', false)).toBe(
      'xn--8hbb.xn--fiba.xn--8hbf.xn--eib.',
    );
    expect(run(decode_punycode, 'www.xn--caf-dma.com')).toBe('www.café.com');
    expect(run(decode_punycode, 'www.cafe.com')).toBe('www.cafe.com');
    expect(run(decode_punycode, 'xn--8hbb.xn--fiba.xn--8hbf.xn--eib.', false)).toBe('١٠.٦٦.٣٠.٥.');
  });
  it('without validation', () => {
    expect(run(encode_punycode, 'WWW.Café.com', false)).toBe('www.xn--caf-dma.com');
    expect(run(decode_punycode, 'xn--caf-dma.xn--!!', false)).toBe('café.xn--!!');
  });
  it('errors', () => {
    expect(() => run(encode_punycode, '١ابج.com')).toThrowError('unable to encode to punycode');
    expect(run(encode_punycode, 'a b.com')).toBe('a b.com'); // no URL host rules, as VRL
    expect(() => run(decode_punycode, 'xn--a b.com')).toThrowError('unable to decode punycode');
  });
});

describe('decode_mime_q', () => {
  it('documented examples', () => {
    expect(run(decode_mime_q, '=?utf-8?b?SGVsbG8sIFdvcmxkIQ==?=')).toBe('Hello, World!');
    expect(
      run(
        decode_mime_q,
        'From: =?utf-8?b?SGVsbG8sIFdvcmxkIQ==?= <=?utf-8?q?hello=5Fworld=40example=2ecom?=>',
      ),
    ).toBe('From: Hello, World! <hello_world@example.com>');
    expect(run(decode_mime_q, '?b?SGVsbG8sIFdvcmxkIQ==')).toBe('Hello, World!');
  });
  it('agrees with VRL on more inputs', () => {
    const vrl = oracle();
    for (const input of [
      'plain text',
      '=?iso-8859-1?q?caf=E9_au_lait?= ok',
      '=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=',
      '=?utf-8?q?trailing__?=',
      '=?utf-8?x?abc?=',
      '=?nope?q?abc?=',
      '=?utf-8?b?!!!?=',
      '?q?hello_there',
      '=?utf-8?q?unterminated',
    ]) {
      let expected: unknown;
      try {
        expected = vrl.execute(`decode_mime_q!(${vrlString(input)})`, {}).result;
      } catch (e) {
        const message = String((e as Error).message ?? e)
          .split('\n')
          .find((l) => l.includes('function call error'))!;
        expect(() => run(decode_mime_q, input), input).toThrowError(message.replace(/^.*\): /, ''));
        continue;
      }
      expect(run(decode_mime_q, input), input).toBe(expected);
    }
  });
});

describe('charsets', () => {
  it('documented examples', () => {
    expect(b64(run(encode_charset, '안녕하세요', 'euc-kr'))).toBe('vsiz58fPvLy/5A==');
    expect(b64(run(encode_charset, 'こんにちは', 'euc-jp'))).toBe('pLOk86TLpMGkzw==');
    expect(b64(run(encode_charset, '你好', 'gb2312'))).toBe('xOO6ww==');
    expect(run(decode_charset, fromB64('vsiz58fPvLy/5A=='), 'euc-kr')).toBe('안녕하세요');
    expect(run(decode_charset, fromB64('pLOk86TLpMGkzw=='), 'euc-jp')).toBe('こんにちは');
    expect(run(decode_charset, fromB64('xOO6ww=='), 'gb2312')).toBe('你好');
  });
  it('unmappable characters become numeric references; labels follow the Encoding Standard', () => {
    expect(b64(run(encode_charset, 'a€😀', 'iso-8859-1'))).toBe('YYAmIzEyODUxMjs=');
    expect(run(decode_charset, Uint8Array.of(0x80), ' LATIN1 ')).toBe('€');
    expect(run(decode_charset, Uint8Array.of(0xff, 0xfe, 0x41, 0x00), 'windows-1252')).toBe('A');
    expect(() => run(decode_charset, 'x', 'klingon')).toThrowError('Unknown charset: klingon');
    expect(() => run(encode_charset, 'x', 'klingon')).toThrowError('Unknown charset: klingon');
  });
  it('agrees with VRL', () => {
    const vrl = oracle();
    const text = 'Grüße, 你好, €, ✓, こんにちは ｶﾀｶﾅ';
    for (const label of [
      'utf-8',
      'windows-1251',
      'windows-1252',
      'shift_jis',
      'big5',
      'gb18030',
      'koi8-r',
      'utf-16le',
      'iso-2022-jp',
      'euc-kr',
    ]) {
      const ours = b64(run(encode_charset, text, label));
      expect([label, ours]).toEqual([
        label,
        vrl.execute(`encode_base64(encode_charset!(${vrlString(text)}, "${label}"))`, {}).result,
      ]);
      expect(toText(toBytes(run(decode_charset, fromB64(ours), label) as string))).toBe(
        vrl.execute(`decode_charset!(decode_base64!("${ours}"), "${label}")`, {}).result,
      );
    }
  });
});
