import { K, Kind } from '../../types/index.js';
import { VrlError } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { FACILITIES } from './util/syslog.js';

/** `to_syslog_facility(value)`: facility code → keyword. */
export const toSyslogFacility = defineFunction({
  name: 'to_syslog_facility',
  parameters: [required('value', K.INTEGER)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    const code = value as bigint;
    if (code >= 0n && code < BigInt(FACILITIES.length)) return FACILITIES[Number(code)]!;
    throw new VrlError(`facility code ${code} not valid`);
  },
  examples: [
    { title: 'Coerce to a Syslog facility', source: 'to_syslog_facility!(4)', result: '"auth"' },
    {
      title: 'invalid',
      source: 'to_syslog_facility!(500)',
      error: 'function call error for "to_syslog_facility" at (0:24): facility code 500 not valid',
    },
  ],
});
