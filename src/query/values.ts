/**
 * DuckDB values → JSON-safe values: integers stay numbers while exact (beyond ±2^53 they
 * become strings), timestamps become RFC 3339 strings in UTC, everything else follows the
 * node API's Json converter (decimals, UUIDs, dates as strings; structs as objects; maps as
 * `[{key, value}]`).
 */
import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBValueConverter,
  type Json,
} from '@duckdb/node-api';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MICROS_PER_SECOND = 1_000_000n;

type Special = (value: DuckDBValue) => Json;

const SPECIAL: Partial<Record<DuckDBTypeId, Special>> = {
  [DuckDBTypeId.BIGINT]: integer,
  [DuckDBTypeId.UBIGINT]: integer,
  [DuckDBTypeId.HUGEINT]: integer,
  [DuckDBTypeId.UHUGEINT]: integer,
  [DuckDBTypeId.TIMESTAMP]: (v) => timestamp(v, 1n),
  [DuckDBTypeId.TIMESTAMP_TZ]: (v) => timestamp(v, 1n),
  [DuckDBTypeId.TIMESTAMP_S]: (v) => timestamp(v, 1_000_000n),
  [DuckDBTypeId.TIMESTAMP_MS]: (v) => timestamp(v, 1_000n),
  [DuckDBTypeId.TIMESTAMP_NS]: (v) => timestamp(v, 0n),
};

export const jsonSafeConverter: DuckDBValueConverter<Json> = (
  value: DuckDBValue,
  type: DuckDBType,
  _converter: DuckDBValueConverter<Json>,
) => {
  if (value === null || value === undefined) return null;
  const special = SPECIAL[type.typeId];
  if (special) return special(value);
  return JsonDuckDBValueConverter(value, type, jsonSafeConverter);
};

function integer(value: DuckDBValue): Json {
  if (typeof value !== 'bigint') return String(value);
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
}

/** `scale`: micros per unit of the stored value; 0 marks nanoseconds. */
function timestamp(value: DuckDBValue, scale: bigint): Json {
  const raw =
    typeof value === 'object' && value !== null && 'micros' in value
      ? (value as { micros: bigint }).micros
      : typeof value === 'object' && value !== null && 'millis' in value
        ? (value as { millis: bigint }).millis
        : typeof value === 'object' && value !== null && 'seconds' in value
          ? (value as { seconds: bigint }).seconds
          : typeof value === 'object' && value !== null && 'nanos' in value
            ? (value as { nanos: bigint }).nanos
            : null;
  if (typeof raw !== 'bigint') return String(value);
  let micros: bigint;
  let nanosExtra = 0n;
  if (scale === 0n) {
    micros = floorDiv(raw, 1000n);
    nanosExtra = raw - micros * 1000n;
  } else {
    micros = raw * scale;
  }
  return rfc3339(micros, nanosExtra) ?? String(value);
}

/** `2024-05-01T12:00:00.123456Z`; fraction omitted when zero. Null outside Date's range. */
export function rfc3339(micros: bigint, nanosExtra = 0n): string | null {
  const seconds = floorDiv(micros, MICROS_PER_SECOND);
  const fraction = micros - seconds * MICROS_PER_SECOND;
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  const base = new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
  let frac = '';
  if (fraction !== 0n || nanosExtra !== 0n) {
    frac =
      '.' +
      fraction.toString().padStart(6, '0') +
      (nanosExtra !== 0n ? nanosExtra.toString().padStart(3, '0') : '');
    frac = frac.replace(/0+$/, '');
  }
  return `${base}${frac}Z`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
