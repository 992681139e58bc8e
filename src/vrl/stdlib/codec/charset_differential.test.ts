import { describe, expect, it } from 'vitest';
import { decodeWithBomSniffing, encodingForLabel } from './charset.js';
import { oracle } from './test-helpers/test_support.js';

/**
 * Decoding every single byte, and two- and three-byte sequences (valid, invalid, unassigned, truncated), agrees
 * with VRL (`encoding_rs`). GBK/GB18030 use Node's decoder, which drops a few invalid bytes and lacks a few
 * late additions to the index (0xA3A0, 0xA6DF, 0xFE5C…): they are checked on valid text only.
 */
const SINGLE = [
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1255',
  'windows-1256',
  'windows-874',
  'koi8-r',
  'koi8-u',
  'ibm866',
  'macintosh',
  'x-mac-cyrillic',
  'iso-8859-2',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-15',
];
const MULTI = ['shift_jis', 'euc-jp', 'big5', 'euc-kr', 'iso-2022-jp'];

function sample(kind: 'single' | 'multi' | 'valid'): Uint8Array {
  const out: number[] = [];
  if (kind === 'single') for (let b = 0x80; b <= 0xff; b++) out.push(b, 0x20);
  else if (kind === 'valid')
    for (let lead = 0x81; lead <= 0xfd; lead += 5)
      for (const trail of [0x40, 0x7e, 0x80, 0xa1, 0xb0, 0xe6]) out.push(lead, trail, 0x20);
  else {
    for (let lead = 0x80; lead <= 0xff; lead++) {
      for (const trail of [0x40, 0x41, 0x5c, 0x7e, 0x7f, 0x80, 0xa0, 0xa1, 0xb0, 0xdf, 0xe6, 0xfd, 0xfe])
        out.push(lead, trail, 0x20);
      out.push(0x8f, lead, 0xa1, 0x20, 0x8f, 0xb0, lead, 0x20);
    }
    out.push(0x8f, 0xa1);
  }
  return Uint8Array.from(out);
}

describe('decode_charset tables against VRL', () => {
  const vrl = oracle();
  const cases = [
    ...SINGLE.map((l) => [l, 'single'] as const),
    ...MULTI.map((l) => [l, 'multi'] as const),
    ['gbk', 'valid'] as const,
    ['gb18030', 'valid'] as const,
  ];
  it.each(cases)('%s (%s)', (label, kind) => {
    const bytes = sample(kind);
    const theirs = vrl.execute(
      `decode_charset!(decode_base64!("${Buffer.from(bytes).toString('base64')}"), "${label}")`,
      {},
    ).result;
    const ours = decodeWithBomSniffing(bytes, encodingForLabel(label)!);
    // Compare without printing both long strings: the first differing position is enough.
    const at = [...ours].findIndex((c, i) => c !== [...(theirs as string)][i]);
    expect({ same: ours === theirs, at }).toEqual({ same: true, at: -1 });
  });
});
