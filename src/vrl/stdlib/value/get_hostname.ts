import { hostname } from 'node:os';
import { Kind } from '../../types/index.js';
import { VrlError } from '../../value/index.js';
import { defineFunction } from '../function.js';

/** `get_hostname()`: this machine's host name. */
export const getHostname = defineFunction({
  name: 'get_hostname',
  parameters: [],
  kind: Kind.bytes(),
  fallible: true,
  pure: false,
  call: () => {
    try {
      return hostname();
    } catch (error) {
      throw new VrlError(`failed to get hostname: ${(error as Error).message}`);
    }
  },
  // Upstream's only example (`get_hostname!()` → "my-hostname") depends on the machine, so none is listed.
  examples: [],
});
