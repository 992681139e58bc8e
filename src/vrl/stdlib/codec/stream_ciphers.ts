/**
 * The pieces `node:crypto` lacks for VRL's XChaCha20-Poly1305 and XSalsa20-Poly1305 (NaCl `secretbox`):
 * HChaCha20, Salsa20/HSalsa20 and Poly1305, written from RFC 8439, the XChaCha draft and the Salsa20 spec.
 */
import { createCipheriv, createDecipheriv, timingSafeEqual } from 'node:crypto';

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

function words(bytes: Uint8Array, count: number, offset = 0): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: count }, (_, i) => view.getUint32(offset + 4 * i, true));
}

function toBytesLE(ws: number[]): Uint8Array {
  const out = new Uint8Array(ws.length * 4);
  const view = new DataView(out.buffer);
  ws.forEach((w, i) => view.setUint32(4 * i, w >>> 0, true));
  return out;
}

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

export function hchacha20(key: Uint8Array, nonce16: Uint8Array): Uint8Array {
  const s = [...SIGMA, ...words(key, 8), ...words(nonce16, 4)];
  const qr = (a: number, b: number, c: number, d: number): void => {
    s[a] = (s[a]! + s[b]!) >>> 0;
    s[d] = rotl(s[d]! ^ s[a]!, 16);
    s[c] = (s[c]! + s[d]!) >>> 0;
    s[b] = rotl(s[b]! ^ s[c]!, 12);
    s[a] = (s[a]! + s[b]!) >>> 0;
    s[d] = rotl(s[d]! ^ s[a]!, 8);
    s[c] = (s[c]! + s[d]!) >>> 0;
    s[b] = rotl(s[b]! ^ s[c]!, 7);
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12);
    qr(1, 5, 9, 13);
    qr(2, 6, 10, 14);
    qr(3, 7, 11, 15);
    qr(0, 5, 10, 15);
    qr(1, 6, 11, 12);
    qr(2, 7, 8, 13);
    qr(3, 4, 9, 14);
  }
  return toBytesLE([s[0]!, s[1]!, s[2]!, s[3]!, s[12]!, s[13]!, s[14]!, s[15]!]);
}

function salsaRounds(s: number[]): void {
  const qr = (a: number, b: number, c: number, d: number): void => {
    s[b] = (s[b]! ^ rotl((s[a]! + s[d]!) >>> 0, 7)) >>> 0;
    s[c] = (s[c]! ^ rotl((s[b]! + s[a]!) >>> 0, 9)) >>> 0;
    s[d] = (s[d]! ^ rotl((s[c]! + s[b]!) >>> 0, 13)) >>> 0;
    s[a] = (s[a]! ^ rotl((s[d]! + s[c]!) >>> 0, 18)) >>> 0;
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12);
    qr(5, 9, 13, 1);
    qr(10, 14, 2, 6);
    qr(15, 3, 7, 11);
    qr(0, 1, 2, 3);
    qr(5, 6, 7, 4);
    qr(10, 11, 8, 9);
    qr(15, 12, 13, 14);
  }
}

function salsaState(key: Uint8Array, input16: number[]): number[] {
  const k = words(key, 8);
  return [
    SIGMA[0]!,
    k[0]!,
    k[1]!,
    k[2]!,
    k[3]!,
    SIGMA[1]!,
    ...input16,
    SIGMA[2]!,
    k[4]!,
    k[5]!,
    k[6]!,
    k[7]!,
    SIGMA[3]!,
  ];
}

export function hsalsa20(key: Uint8Array, nonce16: Uint8Array): Uint8Array {
  const s = salsaState(key, words(nonce16, 4));
  salsaRounds(s);
  return toBytesLE([s[0]!, s[5]!, s[10]!, s[15]!, s[6]!, s[7]!, s[8]!, s[9]!]);
}

