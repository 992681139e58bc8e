import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText } from '../../value/index.js';
import { parseIpv4 } from './ip.js';

export const is_ipv4 = defineFunction({
  name: 'is_ipv4',
  parameters: [required('value', K.BYTES)],
  kind: Kind.boolean(),
  call: (value) => parseIpv4(toText(value as string | Uint8Array)) !== null,
  examples: [
    { title: 'Valid IPv4 address', source: 'is_ipv4("10.0.102.37")', result: 'true' },
    {
      title: 'Valid IPv6 address',
      source: 'is_ipv4("2001:0db8:85a3:0000:0000:8a2e:0370:7334")',
      result: 'false',
    },
    { title: 'Arbitrary string', source: 'is_ipv4("foobar")', result: 'false' },
  ],
});
