/**
 * Time zones for VRL's `timezone` arguments.
 *
 * VRL accepts an IANA (TZ database) name or `local`. We resolve IANA names through `Intl.DateTimeFormat`
 * (Node's bundled ICU tz data), computing the UTC offset at an instant from the formatted wall-clock fields.
 * `local` means the server's local zone in Vector; Lakewatch runs in UTC server contexts, so `local` is UTC
 * here (deliberately not the host's `TZ`, so results are reproducible).
 */
import { ChronoParseError, unknownTimeZone } from './errors.js';
import { civilToEpochSeconds } from './timestamp.js';

export interface TimeZone {
  /** The name as given (`UTC` for the default zone). */
  readonly name: string;
  /** IANA zone id to pass to Intl, or `null` for UTC. */
  readonly iana: string | null;
}

export const UTC_ZONE: TimeZone = { name: 'UTC', iana: null };

const zones = new Map<string, TimeZone>();
const formatters = new Map<string, Intl.DateTimeFormat>();
const nameFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 10_000;

function formatterFor(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(iana, f);
  }
  return f;
}

/**
 * Resolve a VRL `timezone` argument. Throws `unable to parse timezone: <name>` for unknown names. IANA
 * names are matched as Intl matches them (case-insensitively); numeric offsets such as `+01:00` are
 * rejected like chrono-tz does.
 */
export function resolveTimeZone(name: string | undefined | null): TimeZone {
  if (name === undefined || name === null) return UTC_ZONE;
  if (name === 'local' || name === 'UTC') return { name, iana: null };
  if (name.trim() === '' || /^[+\-\u2212\d]/.test(name)) throw unknownTimeZone(name);
  const cached = zones.get(name);
  if (cached) return cached;
  let zone: TimeZone;
  try {
    const iana = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    zone = iana === 'UTC' || iana === 'Etc/UTC' ? { name, iana: null } : { name, iana };
    if (zone.iana !== null) formatterFor(zone.iana);
  } catch {
    throw unknownTimeZone(name);
  }
  if (zones.size >= 1000) zones.clear();
  zones.set(name, zone);
  return zone;
}

/** Max |ms| a JS Date can hold. */
const DATE_LIMIT_SECONDS = 8.64e12;

/** The zone's UTC offset in seconds at the given instant (local = UTC + offset). */
export function offsetAt(zone: TimeZone, epochSeconds: number): number {
  if (zone.iana === null) return 0;
  // Outside the Date range, use the offset at the nearest representable instant.
  const at = Math.max(-DATE_LIMIT_SECONDS + 86_400, Math.min(DATE_LIMIT_SECONDS - 86_400, epochSeconds));
  const key = `${zone.iana}@${at}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts = formatterFor(zone.iana).formatToParts(new Date(at * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value ?? 'AD';
  const yearOfEra = get('year');
  const year = era === 'BC' || era === 'B' ? 1 - yearOfEra : yearOfEra;
  const local = civilToEpochSeconds({
    year,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  });
  const offset = local - at;
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/**
 * The UTC instant (epoch seconds) of a local wall-clock time, following chrono's
 * `Parsed::to_datetime_with_timezone`: a wall time skipped by a DST gap is `Impossible`, one repeated by a
 * DST fold is ambiguous and therefore `NotEnough` (chrono refuses to guess).
 */
export function localToUtcSeconds(zone: TimeZone, localSeconds: number): number {
  if (zone.iana === null) return localSeconds;
  const candidates = new Set<number>();
  for (const probe of [localSeconds - 86_400, localSeconds, localSeconds + 86_400]) {
    const utc = localSeconds - offsetAt(zone, probe);
    if (offsetAt(zone, utc) === localSeconds - utc) candidates.add(utc);
  }
  if (candidates.size === 0) throw new ChronoParseError('Impossible');
  if (candidates.size > 1) throw new ChronoParseError('NotEnough');
  return [...candidates][0] as number;
}

/**
 * The zone abbreviation chrono-tz would print for `%Z`: `UTC` for UTC, Intl's short name when it is an
 * alphabetic abbreviation (e.g. `EST`, `EDT`), otherwise the tzdb numeric style (`+01`, `+0530`).
 * Intl's English data lacks some abbreviations chrono-tz has (e.g. `CET`), where we fall back to numeric.
 */
export function zoneAbbreviation(zone: TimeZone, epochSeconds: number, offsetSeconds: number): string {
  if (zone.iana === null) return 'UTC';
  try {
    let f = nameFormatters.get(zone.iana);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone.iana, timeZoneName: 'short' });
      nameFormatters.set(zone.iana, f);
    }
    const parts = f.formatToParts(new Date(epochSeconds * 1000));
    const short = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(short)) return short;
  } catch {
    // fall through to the numeric form
  }
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = Math.floor(abs / 60) % 60;
  return mm === 0 ? `${sign}${hh}` : `${sign}${hh}${String(mm).padStart(2, '0')}`;
}
