import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { parseI64Radix, vrlDisplayString } from './numbers.js';

export const parse_int = defineFunction({
  name: 'parse_int',
  parameters: [required('value', K.BYTES), optional('base', K.INTEGER)],
  kind: Kind.integer(),
  fallible: true,
  call(value, base) {
    const text = toText(value as string | Uint8Array);
    let radix: number;
    let start = 0;
    if (base !== undefined && base !== null) {
      const b = base as bigint;
      if (b < 2n || b > 36n) {
        throw new VrlError(`invalid base ${vrlDisplayString(text)}: must be be between 2 and 36 (inclusive)`);
      }
      radix = Number(b);
    } else if (text.length === 0) {
      throw new VrlError('value is empty');
    } else if (text[0] === '0') {
      const prefix = text[1];
      if (prefix === 'b') [radix, start] = [2, 2];
      else if (prefix === 'o') [radix, start] = [8, 2];
      else if (prefix === 'x') [radix, start] = [16, 2];
      else radix = 8;
    } else {
      radix = 10;
    }
    const parsed = parseI64Radix(text.slice(start), radix);
    if (typeof parsed === 'string') throw new VrlError(`could not parse integer: ${parsed}`);
    return parsed;
  },
  examples: [
    { title: 'Parse decimal', source: 'parse_int!("-42")', result: '-42' },
    { title: 'Parse binary', source: 'parse_int!("0b1001")', result: '9' },
    { title: 'Parse octal', source: 'parse_int!("0o42")', result: '34' },
    { title: 'Parse hexadecimal', source: 'parse_int!("0x2a")', result: '42' },
    { title: 'Parse explicit base', source: 'parse_int!("2a", 17)', result: '44' },
  ],
});
