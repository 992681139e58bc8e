/**
 * Partition transforms (spec "Partition Transforms"): result types, value semantics,
 * human-readable strings for partition paths, and range projection for pruning.
 */
import {
  bigintToMinBytes,
  decimalScale,
  decimalToUnscaled,
  toBytes,
  unscaledToDecimal,
} from './conversions.js';
import { murmur3x86_32 } from './murmur3.js';
import type { PrimitiveType, Transform } from './types.js';

const MICROS_PER_HOUR = 3_600_000_000;
const MICROS_PER_DAY = 86_400_000_000;
const TIME_TYPES = new Set<PrimitiveType>(['timestamp', 'timestamptz']);

export function parseTransform(t: string): { kind: string; param?: number } {
  const m = /^(bucket|truncate)\[(\d+)\]$/.exec(t);
  if (m) return { kind: m[1]!, param: Number(m[2]) };
  return { kind: t };
}

/** Whether `transform` can be applied to a source column of `type`; returns the reason if not. */
export function checkTransform(transform: Transform, type: PrimitiveType): string | null {
  const { kind, param } = parseTransform(transform);
  const isDecimal = decimalScale(type) !== undefined;
  switch (kind) {
    case 'identity':
    case 'void':
      return null;
    case 'year':
    case 'month':
    case 'day':
      return type === 'date' || TIME_TYPES.has(type)
        ? null
        : `${kind} needs a date or timestamp, not ${type}`;
    case 'hour':
      return TIME_TYPES.has(type) ? null : `hour needs a timestamp, not ${type}`;
    case 'bucket':
      if (!param || param <= 0) return 'bucket needs N > 0';
      return ['boolean', 'float', 'double'].includes(type) ? `bucket cannot apply to ${type}` : null;
    case 'truncate':
      if (!param || param <= 0) return 'truncate needs W > 0';
      return ['int', 'long', 'string', 'binary'].includes(type) || isDecimal
        ? null
        : `truncate cannot apply to ${type}`;
    default:
      return `unknown transform '${transform}'`;
  }
}

export function resultType(transform: Transform, source: PrimitiveType): PrimitiveType {
  const { kind } = parseTransform(transform);
  switch (kind) {
    case 'year':
    case 'month':
    case 'hour':
    case 'bucket':
      return 'int';
    case 'day':
      return 'date';
    default:
      return source;
  }
}

function microsOf(type: PrimitiveType, v: number | bigint): number {
  return type === 'date' ? Number(v) * MICROS_PER_DAY : Number(v);
}

function yearMonth(micros: number): { y: number; m: number } {
  const d = new Date(Math.floor(micros / 1000));
  return { y: d.getUTCFullYear() - 1970, m: d.getUTCMonth() };
}

/** Returns a function applying the transform to a runtime value (null → null). */
export function transformFn(transform: Transform, source: PrimitiveType): (v: unknown) => unknown {
  const { kind, param } = parseTransform(transform);
  switch (kind) {
    case 'identity':
      return (v) => v ?? null;
    case 'void':
      return () => null;
    case 'year':
      return (v) => (v == null ? null : yearMonth(microsOf(source, v as number)).y);
    case 'month':
      return (v) => {
        if (v == null) return null;
        const { y, m } = yearMonth(microsOf(source, v as number));
        return y * 12 + m;
      };
    case 'day':
      return (v) =>
        v == null ? null : source === 'date' ? Number(v) : Math.floor(Number(v) / MICROS_PER_DAY);
    case 'hour':
      return (v) => (v == null ? null : Math.floor(Number(v) / MICROS_PER_HOUR));
    case 'bucket': {
      const n = param!;
      return (v) => (v == null ? null : (murmur3x86_32(bucketBytes(source, v)) & 0x7fffffff) % n);
    }
    case 'truncate': {
      const w = param!;
      const scale = decimalScale(source);
      if (source === 'int')
        return (v) => (v == null ? null : (v as number) - ((((v as number) % w) + w) % w));
      if (source === 'long')
        return (v) => {
          if (v == null) return null;
          const b = BigInt(v as number);
          const r = b - (((b % BigInt(w)) + BigInt(w)) % BigInt(w));
          const n = Number(r);
          return Number.isSafeInteger(n) ? n : r;
        };
      if (source === 'string')
        return (v) =>
          v == null
            ? null
            : Array.from(v as string)
                .slice(0, w)
                .join('');
      if (source === 'binary') return (v) => (v == null ? null : (v as Uint8Array).slice(0, w));
      if (scale !== undefined)
        return (v) => {
          if (v == null) return null;
          const u = decimalToUnscaled(String(v), scale);
          const W = BigInt(w);
          return unscaledToDecimal(u - (((u % W) + W) % W), scale);
        };
      throw new Error(`truncate cannot apply to ${source}`);
    }
    default:
      throw new Error(`unknown transform '${transform}'`);
  }
}

/** Bytes hashed by the bucket transform (spec appendix B). */
function bucketBytes(type: PrimitiveType, v: unknown): Uint8Array {
  switch (type) {
    case 'int':
    case 'long':
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return toBytes('long', v);
    default: {
      const scale = decimalScale(type);
      if (scale !== undefined) return bigintToMinBytes(decimalToUnscaled(String(v), scale));
      return toBytes(type, v);
    }
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Human-readable partition value, as used in partition paths (`ts_hour=2024-01-01-10`). */
export function humanString(transform: Transform, resultTypeName: PrimitiveType, v: unknown): string {
  if (v === null || v === undefined) return 'null';
  const { kind } = parseTransform(transform);
  const n = Number(v);
  switch (kind) {
    case 'year':
      return String(1970 + n);
    case 'month':
      return `${1970 + Math.floor(n / 12)}-${pad((((n % 12) + 12) % 12) + 1)}`;
    case 'day':
      return new Date(n * 86_400_000).toISOString().slice(0, 10);
    case 'hour': {
      const d = new Date(n * 3_600_000);
      return `${d.toISOString().slice(0, 10)}-${pad(d.getUTCHours())}`;
    }
  }
  switch (resultTypeName) {
    case 'date':
      return new Date(n * 86_400_000).toISOString().slice(0, 10);
    case 'timestamp':
    case 'timestamptz': {
      const iso = new Date(Math.floor(n / 1000)).toISOString().slice(0, 19);
      const us = pad(((n % 1_000_000) + 1_000_000) % 1_000_000, 6);
      return `${iso}.${us}${resultTypeName === 'timestamptz' ? '+00:00' : ''}`;
    }
    case 'binary':
      return Buffer.from(v as Uint8Array).toString('base64');
    default:
      if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
      return String(v);
  }
}

/** True for transforms that preserve order (so a source range maps to a partition range). */
export function isOrderPreserving(transform: Transform): boolean {
  const { kind } = parseTransform(transform);
  return (
    kind === 'identity' ||
    kind === 'year' ||
    kind === 'month' ||
    kind === 'day' ||
    kind === 'hour' ||
    kind === 'truncate'
  );
}
