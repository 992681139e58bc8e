/** klog/glog lines (`Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`), shared by `parse_klog` and `parse_glog`. */
import { CHRONO_PARSE_MESSAGES, parseTimestamp, TimeFormatError } from '../../time/index.js';
import { VrlError } from '../../value/errors.js';
import { VrlTimestamp, type ValueObject } from '../../value/value.js';
import { pike, type PikeRegex } from './pike.js';

const TAIL = '\\s+(?P<id>\\d+)\\s(?P<file>.+):(?P<line>\\d+)\\]\\s(?P<message>.*?)\\s*$';

export const KLOG: PikeRegex = pike(
  `^\\s*(?P<level>\\w)(?P<timestamp>(?P<month>\\d{2})\\d{2}\\s\\d{2}:\\d{2}:\\d{2}\\.\\d{6})${TAIL}`,
);
export const GLOG: PikeRegex = pike(
  `^\\s*(?P<level>\\w)(?P<timestamp>\\d{4}\\d{2}\\d{2}\\s\\d{2}:\\d{2}:\\d{2}\\.\\d{6})${TAIL}`,
);

const LEVELS: Record<string, string> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };
const I64_MAX = 2n ** 63n - 1n;

function integer(text: string, what: string): bigint {
  if (/^[+-]?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n <= I64_MAX && n >= -I64_MAX - 1n) return n;
  }
  throw new VrlError(`failed parsing ${what}`);
}

/**
 * Parses a klog (`yearOf` given: the year is not in the line) or glog line; `kind` names the format
 * in the no-match error.
 */
export function parseGlogLine(
  line: string,
  regex: PikeRegex,
  kind: string,
  yearOf?: (month: string) => number,
): ValueObject {
  const caps = regex.exec(line);
  if (!caps) throw new VrlError(`failed parsing ${kind} message`);
  const group = (name: string): string | undefined => {
    const i = regex.names.indexOf(name);
    return caps[i * 2]! < 0 ? undefined : line.slice(caps[i * 2], caps[i * 2 + 1]);
  };
  const out: ValueObject = {};
  const level = group('level')!;
  const name = LEVELS[level];
  if (name === undefined) throw new VrlError(`unrecognized log level "${level}"`);
  out.level = name;
  const timestamp = group('timestamp')!;
  const text = yearOf ? `${yearOf(group('month')!)}${timestamp}` : timestamp;
  try {
    out.timestamp = new VrlTimestamp(parseTimestamp(text, '%Y%m%d %H:%M:%S%.f', 'UTC'));
  } catch (e) {
    if (e instanceof TimeFormatError) {
      throw new VrlError(
        `failed parsing timestamp ${timestamp}: ${CHRONO_PARSE_MESSAGES[e.parseKind ?? 'Invalid']}`,
      );
    }
    throw e;
  }
  out.id = integer(group('id')!, 'id');
  out.file = group('file')!;
  out.line = integer(group('line')!, 'line');
  out.message = group('message')!;
  return out;
}
