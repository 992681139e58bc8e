import { randomInt } from 'node:crypto';
import type { FunctionDef } from '../function.js';
import { Kind } from '../../types/index.js';

export const random_bool: FunctionDef = {
  name: 'random_bool',
  parameters: [],
  compile: () => ({ kind: Kind.boolean(), fallible: false, pure: false, call: () => randomInt(2) === 1 }),
  examples: [{ title: 'Random boolean', source: 'is_boolean(random_bool())', result: 'true' }],
};
