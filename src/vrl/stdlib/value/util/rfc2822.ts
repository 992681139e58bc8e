/** RFC 2822 date-times as chrono's `DateTime::parse_from_rfc2822` reads them (`Tue, 1 Jul 2003 10:52:37 +0200`). */
import { daysInMonth, fromCivil } from '../../../time/index.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  ut: 0,
  gmt: 0,
  z: 0,
  edt: -4,
  est: -5,
  cdt: -5,
  cst: -6,
  mdt: -6,
  mst: -7,
  pdt: -7,
  pst: -8,
};

const RE =
  /^\s*(?:(mon|tue|wed|thu|fri|sat|sun)\s*,\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2,4})\s+(\d{2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s+([+-]\d{4}|[a-z]{1,5})\s*$/i;

export function parseRfc2822(text: string): bigint {
  const m = RE.exec(text);
  if (!m) throw new Error('invalid RFC 2822 date-time');
  const [, , d, mon, y, h, mi, s, zone] = m as unknown as string[];
  const month = MONTHS.indexOf(mon!.toLowerCase()) + 1;
  if (month === 0) throw new Error('invalid month');
  let year = Number(y);
  if (y!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (y!.length === 3) year += 1900;
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    throw new Error('out of range');
  }
  let offset: number;
  if (/^[+-]\d{4}$/.test(zone!)) {
    const sign = zone![0] === '-' ? -1 : 1;
    offset = sign * (Number(zone!.slice(1, 3)) * 3600 + Number(zone!.slice(3, 5)) * 60);
  } else {
    const known = ZONES[zone!.toLowerCase()];
    offset = known === undefined ? 0 : known * 3600; // military and unknown zones read as -0000
  }
  return fromCivil({ year, month, day, hour, minute, second: Math.min(second, 59), nanosecond: 0 }, offset);
}
