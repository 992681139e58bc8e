/** Strict Base64 (RFC 4648) for `encode_base64`/`decode_base64`: standard or URL-safe alphabet. */
const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function table(alphabet: string): Int16Array {
  const t = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const DECODE = { standard: table(STANDARD), url_safe: table(URL_SAFE) };

export type Base64Charset = 'standard' | 'url_safe';

export function base64Encode(bytes: Uint8Array, charset: Base64Charset, padding: boolean): string {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  if (charset === 'url_safe') text = text.replace(/\+/g, '-').replace(/\//g, '_');
  return padding ? text : text.replace(/=+$/, '');
}

/** Decodes unpadded Base64; `undefined` when a character is outside the alphabet or the tail is not canonical. */
export function base64DecodeNoPad(input: Uint8Array, charset: Base64Charset): Uint8Array | undefined {
  const t = DECODE[charset];
  const n = input.length;
  if (n % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = t[input[i]!]!,
      b = t[input[i + 1]!]!,
      c = t[input[i + 2]!]!,
      d = t[input[i + 3]!]!;
    if ((a | b | c | d) < 0) return undefined;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  const rest = n - i;
  if (rest === 2) {
    const a = t[input[i]!]!,
      b = t[input[i + 1]!]!;
    if ((a | b) < 0 || (b & 0x0f) !== 0) return undefined;
    out[o++] = (a << 2) | (b >> 4);
  } else if (rest === 3) {
    const a = t[input[i]!]!,
      b = t[input[i + 1]!]!,
      c = t[input[i + 2]!]!;
    if ((a | b | c) < 0 || (c & 0x03) !== 0) return undefined;
    const v = (a << 10) | (b << 4) | (c >> 2);
    out[o++] = v >> 8;
    out[o++] = v & 0xff;
  }
  return out.subarray(0, o);
}

/** Parses a charset name; VRL's runtime error otherwise. */
export function parseCharset(name: string): Base64Charset | undefined {
  return name === 'standard' || name === 'url_safe' ? name : undefined;
}
