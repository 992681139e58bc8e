import { defineFunction, required } from '../function.js';
import { K } from '../../types/index.js';
import { setField, toBytes, VrlError, type Value, type ValueObject } from '../../value/index.js';
import { jsonKind } from './json_kind.js';

const I64_MAX = 2n ** 63n - 1n;
const BREAK = Symbol('break');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A decoding failure with ciborium's `Debug` text (what VRL prints after `unable to parse cbor: `). */
class CborError extends Error {}

const eof = (): CborError => new CborError('Io(EndOfFile(()))');
const semantic = (what: string): CborError => new CborError(`Semantic(None, "${what}")`);

/** One CBOR data item into VRL values the way VRL's value deserializer takes it (JSON-like data only). */
class Decoder {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  private byte(): number {
    if (this.pos >= this.bytes.length) throw eof();
    return this.bytes[this.pos++]!;
  }

  private take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw eof();
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** The argument of a head (`info` < 28), or `null` for indefinite length (31). */
  private argument(info: number, start: number): bigint | null {
    if (info < 24) return BigInt(info);
    let size: number;
    if (info === 24) size = 1;
    else if (info === 25) size = 2;
    else if (info === 26) size = 4;
    else if (info === 27) size = 8;
    else if (info === 31) return null;
    else throw new CborError(`Syntax(${start})`);
    let n = 0n;
    for (const b of this.take(size)) n = (n << 8n) | BigInt(b);
    return n;
  }

  private length(n: bigint): number {
    if (n > BigInt(this.bytes.length)) throw eof();
    return Number(n);
  }

  item(): Value | typeof BREAK {
    const start = this.pos;
    const head = this.byte();
    const major = head >> 5;
    const info = head & 0x1f;
    if (major === 7) return this.simple(info, start);
    const arg = this.argument(info, start);
    switch (major) {
      case 0:
        return arg! <= I64_MAX ? arg! : Number(arg!);
      case 1: {
        const value = -1n - arg!;
        return value >= -(2n ** 63n) ? value : Number(value);
      }
      case 2: {
        // Byte strings are not JSON data (chunks of an indefinite one must be byte strings too).
        if (arg === null) this.chunks(2, start);
        else this.take(this.length(arg));
        throw semantic('invalid type: byte array, expected any valid JSON value');
      }
      case 3: {
        const raw = arg === null ? this.chunks(3, start) : this.take(this.length(arg));
        try {
          return utf8.decode(raw);
        } catch {
          throw new CborError(`Syntax(${start})`);
        }
      }
      case 4: {
        const out: Value[] = [];
        for (let i = 0; arg === null || i < this.length(arg); i++) {
          const v = this.item();
          if (v === BREAK) {
            if (arg === null) break;
            throw semantic('invalid type: break, expected non-break');
          }
          out.push(v);
        }
        return out;
      }
      case 5: {
        const out: ValueObject = {};
        for (let i = 0; arg === null || i < this.length(arg); i++) {
          const key = this.item();
          if (key === BREAK) {
            if (arg === null) break;
            throw semantic('invalid type: break, expected non-break');
          }
          if (typeof key !== 'string') throw semantic(`invalid type: ${describe(key)}, expected string`);
          const value = this.value();
          setField(out, key, value);
        }
        return out;
      }
      default: {
        // Tags: bignums read as u128/i128 integers, anything else as an enum; neither is JSON data.
        if (
          (arg === 2n || arg === 3n) &&
          this.bytes[this.pos] !== undefined &&
          this.bytes[this.pos]! >> 5 === 2
        ) {
          const head2 = this.byte();
          const n = this.argument(head2 & 0x1f, this.pos - 1);
          const raw = n === null ? this.chunks(2, this.pos - 1) : this.take(this.length(n));
          let big = 0n;
          for (const b of raw) big = (big << 8n) | BigInt(b);
          const shown = arg === 2n ? big : -1n - big;
          throw semantic(
            `invalid type: integer \`${shown}\` as ${arg === 2n ? 'u128' : 'i128'}, expected any valid JSON value`,
          );
        }
        this.item();
        throw semantic('invalid type: enum, expected any valid JSON value');
      }
    }
  }

  value(): Value {
    const v = this.item();
    if (v === BREAK) throw semantic('invalid type: break, expected non-break');
    return v;
  }

  private chunks(major: number, start: number): Uint8Array {
    const parts: Uint8Array[] = [];
    for (;;) {
      const head = this.byte();
      if (head === 0xff) break;
      if (head >> 5 !== major) throw new CborError(`Syntax(${start})`);
      const n = this.argument(head & 0x1f, this.pos - 1);
      if (n === null) throw new CborError(`Syntax(${start})`);
      parts.push(this.take(this.length(n)));
    }
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  private simple(info: number, start: number): Value | typeof BREAK {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
      case 23:
        return null;
      case 25:
        return this.float(halfToNumber(this.take(2)));
      case 26:
        return this.float(new DataView(this.take(4).slice().buffer).getFloat32(0));
      case 27:
        return this.float(new DataView(this.take(8).slice().buffer).getFloat64(0));
      case 31:
        return BREAK;
      default:
        if (info === 24) this.take(1);
        throw new CborError(`Syntax(${start})`);
    }
  }

  private float(value: number): number {
    if (Number.isNaN(value))
      throw semantic('invalid value: floating point `NaN`, expected any valid JSON value');
    return value;
  }
}

function halfToNumber(b: Uint8Array): number {
  const half = (b[0]! << 8) | b[1]!;
  const exp = (half >> 10) & 0x1f;
  const mant = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

function describe(value: Value): string {
  if (typeof value === 'bigint') return `integer \`${value}\``;
  if (typeof value === 'number') return `floating point \`${value}\``;
  if (typeof value === 'boolean') return `boolean \`${value}\``;
  if (value === null) return 'unit value';
  if (Array.isArray(value)) return 'sequence';
  return 'map';
}

export function parseCbor(bytes: Uint8Array): Value {
  try {
    return new Decoder(bytes).value();
  } catch (e) {
    if (e instanceof CborError) throw new VrlError(`unable to parse cbor: ${e.message}`);
    throw e;
  }
}

export const parse_cbor = defineFunction({
  name: 'parse_cbor',
  parameters: [required('value', K.BYTES)],
  kind: jsonKind(),
  fallible: true,
  call: (value) => parseCbor(toBytes(value as string | Uint8Array)),
  examples: [
    {
      title: 'Parse CBOR',
      source: 'parse_cbor!(decode_base64!("oWVmaWVsZGV2YWx1ZQ=="))',
      result: '{ "field": "value" }',
    },
    { title: 'array', source: 'parse_cbor!(decode_base64!("gvUA"))', result: '[true, 0]' },
    { title: 'string', source: 'parse_cbor!(decode_base64!("ZWhlbGxv"))', result: '"hello"' },
    { title: 'integer', source: 'parse_cbor!(decode_base64!("GCo="))', result: '42' },
    { title: 'float', source: 'parse_cbor!(decode_base64!("+0BFEKPXCj1x"))', result: '42.13' },
    { title: 'boolean', source: 'parse_cbor!(decode_base64!("9A=="))', result: 'false' },
  ],
});
