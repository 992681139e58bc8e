import { K, Kind } from '../../types/index.js';
import { VrlError } from '../../value/index.js';
import { defineFunction, required } from '../function.js';
import { LEVELS } from './util/syslog.js';

/** `to_syslog_level(value)`: severity code → level keyword. */
export const toSyslogLevel = defineFunction({
  name: 'to_syslog_level',
  parameters: [required('value', K.INTEGER)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    const code = value as bigint;
    if (code >= 0n && code < BigInt(LEVELS.length)) return LEVELS[Number(code)]!;
    throw new VrlError(`severity level ${code} not valid`);
  },
  examples: [
    { title: 'Coerce to a Syslog level', source: 'to_syslog_level!(5)', result: '"notice"' },
    {
      title: 'invalid',
      source: 'to_syslog_level!(500)',
      error: 'function call error for "to_syslog_level" at (0:21): severity level 500 not valid',
    },
  ],
});
