import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { checkJson } from './json_check.js';
import { staticEnum } from './args.js';

const VARIANTS = ['object', 'array', 'bool', 'number', 'string', 'null'] as const;
type Variant = (typeof VARIANTS)[number];

function validJson(value: string | Uint8Array): string | undefined {
  const text = typeof value === 'string' ? value : fromBytes(value);
  if (typeof text !== 'string') return undefined;
  return checkJson(text) === undefined ? text : undefined;
}

function variantOf(text: string): Variant | undefined {
  const c = text.trimStart()[0];
  if (c === '{') return 'object';
  if (c === '[') return 'array';
  if (c === 't' || c === 'f') return 'bool';
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return 'number';
  if (c === '"') return 'string';
  if (c === 'n') return 'null';
  return undefined;
}

export const is_json: FunctionDef = {
  name: 'is_json',
  parameters: [required('value', K.BYTES), optional('variant', K.BYTES)],
  compile(args) {
    const variant = staticEnum(args, 1, 'variant', VARIANTS);
    return {
      kind: Kind.boolean(),
      fallible: false,
      pure: true,
      call(value) {
        const text = validJson(value as string | Uint8Array);
        if (text === undefined) return false;
        return variant === undefined ? true : variantOf(text) === variant;
      },
    };
  },
  examples: [
    { title: 'Valid JSON object', source: 'is_json("{}")', result: 'true' },
    { title: 'Non-valid value', source: 'is_json("{")', result: 'false' },
    { title: 'Exact variant', source: 'is_json("{}", variant: "object")', result: 'true' },
    { title: 'Non-valid exact variant', source: 'is_json("{}", variant: "array")', result: 'false' },
    { title: 'Valid JSON string', source: `is_json(s'"test"')`, result: 'true' },
  ],
};
