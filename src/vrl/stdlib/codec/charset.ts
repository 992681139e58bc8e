/**
 * WHATWG Encoding Standard labels and codecs (VRL uses `encoding_rs`): decoding through `TextDecoder` (Node
 * ships the full set), encoding through `iconv-lite`, with characters the target cannot represent written
 * as HTML numeric character references (`&#128512;`), as the standard's encoders do.
 */
import iconv from 'iconv-lite';
import { toBytes } from '../../value/index.js';
import { decodeCjk, hasCjkDecoder } from './charset_cjk.js';

/** The encoding's canonical WHATWG name for a label, or `undefined` for an unknown label. */
export function encodingForLabel(label: string): string | undefined {
  const trimmed = label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  if (trimmed === 'x-user-defined') return 'x-user-defined';
  if (/[^\x21-\x7e]/.test(trimmed)) return undefined;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return undefined;
  }
}

function decodeUserDefined(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b < 0x80 ? b : 0xf700 + b);
  return out;
}

// windows-1252 bytes 0x80–0x9F (Node's TextDecoder wrongly decodes this encoding as ISO-8859-1).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b);
  return out;
}

const ICONV_DECODERS: Record<string, string> = { big5: 'big5hkscs', 'euc-kr': 'cp949' };

/** Single-byte encodings where Node's table differs from the Encoding Standard's index: byte → code point. */
const SINGLE_BYTE_FIXES: Record<string, Record<number, number>> = {
  'windows-1253': { 0xaa: 0xfffd },
  'windows-1255': { 0xca: 0x05ba },
  'windows-874': {
    0xdb: 0xfffd,
    0xdc: 0xfffd,
    0xdd: 0xfffd,
    0xde: 0xfffd,
    0xfc: 0xfffd,
    0xfd: 0xfffd,
    0xfe: 0xfffd,
    0xff: 0xfffd,
  },
  'koi8-u': { 0xae: 0x045e, 0xbe: 0x040e },
};
const singleByteTables = new Map<string, string[]>();

function decodeSingleByte(bytes: Uint8Array, encoding: string, fixes: Record<number, number>): string {
  let table = singleByteTables.get(encoding);
  if (!table) {
    const decoder = new TextDecoder(encoding);
    table = Array.from({ length: 256 }, (_, b) =>
      fixes[b] !== undefined ? String.fromCodePoint(fixes[b]) : decoder.decode(Uint8Array.of(b)),
    );
    singleByteTables.set(encoding, table);
  }
  let out = '';
  for (const b of bytes) out += table[b]!;
  return out;
}

/** Decodes without BOM handling (`decode_without_bom_handling`). */
export function decodeWithoutBom(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'x-user-defined') return decodeUserDefined(bytes);
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  // Node's ICU tables differ from the Encoding Standard's indexes here (Big5 without HKSCS, EUC-KR without
  // the windows-949 additions such as the euro sign); iconv-lite has the right ones.
  const fixes = SINGLE_BYTE_FIXES[encoding];
  if (fixes) return decodeSingleByte(bytes, encoding, fixes);
  const table = ICONV_DECODERS[encoding];
  if (hasCjkDecoder(encoding)) {
    const decodePair = table
      ? (pair: Uint8Array) => iconv.decode(Buffer.from(pair), table)
      : (pair: Uint8Array) => new TextDecoder(encoding).decode(pair);
    return decodeCjk(bytes, encoding, decodePair);
  }
  if (table) return iconv.decode(Buffer.from(bytes), table);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** `Encoding::decode`: a UTF-8 or UTF-16 byte order mark overrides the encoding and is removed. */
export function decodeWithBomSniffing(bytes: Uint8Array, encoding: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return decodeWithoutBom(bytes.subarray(3), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWithoutBom(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWithoutBom(bytes.subarray(2), 'utf-16be');
  return decodeWithoutBom(bytes, encoding);
}

const ICONV_NAMES: Record<string, string> = {
  'x-mac-cyrillic': 'maccyrillic',
  'iso-8859-8-i': 'iso-8859-8',
  big5: 'big5hkscs',
  'euc-kr': 'cp949',
};

/** `Encoding::encode`: UTF-16 and UTF-8 targets produce UTF-8; unmappable characters become `&#N;`. */
export function encodeText(text: string, encoding: string): Uint8Array {
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') return toBytes(text);
  if (encoding === 'x-user-defined') {
    const out: number[] = [];
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) out.push(c);
      else if (c >= 0xf780 && c <= 0xf7ff) out.push(c - 0xf700);
      else for (const b of toBytes(`&#${c};`)) out.push(b);
    }
    return Uint8Array.from(out);
  }
  if (encoding === 'iso-2022-jp') return encodeIso2022Jp(text);
  const name = ICONV_NAMES[encoding] ?? encoding;
  if (!iconv.encodingExists(name)) throw new Error(`no encoder for ${encoding}`);
  // The Encoding Standard's Big5 encoder leaves out the HKSCS rows (lead byte below 0xA1).
  const allowed = encoding === 'big5' ? (e: Uint8Array) => e.length === 1 || e[0]! >= 0xa1 : () => true;
  if (encoding !== 'big5') {
    const whole = new Uint8Array(iconv.encode(text, name));
    if (decodeWithoutBom(whole, encoding) === text) return whole;
  }
  // Some character has no mapping: encode one code point at a time.
  const parts: Uint8Array[] = [];
  for (const ch of text) {
    const encoded = new Uint8Array(iconv.encode(ch, name));
    parts.push(
      allowed(encoded) && decodeWithoutBom(encoded, encoding) === ch
        ? encoded
        : toBytes(`&#${ch.codePointAt(0)!};`),
    );
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * ISO-2022-JP (iconv-lite has no encoder): ASCII, and JIS X 0208 characters (taken from the EUC-JP table)
 * between `ESC $ B` … `ESC ( B`; anything else as a numeric reference.
 */
function encodeIso2022Jp(text: string): Uint8Array {
  const out: number[] = [];
  let jis = false;
  const ascii = (bytes: Iterable<number>): void => {
    if (jis) out.push(0x1b, 0x28, 0x42);
    jis = false;
    for (const b of bytes) out.push(b);
  };
  for (let ch of text) {
    // Half-width katakana are written as their full-width forms (the standard's katakana index).
    if (ch >= '\uff61' && ch <= '\uff9f')
      ch = ch === '\uff9e' ? '\u309b' : ch === '\uff9f' ? '\u309c' : ch.normalize('NFKC');
    const c = ch.codePointAt(0)!;
    if (c < 0x80 && c !== 0x0e && c !== 0x0f && c !== 0x1b) {
      ascii([c]);
      continue;
    }
    const euc = c < 0x80 ? new Uint8Array(0) : new Uint8Array(iconv.encode(ch, 'euc-jp'));
    if (euc.length === 2 && euc[0]! >= 0xa1 && euc[1]! >= 0xa1 && decodeWithoutBom(euc, 'euc-jp') === ch) {
      if (!jis) out.push(0x1b, 0x24, 0x42);
      jis = true;
      out.push(euc[0]! - 0x80, euc[1]! - 0x80);
    } else ascii(toBytes(`&#${c};`));
  }
  if (jis) out.push(0x1b, 0x28, 0x42);
  return Uint8Array.from(out);
}
