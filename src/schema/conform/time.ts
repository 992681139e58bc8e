/**
 * Date, time and timestamp parsing into Iceberg's integer representations.
 *
 * Timestamps become integral microseconds since 1970-01-01T00:00:00Z. Accepted:
 *  - RFC 3339 / ISO 8601 strings: `2024-05-01T12:00:00Z`, `…+02:00`, `…+0200`, `…+02`,
 *    `T` or a space between date and time, seconds optional, fractional seconds with
 *    `.` or `,` and any number of digits (digits past microseconds are truncated);
 *    no zone means UTC (`2024-05-01 12:00:00`); a bare date means its midnight UTC.
 *  - epoch numbers (or numeric strings), unit chosen by magnitude of the absolute value:
 *      < 1e11 → seconds (up to year 5138; fractions kept to the microsecond)
 *      < 1e14 → milliseconds, < 1e17 → microseconds, otherwise nanoseconds.
 *    (So millisecond values before March 1973 read as seconds: the usual ambiguity.)
 *  - `Date` objects.
 * Results beyond ±2^53 µs (years after ~2255 or before ~1685) are rejected, since the
 * runtime representation is a JS number.
 */

export const FAIL: unique symbol = Symbol('conform.fail');
export type Fail = typeof FAIL;

/** Extra detail for the last failure, read by the caller when building the reason. */
export let failDetail = '';
export function setFailDetail(d: string): Fail {
  failDetail = d;
  return FAIL;
}
export function clearFailDetail(): void {
  failDetail = '';
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's algorithm. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!;
  return d <= max;
}

const TS_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;
const NUM_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT_RE = /^[+-]?\d+$/;

/** First 6 fraction digits as microseconds (sub-microsecond digits truncated). */
function fracMicros(f: string | undefined): number {
  if (!f) return 0;
  let us = 0;
  for (let i = 0; i < 6; i++) us = us * 10 + (i < f.length ? f.charCodeAt(i) - 48 : 0);
  return us;
}

/** Two ASCII digits at `i`, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Fast path for the common shape `YYYY-MM-DDTHH:MM:SS[.f…]Z` (what most log sources emit);
 * returns `undefined` for anything else, which then goes through the full regex.
 */
function fastUtcTimestamp(s: string): number | Fail | undefined {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 0x5a /* Z */ || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d)
    return undefined;
  const t = s.charCodeAt(10);
  if ((t !== 0x54 && t !== 0x20) || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return undefined;
  const y1 = d2(s, 0);
  const y2 = d2(s, 2);
  const mo = d2(s, 5);
  const d = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const sec = d2(s, 17);
  if ((y1 | y2 | mo | d | h | mi | sec) < 0) return undefined;
  let us = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 0x2e /* . */ || n === 21) return undefined;
    let digits = 0;
    for (let i = 20; i < n - 1; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      if (digits < 6) us = us * 10 + c;
      digits++;
    }
    for (; digits < 6; digits++) us *= 10;
  }
  const y = y1 * 100 + y2;
  if (!validDate(y, mo, d)) return setFailDetail('invalid date');
  if (h > 23 || mi > 59 || sec > 60) return setFailDetail('invalid time of day');
  return checkSafe((daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) * 1e6 + us);
}

function checkSafe(us: number): number | Fail {
  if (!Number.isFinite(us) || us > Number.MAX_SAFE_INTEGER || us < -Number.MAX_SAFE_INTEGER) {
    return setFailDetail('out of range');
  }
  return us;
}

/** Epoch number → microseconds, unit by magnitude (see the header). */
export function epochToMicros(v: number): number | Fail {
  if (!Number.isFinite(v)) return setFailDetail('not a finite number');
  const a = Math.abs(v);
  let us: number;
  if (a < 1e11) us = Math.round(v * 1e6);
  else if (a < 1e14) us = Math.round(v * 1e3);
  else if (a < 1e17) us = Math.round(v);
  else us = Math.floor(v / 1e3);
  return checkSafe(us);
}

