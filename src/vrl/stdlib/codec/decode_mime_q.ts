import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toBytes, VrlError } from '../../value/index.js';
import { base64DecodeNoPad } from './base64.js';
import { decodeWithoutBom, encodingForLabel } from './charset.js';
import { textOf } from './util.js';

interface EncodedWord {
  charset: string | undefined;
  encoding: string;
  input: string;
}

/** `charset?encoding?text` up to `?=` (or the end); `undefined` when the shape does not match. */
function parseInternal(s: string, at: number): { word: EncodedWord; end: number } | undefined {
  let p = at;
  let charset: string | undefined;
  const q = s.indexOf('?', p);
  if (q > p) {
    charset = s.slice(p, q);
    p = q;
  }
  if (s[p] !== '?') return undefined;
  p++;
  const q2 = s.indexOf('?', p);
  if (q2 < 0) return undefined;
  const encoding = s.slice(p, q2);
  p = q2 + 1;
  const close = s.indexOf('?=', p);
  const end = close < 0 ? s.length : close;
  return { word: { charset, encoding, input: s.slice(p, end) }, end };
}

function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Quoted-printable in "robust" mode: `=XX` escapes and soft line breaks decoded, anything else kept. */
function quotedPrintable(text: string): Uint8Array {
  const bytes = toBytes(text);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x3d) {
      if (bytes[i + 1] === 0x0a) {
        i += 1;
        continue;
      }
      if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) {
        i += 2;
        continue;
      }
      const hi = hex(bytes[i + 1] ?? -1);
      const lo = hex(bytes[i + 2] ?? -1);
      if (hi >= 0 && lo >= 0) {
        out.push((hi << 4) | lo);
        i += 2;
        continue;
      }
    }
    out.push(b);
  }
  return Uint8Array.from(out);
}

function decodeWord(word: EncodedWord): string {
  let decoded: Uint8Array;
  if (word.encoding === 'B' || word.encoding === 'b') {
    const bytes = toBytes(word.input);
    const d = bytes.length % 4 === 0 ? decodePadded(bytes) : undefined;
    if (!d) throw new VrlError('Unable to decode base64 value');
    decoded = d;
  } else if (word.encoding === 'Q' || word.encoding === 'q') {
    const spaced = word.input.replace(/_/g, ' ');
    const trimmed = spaced.replace(/\s+$/u, '');
    const body = quotedPrintable(trimmed);
    const tail = toBytes(spaced.slice(trimmed.length));
    decoded = new Uint8Array(body.length + tail.length);
    decoded.set(body);
    decoded.set(tail, body.length);
  } else throw new VrlError(`Invalid encoding: ${JSON.stringify(word.encoding)}`);
  const label = word.charset ?? 'utf-8';
  const encoding = encodingForLabel(label);
  if (!encoding || encoding === 'replacement')
    throw new VrlError(`Unable to decode ${JSON.stringify(label)} value`);
  return decodeWithoutBom(decoded, encoding);
}

/** Padded standard Base64 (padding only at the end, length a multiple of four). */
function decodePadded(bytes: Uint8Array): Uint8Array | undefined {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x3d) end--;
  if (end > 0 && bytes[end - 1] === 0x3d) end--;
  return base64DecodeNoPad(bytes.subarray(0, end), 'standard');
}

export function decodeMimeQ(s: string): string {
  // One or more `head=?word?=` pieces, each decoded, then the rest verbatim.
  let pos = 0;
  let out = '';
  let matched = false;
  for (;;) {
    const open = s.indexOf('=?', pos);
    if (open < 0) break;
    const parsed = parseInternal(s, open + 2);
    if (!parsed || !s.startsWith('?=', parsed.end)) break;
    out += s.slice(pos, open) + decodeWord(parsed.word);
    pos = parsed.end + 2;
    matched = true;
  }
  if (matched) return out + s.slice(pos);
  // No delimited word: the whole input may be one bare word; otherwise it is returned as is.
  const bare = parseInternal(s, 0);
  if (bare) {
    try {
      return decodeWord(bare.word) + s.slice(bare.end);
    } catch {
      return s;
    }
  }
  return s;
}

export const decode_mime_q = defineFunction({
  name: 'decode_mime_q',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => decodeMimeQ(textOf(value)),
  examples: [
    {
      title: 'Decode single encoded-word',
      source: 'decode_mime_q!("=?utf-8?b?SGVsbG8sIFdvcmxkIQ==?=")',
      result: '"Hello, World!"',
    },
    {
      title: 'Embedded',
      source:
        'decode_mime_q!("From: =?utf-8?b?SGVsbG8sIFdvcmxkIQ==?= <=?utf-8?q?hello=5Fworld=40example=2ecom?=>")',
      result: '"From: Hello, World! <hello_world@example.com>"',
    },
    {
      title: 'Without charset',
      source: 'decode_mime_q!("?b?SGVsbG8sIFdvcmxkIQ==")',
      result: '"Hello, World!"',
    },
  ],
});
