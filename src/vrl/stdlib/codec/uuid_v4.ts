import { randomUUID } from 'node:crypto';
import type { FunctionDef } from '../function.js';
import { Kind } from '../../types/index.js';

export const uuid_v4: FunctionDef = {
  name: 'uuid_v4',
  parameters: [],
  compile: () => ({ kind: Kind.bytes(), fallible: false, pure: false, call: () => randomUUID() }),
  examples: [
    {
      title: 'Create a UUIDv4 (shape only; the value is random)',
      source: "match(uuid_v4(), r'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')",
      result: 'true',
    },
  ],
};
