/**
 * The first record of CSV data as the Rust `csv` crate reads it (no headers, RFC 4180 quoting with
 * doubled quotes, `\r`, `\n` or `\r\n` ending a record, empty lines skipped, a leading UTF-8 BOM
 * dropped). Fields are raw bytes: text after a closing quote is kept, an unterminated quote runs to
 * the end of the input.
 */
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const enum State {
  StartRecord,
  StartField,
  InField,
  InQuotedField,
  QuoteInQuote,
}

/** The fields of the first record, or `null` when the input has no record. */
export function firstCsvRecord(input: Uint8Array, delimiter: number): Uint8Array[] | null {
  let i = 0;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) i = 3;
  const fields: Uint8Array[] = [];
  let field: number[] = [];
  let state = State.StartRecord;
  const endField = (): void => {
    fields.push(Uint8Array.from(field));
    field = [];
  };
  for (; i < input.length; i++) {
    const b = input[i]!;
    const terminator = b === CR || b === LF;
    switch (state) {
      case State.StartRecord:
      case State.StartField:
        if (state === State.StartRecord) {
          if (terminator) continue;
          state = State.StartField;
        }
        if (b === QUOTE) state = State.InQuotedField;
        else if (b === delimiter) endField();
        else if (terminator) {
          endField();
          return fields;
        } else {
          field.push(b);
          state = State.InField;
        }
        break;
      case State.InField:
        if (b === delimiter) {
          endField();
          state = State.StartField;
        } else if (terminator) {
          endField();
          return fields;
        } else field.push(b);
        break;
      case State.InQuotedField:
        if (b === QUOTE) state = State.QuoteInQuote;
        else field.push(b);
        break;
      case State.QuoteInQuote:
        if (b === QUOTE) {
          field.push(b);
          state = State.InQuotedField;
        } else if (b === delimiter) {
          endField();
          state = State.StartField;
        } else if (terminator) {
          endField();
          return fields;
        } else {
          field.push(b);
          state = State.InField;
        }
        break;
    }
  }
  if (state === State.StartRecord) return null;
  endField();
  return fields;
}
