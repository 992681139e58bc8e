/**
 * Access/error log formats shared by `parse_common_log`, `parse_apache_log` and `parse_nginx_log`:
 * the line patterns (run on the linear-time Pike VM, so hostile lines cannot backtrack), and turning
 * named captures into typed fields (timestamps, integers, floats) with VRL's error texts.
 */
import { parseTimestamp, TimeFormatError, CHRONO_PARSE_MESSAGES } from '../../time/index.js';
import { formatHasZone } from '../../time/items.js';
import { VrlError } from '../../value/errors.js';
import { setField } from '../../value/object.js';
import { VrlTimestamp, type Value, type ValueObject } from '../../value/value.js';
import { pike, type PikeRegex } from './pike.js';

const ANY = '[\\s\\S]';

/** A request line, or anything up to the closing quote. */
const REQUEST = `(-|"(-|(\\s*(?P<message>((?P<method>\\w+)\\s+(?P<path>${ANY}*?)\\s+(?P<protocol>${ANY}*?)\\s*|${ANY}*?))\\s*))")`;
const CLF_PREFIX =
  '^\\s*(-|(?P<host>.*?))\\s+(-|(?P<identity>.*?))\\s+(-|(?P<user>.*?))\\s+(-|\\[(-|(?P<timestamp>[^\\[]*))\\])\\s+' +
  `${REQUEST}\\s+(-|(?P<status>\\d+))\\s+(-|(?P<size>\\d+))`;
const QUOTED = (name: string): string => `(-|"(-|(\\s*(?P<${name}>${ANY}*?)")))`;

export const APACHE_COMMON: readonly PikeRegex[] = [pike(`${CLF_PREFIX}\\s*$`)];

export const APACHE_COMBINED: readonly PikeRegex[] = [
  pike(`${CLF_PREFIX}\\s+${QUOTED('referrer')}\\s+${QUOTED('agent')}`),
];

export const APACHE_ERROR: readonly PikeRegex[] = [
  pike(
    '^\\s*(-|\\[(-|(?P<timestamp>[^\\[]*))\\])\\s+' +
      '(-|\\[(-|(?P<module>[^:]*):(?P<severity>[^\\[]*))\\])\\s+' +
      '(-|\\[\\s*pid\\s*(-|(?P<pid>[^:]*)(:\\s*tid\\s*(?P<thread>[^\\[]*))?)\\])\\s' +
      '(-|\\[\\s*client\\s*(-|(?P<client>.*:?):(?P<port>[^\\[]*))\\])\\s' +
      '(-|(?P<message>.*))\\s*$',
  ),
  pike(
    '^\\s*\\[(?P<timestamp>[^\\]]+)\\]\\s+' +
      '\\[(-|(?P<module>[^:]+)):(?P<severity>[^\\]]+)\\]\\s+' +
      '\\[pid\\s+(?P<pid>\\d+)(:tid\\s+(?P<thread>\\d+))?\\]\\s+' +
      '(?P<message1>[^\\[]*?:\\s+([^\\[]*?:\\s+)?)?' +
      '(\\[client\\s+(?P<client>.+?):(?P<port>\\d+)\\]\\s+)?' +
      '(?P<message2>.*)(, referer .*)?\\s*$',
  ),
];

export const NGINX_COMBINED: PikeRegex = pike(
  '^\\s*(-|(?P<client>\\S+))\\s+\\-\\s+(-|(?P<user>\\S+))\\s+\\[(?P<timestamp>.+)\\]\\s+' +
    '"(?P<request>[^"]*)"\\s+(?P<status>\\d+)\\s+(?P<size>\\d+)\\s+"(?P<referer>[^"]*)"\\s+"(?P<agent>[^"]*)"' +
    '(\\s+"(-|(?P<compression>[^"]+))")?\\s*$',
);

export const NGINX_INGRESS_UPSTREAMINFO: PikeRegex = pike(
  '^\\s*(-|(?P<remote_addr>\\S+))\\s+\\-\\s+(-|(?P<remote_user>\\S+))\\s+\\[(?P<timestamp>[^\\]]+)\\]\\s+' +
    '"(?P<request>[^"]*)"\\s+(?P<status>\\d+)\\s+(?P<body_bytes_size>\\d+)\\s+' +
    '"(-|(?P<http_referer>[^"]*))"\\s+"(-|(?P<http_user_agent>[^"]+))"\\s+' +
    '(?P<request_length>\\d+)\\s+(?P<request_time>\\d+\\.\\d+)\\s+' +
    '\\[(?P<proxy_upstream_name>[^\\]]+)\\]\\s+\\[(?P<proxy_alternative_upstream_name>[^\\]]+)?\\]\\s+' +
    '(?P<upstream_addr>\\S+)\\s+(-|(?P<upstream_response_length>\\d+))\\s+' +
    '(-|(?P<upstream_response_time>\\d+\\.\\d+))\\s+(-|(?P<upstream_status>\\d+))\\s+(?P<req_id>\\S+)\\s*$',
);

