/**
 * AES modes as VRL's RustCrypto crates implement them: CFB (full block), OFB, 64-bit counters (little- and
 * big-endian), CBC with four paddings, and AES-SIV (RFC 5297, the nonce as the last header after an empty
 * associated-data header).
 */
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from './stream_ciphers.js';

export class InvalidInput extends Error {}

function aesName(key: Uint8Array, mode: string): string {
  return `aes-${key.length * 8}-${mode}`;
}

function run(
  name: string,
  key: Uint8Array,
  iv: Uint8Array | null,
  data: Uint8Array,
  decrypt = false,
): Uint8Array {
  const c = decrypt ? createDecipheriv(name, key, iv) : createCipheriv(name, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function ecbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return run(aesName(key, 'ecb'), key, null, data);
}

export function cfb(key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  return run(aesName(key, 'cfb'), key, iv, data, decrypt);
}

export function ofb(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return run(aesName(key, 'ofb'), key, iv, data);
}

/** CTR with a 64-bit counter: the first eight bytes little-endian (`Ctr64LE`) or the last eight big-endian (`Ctr64BE`). */
export function ctr64(key: Uint8Array, iv: Uint8Array, data: Uint8Array, littleEndian: boolean): Uint8Array {
  const blocks = Math.ceil(data.length / 16);
  const counters = new Uint8Array(blocks * 16);
  const view = new DataView(iv.buffer, iv.byteOffset, 16);
  const start = littleEndian ? view.getBigUint64(0, true) : view.getBigUint64(8, false);
  for (let b = 0; b < blocks; b++) {
    const block = counters.subarray(b * 16, b * 16 + 16);
    block.set(iv.subarray(0, 16));
    const bv = new DataView(counters.buffer, b * 16, 16);
    const value = BigInt.asUintN(64, start + BigInt(b));
    if (littleEndian) bv.setBigUint64(0, value, true);
    else bv.setBigUint64(8, value, false);
  }
  const stream = ecbEncrypt(key, counters);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ stream[i]!;
  return out;
}

export type Padding = 'PKCS7' | 'ANSIX923' | 'ISO7816' | 'ISO10126';

function pad(data: Uint8Array, padding: Padding): Uint8Array {
  const n = 16 - (data.length % 16);
  const out = new Uint8Array(data.length + n);
  out.set(data);
  const tail = out.subarray(data.length);
  if (padding === 'PKCS7') tail.fill(n);
  else if (padding === 'ANSIX923') tail[n - 1] = n;
  else if (padding === 'ISO7816') tail[0] = 0x80;
  else {
    tail.set(randomBytes(n - 1));
    tail[n - 1] = n;
  }
  return out;
}

function unpad(data: Uint8Array, padding: Padding): Uint8Array {
  if (data.length === 0) throw new InvalidInput();
  const last = data[data.length - 1]!;
  if (padding === 'ISO7816') {
    let i = data.length - 1;
    while (i >= data.length - 16 && i >= 0 && data[i] === 0) i--;
    if (i < 0 || i < data.length - 16 || data[i] !== 0x80) throw new InvalidInput();
    return data.subarray(0, i);
  }
  if (last === 0 || last > 16) throw new InvalidInput();
  const body = data.subarray(data.length - last, data.length - 1);
  if (padding === 'PKCS7' && body.some((b) => b !== last)) throw new InvalidInput();
  if (padding === 'ANSIX923' && body.some((b) => b !== 0)) throw new InvalidInput();
  return data.subarray(0, data.length - last);
}

export function cbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, padding: Padding): Uint8Array {
  return run(aesName(key, 'cbc'), key, iv, pad(data, padding));
}

export function cbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, padding: Padding): Uint8Array {
  if (data.length === 0 || data.length % 16 !== 0) throw new InvalidInput();
  return unpad(run(aesName(key, 'cbc'), key, iv, data, true), padding);
}

// --- AES-SIV ---

function dbl(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = ((block[i]! << 1) | (i < 15 ? block[i + 1]! >> 7 : 0)) & 0xff;
  if (block[0]! & 0x80) out[15]! ^= 0x87;
  return out;
}

function xorInto(a: Uint8Array, b: Uint8Array, offset = 0): void {
  for (let i = 0; i < b.length; i++) a[offset + i]! ^= b[i]!;
}

function cmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k1 = dbl(ecbEncrypt(key, new Uint8Array(16)));
  const k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(message.length / 16));
  const complete = message.length > 0 && message.length % 16 === 0;
  const padded = new Uint8Array(n * 16);
  padded.set(message);
  if (complete) xorInto(padded, k1, (n - 1) * 16);
  else {
    padded[message.length] = 0x80;
    xorInto(padded, k2, (n - 1) * 16);
  }
  const mac = run(aesName(key, 'cbc'), key, new Uint8Array(16), padded);
  return mac.subarray(mac.length - 16);
}

function s2v(key: Uint8Array, headers: Uint8Array[], plaintext: Uint8Array): Uint8Array {
  let d = cmac(key, new Uint8Array(16));
  for (const h of headers) {
    d = dbl(d);
    xorInto(d, cmac(key, h));
  }
  let t: Uint8Array;
  if (plaintext.length >= 16) {
    t = plaintext.slice();
    xorInto(t, d, t.length - 16);
  } else {
    t = dbl(d);
    const padded = new Uint8Array(16);
    padded.set(plaintext);
    padded[plaintext.length] = 0x80;
    xorInto(t, padded);
  }
  return cmac(key, t);
}

function sivCtr(key: Uint8Array, v: Uint8Array, data: Uint8Array): Uint8Array {
  const q = v.slice();
  q[8]! &= 0x7f;
  q[12]! &= 0x7f;
  return run(aesName(key, 'ctr'), key, q, data);
}

export function sivSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const half = key.length / 2;
  const macKey = key.subarray(0, half);
  const ctrKey = key.subarray(half);
  const v = s2v(macKey, [new Uint8Array(0), nonce], plaintext);
  const out = new Uint8Array(16 + plaintext.length);
  out.set(v);
  out.set(sivCtr(ctrKey, v, plaintext), 16);
  return out;
}

export function sivOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array {
  if (sealed.length < 16) throw new AuthenticationError('ciphertext too short');
  const half = key.length / 2;
  const macKey = key.subarray(0, half);
  const ctrKey = key.subarray(half);
  const v = sealed.subarray(0, 16);
  const plaintext = sivCtr(ctrKey, v, sealed.subarray(16));
  if (!timingSafeEqual(s2v(macKey, [new Uint8Array(0), nonce], plaintext), v))
    throw new AuthenticationError('authentication failed');
  return plaintext;
}
