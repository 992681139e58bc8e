/** XXH32 and XXH64 (seed 0 by default), written from the xxHash specification. */
const P32_1 = 2654435761,
  P32_2 = 2246822519,
  P32_3 = 3266489917,
  P32_4 = 668265263,
  P32_5 = 374761393;

const rotl32 = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul32 = (a: number, b: number): number => Math.imul(a, b) >>> 0;

function round32(acc: number, lane: number): number {
  return mul32(rotl32((acc + mul32(lane, P32_2)) >>> 0, 13), P32_1);
}

export function xxh32(bytes: Uint8Array, seed = 0): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  let i = 0;
  let h: number;
  if (len >= 16) {
    let v1 = (seed + P32_1 + P32_2) >>> 0,
      v2 = (seed + P32_2) >>> 0,
      v3 = seed >>> 0,
      v4 = (seed - P32_1) >>> 0;
    for (; i + 16 <= len; i += 16) {
      v1 = round32(v1, view.getUint32(i, true));
      v2 = round32(v2, view.getUint32(i + 4, true));
      v3 = round32(v3, view.getUint32(i + 8, true));
      v4 = round32(v4, view.getUint32(i + 12, true));
    }
    h = (rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18)) >>> 0;
  } else h = (seed + P32_5) >>> 0;
  h = (h + len) >>> 0;
  for (; i + 4 <= len; i += 4)
    h = mul32(rotl32((h + mul32(view.getUint32(i, true), P32_3)) >>> 0, 17), P32_4);
  for (; i < len; i++) h = mul32(rotl32((h + mul32(bytes[i]!, P32_5)) >>> 0, 11), P32_1);
  h ^= h >>> 15;
  h = mul32(h, P32_2);
  h ^= h >>> 13;
  h = mul32(h, P32_3);
  h ^= h >>> 16;
  return h >>> 0;
}

const P64_1 = 11400714785074694791n,
  P64_2 = 14029467366897019727n,
  P64_3 = 1609587929392839161n;
const P64_4 = 9650029242287828579n,
  P64_5 = 2870177450012600261n;
const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const rotl64 = (x: bigint, r: bigint): bigint => U64((x << r) | (x >> (64n - r)));

function round64(acc: bigint, lane: bigint): bigint {
  return U64(rotl64(U64(acc + U64(lane * P64_2)), 31n) * P64_1);
}
function merge64(acc: bigint, val: bigint): bigint {
  return U64(U64((acc ^ round64(0n, val)) * P64_1) + P64_4);
}

export function xxh64(bytes: Uint8Array, seed = 0n): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  let i = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = U64(seed + P64_1 + P64_2),
      v2 = U64(seed + P64_2),
      v3 = seed,
      v4 = U64(seed - P64_1);
    for (; i + 32 <= len; i += 32) {
      v1 = round64(v1, view.getBigUint64(i, true));
      v2 = round64(v2, view.getBigUint64(i + 8, true));
      v3 = round64(v3, view.getBigUint64(i + 16, true));
      v4 = round64(v4, view.getBigUint64(i + 24, true));
    }
    h = U64(rotl64(v1, 1n) + rotl64(v2, 7n) + rotl64(v3, 12n) + rotl64(v4, 18n));
    h = merge64(h, v1);
    h = merge64(h, v2);
    h = merge64(h, v3);
    h = merge64(h, v4);
  } else h = U64(seed + P64_5);
  h = U64(h + BigInt(len));
  for (; i + 8 <= len; i += 8) {
    h ^= round64(0n, view.getBigUint64(i, true));
    h = U64(U64(rotl64(h, 27n) * P64_1) + P64_4);
  }
  if (i + 4 <= len) {
    h ^= U64(BigInt(view.getUint32(i, true)) * P64_1);
    h = U64(U64(rotl64(h, 23n) * P64_2) + P64_3);
    i += 4;
  }
  for (; i < len; i++) {
    h ^= U64(BigInt(bytes[i]!) * P64_5);
    h = U64(rotl64(h, 11n) * P64_1);
  }
  h ^= h >> 33n;
  h = U64(h * P64_2);
  h ^= h >> 29n;
  h = U64(h * P64_3);
  h ^= h >> 32n;
  return h;
}
