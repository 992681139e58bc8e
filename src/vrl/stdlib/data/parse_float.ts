import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { parseRustF64, rustDebugString } from './numbers.js';

export const parse_float = defineFunction({
  name: 'parse_float',
  parameters: [required('value', K.BYTES)],
  kind: Kind.float(),
  fallible: true,
  call(value) {
    const text = toText(value as string | Uint8Array);
    const parsed = parseRustF64(text);
    if (typeof parsed === 'string') {
      throw new VrlError(`Invalid floating point number ${rustDebugString(text)}: ${parsed}`);
    }
    if (Number.isNaN(parsed)) throw new VrlError(`NaN number not supported ${rustDebugString(text)}`);
    return parsed;
  },
  examples: [
    { title: 'Parse negative integer', source: 'parse_float!("-42")', result: '-42.0' },
    { title: 'Parse float', source: 'parse_float!("42.38")', result: '42.38' },
    { title: 'Scientific notation', source: 'parse_float!("2.5e3")', result: '2500.0' },
  ],
});
