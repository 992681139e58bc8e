import { K, Kind } from '../../types/index.js';
import { requireText, VrlError } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/** `get_env_var(name)`: the process environment variable's value. */
export const getEnvVar = defineFunction({
  name: 'get_env_var',
  parameters: [required('name', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  pure: false,
  call: (name) => {
    const value = process.env[requireText(name!)];
    if (value === undefined) throw new VrlError('environment variable not found');
    return value;
  },
  // Upstream documents `get_env_var!("HOME")` (machine-dependent); this example is deterministic instead.
  examples: [
    {
      title: 'Missing environment variable',
      source: 'get_env_var!("LAKEWATCH_TEST_UNSET_VARIABLE")',
      error: 'function call error for "get_env_var" at (0:45): environment variable not found',
    },
  ],
});