function epochBigToMicros(v: bigint): number | Fail {
  const a = v < 0n ? -v : v;
  let us: bigint;
  if (a < 100_000_000_000n) us = v * 1_000_000n;
  else if (a < 100_000_000_000_000n) us = v * 1_000n;
  else if (a < 100_000_000_000_000_000n) us = v;
  else us = v / 1_000n;
  if (us > BigInt(Number.MAX_SAFE_INTEGER) || us < -BigInt(Number.MAX_SAFE_INTEGER))
    return setFailDetail('out of range');
  return Number(us);
}

export function parseTimestampString(s: string): number | Fail {
  const fast = fastUtcTimestamp(s);
  if (fast !== undefined) return fast;
  const m = TS_RE.exec(s);
  if (m === null) {
    const t = s.trim();
    if (INT_RE.test(t)) return t.length > 15 ? epochBigToMicros(BigInt(t)) : epochToMicros(Number(t));
    if (NUM_RE.test(t)) return epochToMicros(Number(t));
    return setFailDetail('not an RFC 3339 timestamp or epoch number');
  }
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  if (!validDate(y, mo, d)) return setFailDetail('invalid date');
  let secs = daysFromCivil(y, mo, d) * 86400;
  let frac = 0;
  if (m[4] !== undefined) {
    const h = +m[4];
    const mi = +m[5]!;
    const sec = m[6] === undefined ? 0 : +m[6];
    if (h > 23 || mi > 59 || sec > 60) return setFailDetail('invalid time of day');
    secs += h * 3600 + mi * 60 + sec;
    frac = fracMicros(m[7]);
    const z = m[8];
    if (z !== undefined && z !== 'Z' && z !== 'z' && z !== 'UTC' && z !== 'GMT') {
      const sign = z[0] === '-' ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      const oh = +digits.slice(0, 2);
      const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
      if (oh > 23 || om > 59) return setFailDetail('invalid zone offset');
      secs -= sign * (oh * 3600 + om * 60);
    }
  }
  return checkSafe(secs * 1e6 + frac);
}

export function toTimestampMicros(v: unknown): number | Fail {
  switch (typeof v) {
    case 'string':
      return parseTimestampString(v);
    case 'number':
      return epochToMicros(v);
    case 'bigint':
      return epochBigToMicros(v);
    case 'object':
      if (v instanceof Date) {
        const ms = v.getTime();
        return Number.isNaN(ms) ? setFailDetail('invalid Date') : checkSafe(ms * 1000);
      }
      return FAIL;
    default:
      return FAIL;
  }
}

/** `YYYY-MM-DD` (or a Date) → days since 1970-01-01. */
export function toDateDays(v: unknown): number | Fail {
  if (typeof v === 'string') {
    const m = DATE_RE.exec(v);
    if (m === null) return setFailDetail('not a YYYY-MM-DD date');
    const y = +m[1]!;
    const mo = +m[2]!;
    const d = +m[3]!;
    if (!validDate(y, mo, d)) return setFailDetail('invalid date');
    return daysFromCivil(y, mo, d);
  }
  if (v instanceof Date) {
    const ms = v.getTime();
    return Number.isNaN(ms) ? setFailDetail('invalid Date') : Math.floor(ms / 86_400_000);
  }
  return FAIL;
}

/** `HH:MM[:SS[.ffffff]]` → microseconds since midnight. */
export function toTimeMicros(v: unknown): number | Fail {
  if (typeof v !== 'string') return FAIL;
  const m = TIME_RE.exec(v);
  if (m === null) return setFailDetail('not an HH:MM:SS time');
  const h = +m[1]!;
  const mi = +m[2]!;
  const s = m[3] === undefined ? 0 : +m[3];
  if (h > 23 || mi > 59 || s > 59) return setFailDetail('invalid time of day');
  return (h * 3600 + mi * 60 + s) * 1e6 + fracMicros(m[4]);
}
