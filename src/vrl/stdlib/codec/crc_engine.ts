/**
 * A table-driven CRC for any width from 3 to 82 bits. The register is kept MSB-first (left-aligned to at
 * least 8 bits) for non-reflected input and LSB-first for reflected input; output reflection and the final
 * XOR are applied at the end. BigInt throughout, with one 256-entry table per algorithm (cached).
 */
import type { CrcParams } from './crc_catalog.js';

function reflect(value: bigint, width: number): bigint {
  let out = 0n;
  for (let i = 0; i < width; i++) {
    out = (out << 1n) | (value & 1n);
    value >>= 1n;
  }
  return out;
}

interface Engine {
  update(crc: bigint, bytes: Uint8Array): bigint;
  init: bigint;
  finish(crc: bigint): bigint;
}

function build(p: CrcParams): Engine {
  const width = BigInt(p.width);
  const mask = (1n << width) - 1n;
  if (p.refin) {
    const rpoly = reflect(p.poly, p.width);
    const table: bigint[] = [];
    for (let i = 0; i < 256; i++) {
      let crc = BigInt(i);
      for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ rpoly : crc >> 1n;
      table.push(crc);
    }
    return {
      init: reflect(p.init, p.width),
      update(crc, bytes) {
        for (let i = 0; i < bytes.length; i++)
          crc = table[Number((crc ^ BigInt(bytes[i]!)) & 0xffn)]! ^ (crc >> 8n);
        return crc;
      },
      finish(crc) {
        return ((p.refout ? crc : reflect(crc, p.width)) ^ p.xorout) & mask;
      },
    };
  }
  // Non-reflected: a register of `reg` bits (width, or 8 when narrower) holding the CRC in its top bits.
  const reg = p.width < 8 ? 8n : width;
  const shift = reg - width;
  const regMask = (1n << reg) - 1n;
  const top = 1n << (reg - 1n);
  const poly = p.poly << shift;
  const table: bigint[] = [];
  for (let i = 0; i < 256; i++) {
    let crc = BigInt(i) << (reg - 8n);
    for (let k = 0; k < 8; k++) crc = crc & top ? ((crc << 1n) ^ poly) & regMask : (crc << 1n) & regMask;
    table.push(crc);
  }
  return {
    init: p.init << shift,
    update(crc, bytes) {
      for (let i = 0; i < bytes.length; i++) {
        const index = Number(((crc >> (reg - 8n)) ^ BigInt(bytes[i]!)) & 0xffn);
        crc = ((crc << 8n) & regMask) ^ table[index]!;
      }
      return crc;
    },
    finish(crc) {
      const value = crc >> shift;
      return ((p.refout ? reflect(value, p.width) : value) ^ p.xorout) & mask;
    },
  };
}

/** Fast path for the common 32-bit reflected CRCs (numbers instead of bigints). */
function build32Reflected(p: CrcParams): Engine {
  const rpoly = Number(reflect(p.poly, 32));
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ rpoly : crc >>> 1;
    table[i] = crc >>> 0;
  }
  return {
    init: reflect(p.init, 32),
    update(crc, bytes) {
      let c = Number(crc);
      for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
      return BigInt(c >>> 0);
    },
    finish(crc) {
      return ((p.refout ? crc : reflect(crc, 32)) ^ p.xorout) & 0xffffffffn;
    },
  };
}

const engines = new WeakMap<CrcParams, Engine>();

export function crcChecksum(p: CrcParams, bytes: Uint8Array): bigint {
  let engine = engines.get(p);
  if (!engine) {
    engine = p.width === 32 && p.refin ? build32Reflected(p) : build(p);
    engines.set(p, engine);
  }
  return engine.finish(engine.update(engine.init, bytes));
}
