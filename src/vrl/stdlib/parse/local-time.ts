/** Wall-clock → instant conversions shared by the log parsers. */
import { offsetAt, resolveTimeZone, type TimeZone } from '../../time/index.js';

/** The program's default zone (`CompileContext.timezone`); `local` is UTC in Lakewatch. */
export function contextZone(timezone: string): TimeZone {
  try {
    return resolveTimeZone(timezone);
  } catch {
    return resolveTimeZone('UTC');
  }
}

/**
 * chrono's `TimeZone::from_local_datetime(..).earliest()`: the earliest UTC instant (epoch seconds)
 * showing this wall-clock time in `zone`, or `null` when a DST gap skips it.
 */
export function earliestLocal(zone: TimeZone, localSeconds: number): number | null {
  if (zone.iana === null) return localSeconds;
  let best: number | null = null;
  for (const probe of [localSeconds - 86_400, localSeconds, localSeconds + 86_400]) {
    const utc = localSeconds - offsetAt(zone, probe);
    if (offsetAt(zone, utc) === localSeconds - utc && (best === null || utc < best)) best = utc;
  }
  return best;
}
