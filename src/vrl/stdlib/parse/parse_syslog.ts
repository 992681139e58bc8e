import { required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { VrlError } from '../../value/errors.js';
import { setField } from '../../value/object.js';
import { VrlTimestamp, type Value, type ValueObject } from '../../value/value.js';
import { civilFromDays } from '../../time/index.js';
import { textOf } from './args.js';
import { contextZone } from './local-time.js';
import { rustTrim } from './nom-error.js';
import { parseSyslogMessage, unescapeParam, type SyslogMessage } from './syslog.js';

export const SYSLOG_KIND = Kind.object({
  message: Kind.bytes(),
  hostname: Kind.bytes().orNull(),
  severity: Kind.bytes().orNull(),
  facility: Kind.bytes().orNull(),
  appname: Kind.bytes().orNull(),
  msgid: Kind.bytes().orNull(),
  timestamp: Kind.timestamp().orNull(),
  procid: Kind.bytes().or(Kind.integer()).orNull(),
  version: Kind.integer().orNull(),
});

/** The year for a date without one: last year for a December date read in January, else this year. */
export function resolveYear(month: number, now: Date = new Date()): number {
  const days = Math.floor(now.getTime() / 86_400_000);
  const today = civilFromDays(days);
  return today.month === 1 && month === 12 ? today.year - 1 : today.year;
}

const I32_MIN = -2147483648n;
const I32_MAX = 2147483647n;

/** Rust's `str::parse::<i32>()` → integer, else the text. */
function procidValue(text: string): Value {
  if (/^[+-]?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n >= I32_MIN && n <= I32_MAX) return n;
  }
  return text;
}

export function syslogToValue(m: SyslogMessage): ValueObject {
  const out: ValueObject = {};
  out.message = m.msg;
  if (m.hostname !== null) out.hostname = m.hostname;
  if (m.severity !== null) out.severity = m.severity;
  if (m.facility !== null) out.facility = m.facility;
  if (m.version !== null) out.version = BigInt(m.version);
  if (m.appname !== null) out.appname = m.appname;
  if (m.msgid !== null) out.msgid = m.msgid;
  out.timestamp = new VrlTimestamp(m.timestamp);
  if (m.procid !== null) out.procid = procidValue(m.procid);
  for (const element of m.structuredData) {
    const data: ValueObject = {};
    for (const [name, raw] of element.params) setField(data, name, unescapeParam(raw));
    setField(out, element.id, data);
  }
  return out;
}

export const parse_syslog: FunctionDef = {
  name: 'parse_syslog',
  parameters: [required('value', K.BYTES)],
  compile(_args, ctx) {
    const zone = ctx.timezone === 'local' ? null : contextZone(ctx.timezone);
    return {
      kind: SYSLOG_KIND,
      fallible: true,
      pure: false,
      call: (value: Value | undefined) => {
        const parsed = parseSyslogMessage(rustTrim(textOf(value)), {
          resolveYear: (month) => resolveYear(month),
          zone,
        });
        if (!parsed) throw new VrlError('unable to parse input as valid syslog message');
        return syslogToValue(parsed);
      },
    };
  },
  examples: [
    {
      title: 'Parse Syslog log (5424)',
      source: `parse_syslog!(s'<13>1 2020-03-13T20:45:38.119Z dynamicwireless.name non 2426 ID931 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"] Try to override the THX port, maybe it will reboot the neural interface!')`,
      result: `{
  "appname": "non",
  "exampleSDID@32473": { "eventID": "1011", "eventSource": "Application", "iut": "3" },
  "facility": "user",
  "hostname": "dynamicwireless.name",
  "message": "Try to override the THX port, maybe it will reboot the neural interface!",
  "msgid": "ID931",
  "procid": 2426,
  "severity": "notice",
  "timestamp": t'2020-03-13T20:45:38.119Z',
  "version": 1
}`,
    },
  ],
};
