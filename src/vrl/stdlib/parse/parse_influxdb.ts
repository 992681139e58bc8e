import { required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import type { Value } from '../../value/value.js';
import { textOf } from './args.js';
import { parseInfluxdb } from './influxdb.js';

const METRIC = Kind.object({
  name: Kind.bytes(),
  tags: Kind.object({}, Kind.bytes()).orNull(),
  timestamp: Kind.timestamp().orNull(),
  kind: Kind.bytes(),
  gauge: Kind.object({ value: Kind.float() }),
});

const tags =
  '"tags": {"host": "A", "region": "us-west"}, "timestamp": t\'2020-05-26T10:26:13.254420Z\', "kind": "absolute"';

export const parse_influxdb: FunctionDef = {
  name: 'parse_influxdb',
  parameters: [required('value', K.BYTES)],
  compile() {
    return {
      kind: Kind.array(METRIC),
      fallible: true,
      pure: true,
      call: (value: Value | undefined) => parseInfluxdb(textOf(value)),
    };
  },
  examples: [
    {
      title: 'Parse InfluxDB line protocol',
      source:
        'parse_influxdb!("cpu,host=A,region=us-west usage_system=64i,usage_user=10u,temperature=50.5,on=true,sleep=false 1590488773254420000")',
      result: `[
  {"name": "cpu_usage_system", ${tags}, "gauge": {"value": 64.0}},
  {"name": "cpu_usage_user", ${tags}, "gauge": {"value": 10.0}},
  {"name": "cpu_temperature", ${tags}, "gauge": {"value": 50.5}},
  {"name": "cpu_on", ${tags}, "gauge": {"value": 1.0}},
  {"name": "cpu_sleep", ${tags}, "gauge": {"value": 0.0}}
]`,
    },
  ],
};
