/** SeaHash (the `seahash` crate's `hash`): four 64-bit lanes fed 8-byte little-endian words, then a final diffusion. */
const M = 0x6eed0e9da4d94a4fn;
const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);

function diffuse(x: bigint): bigint {
  x = U64(x * M);
  x ^= (x >> 32n) >> (x >> 60n);
  return U64(x * M);
}

export function seahash64(bytes: Uint8Array): bigint {
  const lanes = [0x16f11fe89b0d677cn, 0xb480a793d8e6c86cn, 0x6fe2e5aaf078ebc9n, 0x14f994a4c5259381n];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let lane = 0;
  let i = 0;
  for (; i + 8 <= bytes.length; i += 8) {
    lanes[lane] = diffuse(lanes[lane]! ^ view.getBigUint64(i, true));
    lane = (lane + 1) & 3;
  }
  if (i < bytes.length) {
    let word = 0n;
    for (let k = bytes.length - 1; k >= i; k--) word = (word << 8n) | BigInt(bytes[k]!);
    lanes[lane] = diffuse(lanes[lane]! ^ word);
  }
  return diffuse(lanes[0]! ^ lanes[1]! ^ lanes[2]! ^ lanes[3]! ^ BigInt(bytes.length));
}
