import type { FunctionDef } from '../function.js';
import { Kind } from '../../types/index.js';

export const get_timezone_name: FunctionDef = {
  name: 'get_timezone_name',
  parameters: [],
  compile(_args, ctx) {
    // `local` is UTC in Lakewatch (see `time/tz.ts`), so that is its name.
    const name = ctx.timezone === 'local' ? 'UTC' : ctx.timezone;
    return { kind: Kind.bytes(), fallible: true, pure: false, call: () => name };
  },
  examples: [
    { title: "Get the IANA name of Vector's timezone", source: 'get_timezone_name!()', result: '"UTC"' },
  ],
};
