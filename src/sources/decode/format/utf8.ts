import { isUtf8 } from 'node:buffer';

/**
 * `null` when `bytes` is valid UTF-8 (checked natively with `isUtf8`); otherwise the error
 * reason naming the first invalid byte, both within the frame and in the stream.
 */
export function utf8Error(bytes: Uint8Array, streamOffset: number): string | null {
  if (isUtf8(bytes)) return null;
  const at = firstInvalidUtf8(bytes);
  return `invalid UTF-8 at byte ${at} of the line (stream offset ${streamOffset + at})`;
}

/** Index of the first byte that starts an invalid UTF-8 sequence (slow path, errors only). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}
