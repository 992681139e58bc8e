import { K, Kind } from '../../types/index.js';
import { hasField, requireText, VrlError } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { SEVERITIES } from './util/syslog.js';

/** `to_syslog_severity(value)`: level keyword → severity code. */
export const toSyslogSeverity = defineFunction({
  name: 'to_syslog_severity',
  parameters: [required('value', K.BYTES)],
  kind: Kind.integer(),
  fallible: true,
  call: (value) => {
    const level = requireText(value!);
    if (!hasField(SEVERITIES as Record<string, never>, level))
      throw new VrlError(`syslog level ${level} not valid`);
    return BigInt(SEVERITIES[level]!);
  },
  examples: [
    { title: 'Coerce to Syslog severity', source: 'to_syslog_severity!("alert")', result: '1' },
    {
      title: 'invalid',
      source: "to_syslog_severity!(s'foobar')",
      error: 'function call error for "to_syslog_severity" at (0:30): syslog level foobar not valid',
    },
  ],
});