export const NGINX_MAIN: PikeRegex = pike(
  '^\\s*(-|(?P<remote_addr>\\S+))\\s+\\-\\s+(-|(?P<remote_user>\\S+))\\s+\\[(?P<timestamp>[^\\]]+)\\]\\s+' +
    '"(?P<request>[^"]*)"\\s+(?P<status>\\d+)\\s+(?P<body_bytes_size>\\d+)\\s+' +
    '"(-|(?P<http_referer>[^"]*))"\\s+"(-|(?P<http_user_agent>[^"]+))"\\s+"(-|(?P<http_x_forwarded_for>[^"]+))"\\s*$',
);

export const NGINX_ERROR: PikeRegex = pike(
  '^\\s*(?P<timestamp>.+)\\s+\\[(?P<severity>\\w+)\\]\\s+(?P<pid>\\d+)#(?P<tid>\\d+):(\\s+\\*(?P<cid>\\d+))?' +
    '\\s+(?P<message>.+?)' +
    '(,\\s+excess:\\s+(?P<excess>[^\\s,]+),?\\sby\\szone\\s"(?P<zone>[^,]+)")?' +
    '(,\\s+client:\\s+(?P<client>[^,]+))?' +
    '(,\\s+server:\\s+(?P<server>[^,]*))?' +
    '(,\\s+request:\\s+"(?P<request>[^"]*)")?' +
    '(,\\s+upstream:\\s+"(?P<upstream>[^"]*)")?' +
    '(,\\s+host:\\s+"(?P<host>[^"]*)")?' +
    '(,\\s+refer?rer:\\s+"(?P<referer>[^"]*)")?\\s*$',
);

const INTEGER_FIELDS = new Set([
  'status',
  'size',
  'pid',
  'tid',
  'cid',
  'port',
  'body_bytes_size',
  'request_length',
  'upstream_response_length',
  'upstream_status',
]);
const FLOAT_FIELDS = new Set(['excess', 'request_time', 'upstream_response_time']);

const I64_MAX = 2n ** 63n - 1n;

/** Rust's `str::parse::<i64>()`. */
function parseI64(text: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  const n = BigInt(text);
  return n > I64_MAX || n < -I64_MAX - 1n ? null : n;
}

/** Rust's `str::parse::<f64>()` for the digit strings these patterns capture. */
function parseF64(text: string): number | null {
  if (!/^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text)) return null;
  return Number(text);
}

const RESOLUTION_ERRORS = new Set(['Impossible', 'OutOfRange', 'NotEnough']);

/**
 * True when the text itself was read (so a failure came from turning the fields into an instant, not
 * from a field out of its range): with one more character, reading then stops at "trailing input".
 */
function readsWhole(text: string, format: string, timezone: string): boolean {
  try {
    parseTimestamp(`${text}\u0001`, format, timezone);
    return true;
  } catch (e) {
    return e instanceof TimeFormatError && e.parseKind === 'TooLong';
  }
}

/**
 * A timestamp field: the zone from the text when the format has one, else the program zone. The
 * error is the one of VRL's last attempt (`DateTime::parse_from_str`), which needs an offset: without
 * a zone in the format, any failure after the text was read is "not enough".
 */
export function logTimestamp(text: string, format: string, timezone: string): VrlTimestamp {
  try {
    return new VrlTimestamp(parseTimestamp(text, format, timezone));
  } catch (e) {
    if (e instanceof TimeFormatError) {
      let kind = e.parseKind ?? 'BadFormat';
      if (RESOLUTION_ERRORS.has(kind) && !formatHasZone(format) && readsWhole(text, format, timezone))
        kind = 'NotEnough';
      throw new VrlError(
        `failed parsing timestamp ${text} using format ${format}: ${CHRONO_PARSE_MESSAGES[kind]}`,
      );
    }
    throw e;
  }
}

function fieldValue(name: string, text: string, format: string, timezone: string): Value {
  if (name === 'timestamp') return logTimestamp(text, format, timezone);
  if (INTEGER_FIELDS.has(name)) {
    const n = parseI64(text);
    if (n === null) throw new VrlError(`failed parsing ${name}`);
    return n;
  }
  if (FLOAT_FIELDS.has(name)) {
    const f = parseF64(text);
    if (f === null) throw new VrlError(`failed parsing ${name}`);
    return f;
  }
  return text;
}

/** Named captures of the first matching pattern as typed fields, or `null` when none matches. */
export function matchLogLine(
  patterns: readonly PikeRegex[],
  line: string,
  timestampFormat: string,
  timezone: string,
): ValueObject | null {
  for (const regex of patterns) {
    const caps = regex.exec(line);
    if (!caps) continue;
    const out: ValueObject = {};
    regex.names.forEach((name, i) => {
      if (name === null || caps[i * 2]! < 0) return;
      setField(
        out,
        name,
        fieldValue(name, line.slice(caps[i * 2], caps[i * 2 + 1]), timestampFormat, timezone),
      );
    });
    return out;
  }
  return null;
}