/** Salsa20 keystream of `length` bytes (8-byte nonce, block counter from 0). */
export function salsa20Keystream(key: Uint8Array, nonce8: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(length / 64) * 64);
  const n = words(nonce8, 2);
  for (let block = 0; block * 64 < length; block++) {
    const init = salsaState(key, [n[0]!, n[1]!, block >>> 0, Math.floor(block / 2 ** 32)]);
    const s = init.slice();
    salsaRounds(s);
    out.set(toBytesLE(s.map((w, i) => (w + init[i]!) >>> 0)), block * 64);
  }
  return out.subarray(0, length);
}

const P1305 = (1n << 130n) - 5n;

function leBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

export function poly1305(key: Uint8Array, message: Uint8Array): Uint8Array {
  const r = leBigInt(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = leBigInt(key.subarray(16, 32));
  let acc = 0n;
  for (let i = 0; i < message.length; i += 16) {
    const chunk = message.subarray(i, Math.min(i + 16, message.length));
    acc = ((acc + leBigInt(chunk) + (1n << BigInt(8 * chunk.length))) * r) % P1305;
  }
  let tag = (acc + s) & ((1n << 128n) - 1n);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    out[i] = Number(tag & 0xffn);
    tag >>= 8n;
  }
  return out;
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

export class AuthenticationError extends Error {}

/** NaCl `crypto_secretbox`: tag (16 bytes) then ciphertext. */
export function xsalsa20poly1305Seal(
  key: Uint8Array,
  nonce24: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const subkey = hsalsa20(key, nonce24.subarray(0, 16));
  const stream = salsa20Keystream(subkey, nonce24.subarray(16, 24), 32 + plaintext.length);
  const ciphertext = xor(plaintext, stream.subarray(32));
  const tag = poly1305(stream.subarray(0, 32), ciphertext);
  const out = new Uint8Array(16 + ciphertext.length);
  out.set(tag);
  out.set(ciphertext, 16);
  return out;
}

export function xsalsa20poly1305Open(key: Uint8Array, nonce24: Uint8Array, sealed: Uint8Array): Uint8Array {
  if (sealed.length < 16) throw new AuthenticationError('ciphertext too short');
  const subkey = hsalsa20(key, nonce24.subarray(0, 16));
  const ciphertext = sealed.subarray(16);
  const stream = salsa20Keystream(subkey, nonce24.subarray(16, 24), 32 + ciphertext.length);
  const tag = poly1305(stream.subarray(0, 32), ciphertext);
  if (!timingSafeEqual(tag, sealed.subarray(0, 16))) throw new AuthenticationError('authentication failed');
  return xor(ciphertext, stream.subarray(32));
}

/** ChaCha20-Poly1305 (RFC 8439) through OpenSSL: ciphertext then tag. */
export function chacha20poly1305Seal(
  key: Uint8Array,
  nonce12: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce12, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([body, cipher.getAuthTag()]));
}

export function chacha20poly1305Open(key: Uint8Array, nonce12: Uint8Array, sealed: Uint8Array): Uint8Array {
  if (sealed.length < 16) throw new AuthenticationError('ciphertext too short');
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce12, { authTagLength: 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return new Uint8Array(
      Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]),
    );
  } catch {
    throw new AuthenticationError('authentication failed');
  }
}

function xNonce(key: Uint8Array, nonce24: Uint8Array): [Uint8Array, Uint8Array] {
  const nonce12 = new Uint8Array(12);
  nonce12.set(nonce24.subarray(16, 24), 4);
  return [hchacha20(key, nonce24.subarray(0, 16)), nonce12];
}

export function xchacha20poly1305Seal(
  key: Uint8Array,
  nonce24: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const [subkey, nonce12] = xNonce(key, nonce24);
  return chacha20poly1305Seal(subkey, nonce12, plaintext);
}

export function xchacha20poly1305Open(key: Uint8Array, nonce24: Uint8Array, sealed: Uint8Array): Uint8Array {
  const [subkey, nonce12] = xNonce(key, nonce24);
  return chacha20poly1305Open(subkey, nonce12, sealed);
}
