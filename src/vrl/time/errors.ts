/**
 * Errors raised by the VRL time layer. Messages follow VRL (which wraps Rust chrono's `ParseError`
 * text) so that diagnostics read the same as in upstream Vector.
 */

/** chrono's `ParseErrorKind`, with its `Display` text. */
export const CHRONO_PARSE_MESSAGES = {
  OutOfRange: 'input is out of range',
  Impossible: 'no possible date and time matching input',
  NotEnough: 'input is not enough for unique date and time',
  Invalid: 'input contains invalid characters',
  TooShort: 'premature end of input',
  TooLong: 'trailing input',
  BadFormat: 'bad or unsupported format string',
} as const;

export type ChronoParseKind = keyof typeof CHRONO_PARSE_MESSAGES;

/** Which layer failed: a bad format string, an unknown time zone, unparsable input, or an out-of-range instant. */
export type TimeErrorKind = 'format' | 'timezone' | 'parse' | 'range';

export class TimeFormatError extends Error {
  constructor(
    message: string,
    readonly kind: TimeErrorKind,
    /** For `kind === 'parse'`: the chrono error kind. */
    readonly parseKind?: ChronoParseKind,
  ) {
    super(message);
    this.name = 'TimeFormatError';
  }
}

/** Internal: a chrono-style parse failure, wrapped into a `TimeFormatError` by `parseTimestamp`. */
export class ChronoParseError extends Error {
  constructor(readonly parseKind: ChronoParseKind) {
    super(CHRONO_PARSE_MESSAGES[parseKind]);
    this.name = 'ChronoParseError';
  }
}

/** VRL's `format_timestamp` error for a format string chrono rejects. */
export function invalidFormat(): TimeFormatError {
  return new TimeFormatError('invalid format', 'format');
}

/** VRL's error for an unknown `timezone` argument. */
export function unknownTimeZone(name: string): TimeFormatError {
  return new TimeFormatError(`unable to parse timezone: ${name}`, 'timezone');
}

/** VRL's `Conversion` error text: `Invalid timestamp "<input>": <chrono message>`. */
export function invalidTimestamp(input: string, parseKind: ChronoParseKind): TimeFormatError {
  return new TimeFormatError(
    `Invalid timestamp ${JSON.stringify(input)}: ${CHRONO_PARSE_MESSAGES[parseKind]}`,
    'parse',
    parseKind,
  );
}

export function outOfRange(what: string): TimeFormatError {
  return new TimeFormatError(`timestamp out of range: ${what}`, 'range');
}
