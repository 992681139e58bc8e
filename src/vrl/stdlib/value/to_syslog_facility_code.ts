import { K, Kind } from '../../types/index.js';
import { requireText, VrlError } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { FACILITIES } from './util/syslog.js';

/** `to_syslog_facility_code(value)`: facility keyword → code. */
export const toSyslogFacilityCode = defineFunction({
  name: 'to_syslog_facility_code',
  parameters: [required('value', K.BYTES)],
  kind: Kind.integer(),
  fallible: true,
  call: (value) => {
    const facility = requireText(value!);
    const code = (FACILITIES as readonly string[]).indexOf(facility);
    if (code < 0) throw new VrlError(`syslog facility '${facility}' not valid`);
    return BigInt(code);
  },
  examples: [
    { title: 'Coerce to Syslog facility code', source: 'to_syslog_facility_code!("authpriv")', result: '10' },
    {
      title: 'invalid',
      source: "to_syslog_facility_code!(s'foobar')",
      error:
        'function call error for "to_syslog_facility_code" at (0:35): syslog facility \'foobar\' not valid',
    },
  ],
});
