/**
 * IPCrypt (draft-denis-ipcrypt): `ipcrypt-deterministic` (one AES-128 block over the 16-byte form of the
 * address; IPv4 may come out as IPv6 and back) and `ipcrypt-pfx` (prefix-preserving: each bit is flipped
 * by a pseudorandom bit of the bits before it, from two AES-128 keys XORed). Addresses travel as 16
 * bytes, IPv4 as `::ffff:a.b.c.d`.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { IpAddress } from '../data/ip.js';

function aesBlock(key: Uint8Array, block: Uint8Array, decrypt = false): Uint8Array {
  const cipher = decrypt
    ? createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false)
    : createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(block), cipher.final()]));
}

function to16(ip: IpAddress): Uint8Array {
  if (ip.version === 6) return ip.bytes;
  const out = new Uint8Array(16);
  out[10] = 0xff;
  out[11] = 0xff;
  out.set(ip.bytes, 12);
  return out;
}

function isMapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

function from16(bytes: Uint8Array): IpAddress {
  return isMapped(bytes) ? { version: 4, bytes: bytes.slice(12) } : { version: 6, bytes };
}

export function encryptDeterministic(key: Uint8Array, ip: IpAddress): IpAddress {
  return from16(aesBlock(key, to16(ip)));
}

export function decryptDeterministic(key: Uint8Array, ip: IpAddress): IpAddress {
  return from16(aesBlock(key, to16(ip), true));
}

/** Bit `position` counted from the least significant bit of byte 15. */
function getBit(data: Uint8Array, position: number): number {
  return (data[15 - (position >> 3)]! >> (position & 7)) & 1;
}

function setBit(data: Uint8Array, position: number, bit: number): void {
  const i = 15 - (position >> 3);
  const mask = 1 << (position & 7);
  data[i] = bit ? data[i]! | mask : data[i]! & ~mask;
}

function shiftLeft(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  let carry = 0;
  for (let i = 15; i >= 0; i--) {
    out[i] = ((data[i]! << 1) | carry) & 0xff;
    carry = (data[i]! >> 7) & 1;
  }
  return out;
}

function pfx(key: Uint8Array, ip: IpAddress, decrypt: boolean): IpAddress {
  const k1 = key.subarray(0, 16);
  const k2 = key.subarray(16, 32);
  const input = to16(ip);
  const output = new Uint8Array(16);
  let start = 0;
  let padded: Uint8Array = new Uint8Array(16);
  if (isMapped(input)) {
    start = 96;
    output[10] = 0xff;
    output[11] = 0xff;
    padded[3] = 0x01;
    padded[14] = 0xff;
    padded[15] = 0xff;
  } else {
    padded[15] = 0x01;
  }
  const c1 = createCipheriv('aes-128-ecb', k1, null).setAutoPadding(false);
  const c2 = createCipheriv('aes-128-ecb', k2, null).setAutoPadding(false);
  for (let length = start; length < 128; length++) {
    const e1 = c1.update(padded);
    const e2 = c2.update(padded);
    const flip = (e1[15]! ^ e2[15]!) & 1;
    const position = 127 - length;
    const inBit = getBit(input, position);
    const outBit = flip ^ inBit;
    setBit(output, position, outBit);
    padded = shiftLeft(padded);
    setBit(padded, 0, decrypt ? outBit : inBit);
  }
  return from16(output);
}

export function encryptPfx(key: Uint8Array, ip: IpAddress): IpAddress {
  return pfx(key, ip, false);
}

export function decryptPfx(key: Uint8Array, ip: IpAddress): IpAddress {
  return pfx(key, ip, true);
}
