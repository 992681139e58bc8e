import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, VrlError } from '../../value/index.js';
import { staticEnum } from './args.js';
import { parseSize } from './parse_size.js';
import { ratioToNumber } from './rational.js';

const BINARY_UNITS = new Map<string, bigint>([
  ['B', 1n],
  ['KiB', 1n << 10n],
  ['MiB', 1n << 20n],
  ['GiB', 1n << 30n],
  ['TiB', 1n << 40n],
  ['PiB', 1n << 50n],
  ['EiB', 1n << 60n],
  ['KB', 1n << 10n],
  ['MB', 1n << 20n],
  ['GB', 1n << 30n],
  ['TB', 1n << 40n],
  ['PB', 1n << 50n],
  ['EB', 1n << 60n],
]);

const DECIMAL_UNITS = new Map<string, bigint>([
  ['B', 1n],
  ['kB', 10n ** 3n],
  ['MB', 10n ** 6n],
  ['GB', 10n ** 9n],
  ['TB', 10n ** 12n],
  ['PB', 10n ** 15n],
  ['EB', 10n ** 18n],
]);

export const parse_bytes: FunctionDef = {
  name: 'parse_bytes',
  parameters: [required('value', K.BYTES), required('unit', K.BYTES), optional('base', K.BYTES)],
  compile(args) {
    const base = staticEnum(args, 2, 'base', ['2', '10'] as const, '2');
    const units = base === '2' ? BINARY_UNITS : DECIMAL_UNITS;
    return {
      kind: Kind.float(),
      fallible: true,
      pure: true,
      call(value, unit) {
        const unitText = toText(unit as string | Uint8Array);
        const factor = units.get(unitText);
        if (factor === undefined) throw new VrlError(`unknown unit format: '${unitText}'`);
        const size = parseSize(toText(value as string | Uint8Array), base === '2');
        if (typeof size === 'string') throw new VrlError(`unable to parse bytes: '${size}'`);
        return ratioToNumber({ num: size, den: factor });
      },
    };
  },
  examples: [
    { title: 'Parse bytes (kilobytes)', source: 'parse_bytes!("1024KiB", unit: "MiB")', result: '1.0' },
    {
      title: 'Parse kilobytes in default binary units',
      source: 'parse_bytes!("1KiB", unit: "B")',
      result: '1024.0',
    },
    {
      title: 'Parse bytes in SI unit (terabytes)',
      source: 'parse_bytes!("4TB", unit: "MB", base: "10")',
      result: '4000000.0',
    },
    {
      title: 'Parse gigabytes in decimal units',
      source: 'parse_bytes!("1GB", unit: "B", base: "10")',
      result: '1000000000.0',
    },
    {
      title: 'Parse bytes in ambiguous unit (gigabytes)',
      source: 'parse_bytes!("1GB", unit: "B", base: "2")',
      result: '1073741824.0',
    },
    {
      title: 'Parse gigabytes in ambiguous decimal units',
      source: 'parse_bytes!("1GB", unit: "MB", base: "2")',
      result: '1024.0',
    },
  ],
};
