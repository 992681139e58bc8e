import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { VrlError } from '../../value/index.js';
import { bigIntToBytes, formatIpv4 } from './ip.js';

export const ip_ntoa = defineFunction({
  name: 'ip_ntoa',
  parameters: [required('value', K.INTEGER)],
  kind: Kind.bytes(),
  fallible: true,
  call(value) {
    const n = value as bigint;
    if (n < 0n || n > 0xffffffffn) throw new VrlError('cannot convert to bytes: integer does not fit in u32');
    return formatIpv4(bigIntToBytes(n, 4));
  },
  examples: [{ title: 'Integer to IPv4', source: 'ip_ntoa!(16909060)', result: '"1.2.3.4"' }],
});
