/**
 * XXH3 64- and 128-bit (seed 0, default secret), written from the xxHash specification. BigInt arithmetic:
 * correct for any input, not fast (fine for log fields).
 */
const SECRET = Uint8Array.from(
  (
    'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c' +
    '3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364' +
    'eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e'
  )
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);
const SECRET_SIZE_MIN = 136;

const M64 = (1n << 64n) - 1n;
const U64 = (x: bigint): bigint => x & M64;
const P32_1 = 0x9e3779b1n,
  P32_2 = 0x85ebca77n,
  P32_3 = 0xc2b2ae3dn;
const P64_1 = 0x9e3779b185ebca87n,
  P64_2 = 0xc2b2ae3d27d4eb4fn,
  P64_3 = 0x165667b19e3779f9n;
const P64_4 = 0x85ebca77c2b2ae63n,
  P64_5 = 0x27d4eb2f165667c5n;
const PRIME_MX1 = 0x165667919e3779f9n,
  PRIME_MX2 = 0x9fb21c651e98df25n;

function r64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]!);
  return v;
}
function r32(b: Uint8Array, i: number): bigint {
  return BigInt((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
}
const rotl64 = (x: bigint, r: bigint): bigint => U64((x << r) | (x >> (64n - r)));
const swap32 = (x: bigint): bigint =>
  ((x & 0xffn) << 24n) | ((x & 0xff00n) << 8n) | ((x >> 8n) & 0xff00n) | ((x >> 24n) & 0xffn);
function swap64(x: bigint): bigint {
  let out = 0n;
  for (let i = 0; i < 8; i++) {
    out = (out << 8n) | (x & 0xffn);
    x >>= 8n;
  }
  return out;
}
function fold64(a: bigint, b: bigint): bigint {
  const p = a * b;
  return U64(p ^ (p >> 64n));
}
function avalanche(h: bigint): bigint {
  h ^= h >> 37n;
  h = U64(h * PRIME_MX1);
  return h ^ (h >> 32n);
}
function xxh64Avalanche(h: bigint): bigint {
  h ^= h >> 33n;
  h = U64(h * P64_2);
  h ^= h >> 29n;
  h = U64(h * P64_3);
  return h ^ (h >> 32n);
}
function rrmxmx(h: bigint, len: number): bigint {
  h ^= rotl64(h, 49n) ^ rotl64(h, 24n);
  h = U64(h * PRIME_MX2);
  h ^= (h >> 35n) + BigInt(len);
  h = U64(h * PRIME_MX2);
  return h ^ (h >> 28n);
}
function mix16(b: Uint8Array, i: number, s: number, seed = 0n): bigint {
  return fold64(r64(b, i) ^ U64(r64(SECRET, s) + seed), r64(b, i + 8) ^ U64(r64(SECRET, s + 8) - seed));
}

// --- long input (> 240 bytes): 8 accumulators over 64-byte stripes ---
function accumulate(acc: bigint[], b: Uint8Array, i: number, s: number): void {
  for (let k = 0; k < 8; k++) {
    const value = r64(b, i + 8 * k);
    const key = value ^ r64(SECRET, s + 8 * k);
    acc[k ^ 1] = U64(acc[k ^ 1]! + value);
    acc[k] = U64(acc[k]! + (key & 0xffffffffn) * (key >> 32n));
  }
}
function scramble(acc: bigint[], s: number): void {
  for (let k = 0; k < 8; k++) {
    let a = acc[k]!;
    a ^= a >> 47n;
    a ^= r64(SECRET, s + 8 * k);
    acc[k] = U64(a * P32_1);
  }
}
function longAccumulators(b: Uint8Array): bigint[] {
  const acc = [P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1];
  const stripesPerBlock = (SECRET.length - 64) / 8;
  const blockLen = 64 * stripesPerBlock;
  const len = b.length;
  const blocks = Math.floor((len - 1) / blockLen);
  for (let n = 0; n < blocks; n++) {
    for (let st = 0; st < stripesPerBlock; st++) accumulate(acc, b, n * blockLen + st * 64, st * 8);
    scramble(acc, SECRET.length - 64);
  }
  const stripes = Math.floor((len - 1 - blockLen * blocks) / 64);
  for (let st = 0; st < stripes; st++) accumulate(acc, b, blocks * blockLen + st * 64, st * 8);
  accumulate(acc, b, len - 64, SECRET.length - 64 - 7);
  return acc;
}
function mergeAccs(acc: bigint[], s: number, start: bigint): bigint {
  let result = start;
  for (let k = 0; k < 4; k++)
    result = U64(
      result + fold64(acc[2 * k]! ^ r64(SECRET, s + 16 * k), acc[2 * k + 1]! ^ r64(SECRET, s + 16 * k + 8)),
    );
  return avalanche(result);
}

export function xxh3_64(b: Uint8Array): bigint {
  const len = b.length;
  const L = BigInt(len);
  if (len === 0) return xxh64Avalanche(r64(SECRET, 56) ^ r64(SECRET, 64));
  if (len <= 3) {
    const combined = (BigInt(b[0]!) << 16n) | (BigInt(b[len >> 1]!) << 24n) | BigInt(b[len - 1]!) | (L << 8n);
    return xxh64Avalanche(combined ^ (r32(SECRET, 0) ^ r32(SECRET, 4)));
  }
  if (len <= 8) {
    const input64 = r32(b, len - 4) + (r32(b, 0) << 32n);
    return rrmxmx(input64 ^ (r64(SECRET, 8) ^ r64(SECRET, 16)), len);
  }
  if (len <= 16) {
    const lo = r64(b, 0) ^ (r64(SECRET, 24) ^ r64(SECRET, 32));
    const hi = r64(b, len - 8) ^ (r64(SECRET, 40) ^ r64(SECRET, 48));
    return avalanche(U64(L + swap64(lo) + hi + fold64(lo, hi)));
  }
  if (len <= 128) {
    let acc = U64(L * P64_1);
    if (len > 32) {
      if (len > 64) {
        if (len > 96) acc += mix16(b, 48, 96) + mix16(b, len - 64, 112);
        acc += mix16(b, 32, 64) + mix16(b, len - 48, 80);
      }
      acc += mix16(b, 16, 32) + mix16(b, len - 32, 48);
    }
    acc += mix16(b, 0, 0) + mix16(b, len - 16, 16);
    return avalanche(U64(acc));
  }
  if (len <= 240) {
    let acc = U64(L * P64_1);
    for (let i = 0; i < 8; i++) acc += mix16(b, 16 * i, 16 * i);
    acc = avalanche(U64(acc));
    const rounds = Math.floor(len / 16);
    for (let i = 8; i < rounds; i++) acc += mix16(b, 16 * i, 16 * (i - 8) + 3);
    acc += mix16(b, len - 16, SECRET_SIZE_MIN - 17);
    return avalanche(U64(acc));
  }
  return mergeAccs(longAccumulators(b), 11, U64(L * P64_1));
}

function mix32(
  acc: [bigint, bigint],
  b: Uint8Array,
  i1: number,
  i2: number,
  s: number,
  seed = 0n,
): [bigint, bigint] {
  let [lo, hi] = acc;
  lo = U64(lo + mix16(b, i1, s, seed));
  lo ^= U64(r64(b, i2) + r64(b, i2 + 8));
  hi = U64(hi + mix16(b, i2, s + 16, seed));
  hi ^= U64(r64(b, i1) + r64(b, i1 + 8));
  return [lo, hi];
}

function finish128([lo, hi]: [bigint, bigint], len: bigint): bigint {
  const low = avalanche(U64(lo + hi));
  const high = U64(-avalanche(U64(lo * P64_1 + hi * P64_4 + len * P64_2)));
  return (high << 64n) | low;
}

export function xxh3_128(b: Uint8Array): bigint {
  const len = b.length;
  const L = BigInt(len);
  if (len === 0) {
    const low = xxh64Avalanche(r64(SECRET, 64) ^ r64(SECRET, 72));
    const high = xxh64Avalanche(r64(SECRET, 80) ^ r64(SECRET, 88));
    return (high << 64n) | low;
  }
  if (len <= 3) {
    const combinedL =
      (BigInt(b[0]!) << 16n) | (BigInt(b[len >> 1]!) << 24n) | BigInt(b[len - 1]!) | (L << 8n);
    const swapped = swap32(combinedL);
    const combinedH = ((swapped << 13n) | (swapped >> 19n)) & 0xffffffffn;
    const low = xxh64Avalanche(combinedL ^ (r32(SECRET, 0) ^ r32(SECRET, 4)));
    const high = xxh64Avalanche(combinedH ^ (r32(SECRET, 8) ^ r32(SECRET, 12)));
    return (high << 64n) | low;
  }
  if (len <= 8) {
    const input64 = r32(b, 0) + (r32(b, len - 4) << 32n);
    const keyed = input64 ^ (r64(SECRET, 16) ^ r64(SECRET, 24));
    const m = keyed * U64(P64_1 + (L << 2n));
    let low = U64(m);
    let high = m >> 64n;
    high = U64(high + (low << 1n));
    low ^= high >> 3n;
    low ^= low >> 35n;
    low = U64(low * PRIME_MX2);
    low ^= low >> 28n;
    high = avalanche(high);
    return (high << 64n) | low;
  }
  if (len <= 16) {
    const bitflipL = r64(SECRET, 32) ^ r64(SECRET, 40);
    const bitflipH = r64(SECRET, 48) ^ r64(SECRET, 56);
    const inputLo = r64(b, 0);
    let inputHi = r64(b, len - 8);
    const m = (inputLo ^ inputHi ^ bitflipL) * P64_1;
    let mLow = U64(U64(m) + ((L - 1n) << 54n));
    let mHigh = m >> 64n;
    inputHi ^= bitflipH;
    mHigh = U64(mHigh + inputHi + (inputHi & 0xffffffffn) * (P32_2 - 1n));
    mLow ^= swap64(mHigh);
    const h = mLow * P64_2;
    const low = avalanche(U64(h));
    const high = avalanche(U64((h >> 64n) + mHigh * P64_2));
    return (high << 64n) | low;
  }
  if (len <= 128) {
    let acc: [bigint, bigint] = [U64(L * P64_1), 0n];
    if (len > 32) {
      if (len > 64) {
        if (len > 96) acc = mix32(acc, b, 48, len - 64, 96);
        acc = mix32(acc, b, 32, len - 48, 64);
      }
      acc = mix32(acc, b, 16, len - 32, 32);
    }
    acc = mix32(acc, b, 0, len - 16, 0);
    return finish128(acc, L);
  }
  if (len <= 240) {
    let acc: [bigint, bigint] = [U64(L * P64_1), 0n];
    for (let i = 0; i < 4; i++) acc = mix32(acc, b, 32 * i, 32 * i + 16, 32 * i);
    acc = [avalanche(acc[0]), avalanche(acc[1])];
    const rounds = Math.floor(len / 32);
    for (let i = 4; i < rounds; i++) acc = mix32(acc, b, 32 * i, 32 * i + 16, 3 + 32 * (i - 4));
    acc = mix32(acc, b, len - 16, len - 32, SECRET_SIZE_MIN - 17 - 16, 0n);
    return finish128(acc, L);
  }
  const acc = longAccumulators(b);
  const low = mergeAccs(acc, 11, U64(L * P64_1));
  const high = mergeAccs(acc, SECRET.length - 64 - 11, U64(~(L * P64_2)));
  return (high << 64n) | low;
}
