/**
 * Compiles a schema into a row encoder: conformed row (runtime representation, see
 * iceberg/types.ts) → one NDJSON line DuckDB's read_json parses with typed columns, while
 * collecting column metrics for primitive fields not under a list or map.
 */
import { compareStrings, decimalToUnscaled, decimalScale } from '../iceberg/conversions.js';
import { isPrimitive, type IcebergType, type PrimitiveType, type Schema } from '../iceberg/types.js';

export interface LeafStats {
  id: number;
  type: PrimitiveType;
  nulls: number;
  nans: number;
  min: unknown;
  max: unknown;
}

/** Column metrics of one file being buffered. */
export class FileMetrics {
  rows = 0;
  readonly leaves: LeafStats[];
  constructor(leafDefs: { id: number; type: PrimitiveType }[]) {
    this.leaves = leafDefs.map((d) => ({ ...d, nulls: 0, nans: 0, min: undefined, max: undefined }));
  }
}

type Enc = (v: unknown, m: FileMetrics | null) => string;

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad6 = (n: number) => (n >= 100_000 ? String(n) : String(n).padStart(6, '0'));

/** Code units where UTF-16 order differs from code point order (surrogates and above). */
const HIGH_UNITS = /[\ud800-\uffff]/;

let cachedSecond = NaN;
let cachedPrefix = '';

/** ISO-8601 with microseconds (`2024-01-01T10:00:00.123456Z`); the per-second prefix is cached. */
export function microsToIso(us: number, tz: boolean): string {
  const sec = Math.floor(us / 1_000_000);
  if (sec !== cachedSecond) {
    cachedPrefix = new Date(sec * 1000).toISOString().slice(0, 19);
    cachedSecond = sec;
  }
  const frac = us - sec * 1_000_000;
  return `${cachedPrefix}.${pad6(frac)}${tz ? 'Z' : ''}`;
}

function timeString(us: number): string {
  const s = Math.floor(us / 1_000_000);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${pad6(us % 1_000_000)}`;
}

function numberJson(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  const n = v as number;
  if (Number.isFinite(n)) return String(n);
  return Number.isNaN(n) ? '"NaN"' : n > 0 ? '"Infinity"' : '"-Infinity"';
}

/** Characters JSON must escape, plus surrogates (left to JSON.stringify's well-formed escaping). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringJson(v: unknown): string {
  const s = v as string;
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function bytesJson(v: unknown): string {
  const b = v as Uint8Array;
  let s = '';
  for (let i = 0; i < b.length; i++) s += '\\\\x' + (b[i]! < 16 ? '0' : '') + b[i]!.toString(16);
  return `"${s}"`;
}

function primitiveEncoder(type: PrimitiveType): (v: unknown) => string {
  switch (type) {
    case 'boolean':
      return (v) => (v ? 'true' : 'false');
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return numberJson;
    case 'date':
      return (v) => `"${new Date(Number(v) * 86_400_000).toISOString().slice(0, 10)}"`;
    case 'time':
      return (v) => `"${timeString(Number(v))}"`;
    case 'timestamp':
      return (v) => `"${microsToIso(Number(v), false)}"`;
    case 'timestamptz':
      return (v) => `"${microsToIso(Number(v), true)}"`;
    case 'string':
    case 'uuid':
      return stringJson;
    case 'binary':
      return bytesJson;
    default:
      if (type.startsWith('fixed')) return bytesJson;
      return (v) => JSON.stringify(String(v));
  }
}

/** Ordering used for bounds, on runtime values. */
function lessThan(type: PrimitiveType): (a: unknown, b: unknown) => boolean {
  if (type === 'string' || type === 'uuid') {
    // Native comparison equals code point order unless a string has units ≥ U+D800.
    return (a, b) =>
      HIGH_UNITS.test(a as string) || HIGH_UNITS.test(b as string)
        ? compareStrings(a as string, b as string) < 0
        : (a as string) < (b as string);
  }
  if (type === 'binary' || type.startsWith('fixed'))
    return (a, b) => Buffer.compare(a as Uint8Array, b as Uint8Array) < 0;
  const scale = decimalScale(type);
  if (scale !== undefined)
    return (a, b) => decimalToUnscaled(String(a), scale) < decimalToUnscaled(String(b), scale);
  if (type === 'boolean') return (a, b) => !a && !!b;
  return (a, b) => (a as number) < (b as number);
}

export interface CompiledEncoder {
  encode(row: Record<string, unknown>, metrics: FileMetrics): string;
  leafDefs: { id: number; type: PrimitiveType }[];
}

export function compileEncoder(schema: Schema): CompiledEncoder {
  const leafDefs: { id: number; type: PrimitiveType }[] = [];

  const build = (id: number, type: IcebergType, tracked: boolean): Enc => {
    if (isPrimitive(type)) {
      const enc = primitiveEncoder(type);
      if (!tracked) return (v) => (v === null || v === undefined ? 'null' : enc(v));
      const idx = leafDefs.length;
      leafDefs.push({ id, type });
      const lt = lessThan(type);
      const floating = type === 'float' || type === 'double';
      return (v, m) => {
        const s = m!.leaves[idx]!;
        if (v === null || v === undefined) {
          s.nulls++;
          return 'null';
        }
        if (floating && Number.isNaN(v)) {
          s.nans++;
          return enc(v);
        }
        if (s.min === undefined) {
          s.min = v;
          s.max = v;
        } else if (v !== s.min && v !== s.max) {
          if (lt(v, s.min)) s.min = v;
          else if (lt(s.max, v)) s.max = v;
        }
        return enc(v);
      };
    }
    switch (type.type) {
      case 'struct': {
        const fields = type.fields.map((f) => ({
          name: f.name,
          key: JSON.stringify(f.name) + ':',
          enc: build(f.id, f.type, tracked),
        }));
        const nullAll = (m: FileMetrics | null) => {
          if (tracked) for (const f of fields) f.enc(null, m);
        };
        return (v, m) => {
          if (v === null || v === undefined || typeof v !== 'object') {
            nullAll(m);
            return 'null';
          }
          const o = v as Record<string, unknown>;
          let out = '{';
          let first = true;
          for (const f of fields) {
            const x = o[f.name];
            const s = f.enc(x, m);
            if (s === 'null') continue;
            out += (first ? '' : ',') + f.key + s;
            first = false;
          }
          return out + '}';
        };
      }
      case 'list': {
        const el = build(type['element-id'], type.element, false);
        return (v) => {
          if (!Array.isArray(v)) return 'null';
          let out = '[';
          for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + el(v[i], null);
          return out + ']';
        };
      }
      case 'map': {
        const val = build(type['value-id'], type.value, false);
        const keyText =
          isPrimitive(type.key) && (type.key === 'binary' || type.key.startsWith('fixed'))
            ? (k: unknown) => JSON.parse(bytesJson(k)) as string
            : (k: unknown) => String(k);
        return (v) => {
          if (v === null || v === undefined) return 'null';
          const entries =
            v instanceof Map ? [...v.entries()] : typeof v === 'object' ? Object.entries(v as object) : null;
          if (!entries) return 'null';
          let out = '{';
          let first = true;
          for (const [k, x] of entries) {
            if (k === null || k === undefined) continue;
            out += (first ? '' : ',') + JSON.stringify(keyText(k)) + ':' + val(x, null);
            first = false;
          }
          return out + '}';
        };
      }
    }
  };

  const top = build(0, { type: 'struct', fields: schema.fields }, true);
  return {
    leafDefs,
    encode(row, metrics) {
      metrics.rows++;
      return top(row, metrics);
    },
  };
}
