import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { expectedKind, fromBytes, isBytes, kindDisplay, kindOf, toBytes } from '../../value/index.js';
import { bytesOf, fail } from './util.js';

const QUOTE = 0x22;

/** One CSV record as the `csv` crate writes it (quote only when necessary, `""` for a quote). */
function writeRecord(fields: Uint8Array[], delimiter: number): Uint8Array {
  const out: number[] = [];
  fields.forEach((field, i) => {
    if (i > 0) out.push(delimiter);
    const quote =
      (fields.length === 1 && field.length === 0) ||
      field.some((b) => b === delimiter || b === QUOTE || b === 0x0a || b === 0x0d);
    if (quote) out.push(QUOTE);
    for (const b of field) {
      if (b === QUOTE) out.push(QUOTE);
      out.push(b);
    }
    if (quote) out.push(QUOTE);
  });
  return Uint8Array.from(out);
}

export const encode_csv = defineFunction({
  name: 'encode_csv',
  parameters: [required('value', K.ANY), optional('delimiter', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, delimiter) => {
    if (!Array.isArray(value)) throw expectedKind('array', kindDisplay(kindOf(value ?? null)));
    const fields = value.map((item) => {
      if (!isBytes(item)) throw expectedKind('string', kindDisplay(kindOf(item)));
      return toBytes(item);
    });
    if (fields.length === 0) return '';
    const d = delimiter === undefined ? Uint8Array.of(0x2c) : bytesOf(delimiter);
    if (d.length !== 1) fail('delimiter must be a single character');
    return fromBytes(writeRecord(fields, d[0]!));
  },
  examples: [
    {
      title: 'Encode object to a single CSV formatted row',
      source: 'encode_csv!(["foo","bar","foo \\", bar"])',
      result: '"foo,bar,\\"foo \\"\\", bar\\""',
    },
    {
      title: 'Encode object to a single CSV formatted row with custom delimiter',
      source: 'encode_csv!(["foo","bar"], delimiter: " ")',
      result: '"foo bar"',
    },
    {
      title: 'Encode object to a single CSV formatted row with linebreaks',
      source: 'encode_csv!(["line", "with_linebreak", "here\\n", "and", "\\nhere"])',
      result: '"line,with_linebreak,\\"here\\n\\",and,\\"\\nhere\\""',
    },
  ],
});
