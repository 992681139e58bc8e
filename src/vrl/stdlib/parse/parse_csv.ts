import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { VrlError } from '../../value/errors.js';
import { fromBytes, toBytes } from '../../value/bytes.js';
import type { Value } from '../../value/index.js';
import { firstCsvRecord } from './csv.js';

export const parse_csv: FunctionDef = {
  name: 'parse_csv',
  parameters: [required('value', K.BYTES), optional('delimiter', K.BYTES)],
  compile() {
    return {
      kind: Kind.array(Kind.bytes()),
      fallible: true,
      pure: true,
      call: (value: Value | undefined, delimiter?: Value) => {
        const delim = delimiter === undefined ? 0x2c : toBytes(delimiter as string | Uint8Array);
        if (typeof delim !== 'number' && delim.length !== 1)
          throw new VrlError('delimiter must be a single character');
        const record = firstCsvRecord(
          toBytes(value as string | Uint8Array),
          typeof delim === 'number' ? delim : delim[0]!,
        );
        return (record ?? []).map(fromBytes);
      },
    };
  },
  examples: [
    {
      title: 'Parse a single CSV formatted row',
      source: `parse_csv!(s'foo,bar,"foo "", bar"')`,
      result: '["foo", "bar", "foo \\", bar"]',
    },
    {
      title: 'Parse a single CSV formatted row with custom delimiter',
      source: 'parse_csv!("foo bar", delimiter: " ")',
      result: '["foo", "bar"]',
    },
  ],
};
