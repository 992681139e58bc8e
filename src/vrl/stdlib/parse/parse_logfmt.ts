import { required, type FunctionDef } from '../function.js';
import { K } from '../../types/kind.js';
import type { Value } from '../../value/index.js';
import { textOf } from './args.js';
import { parseKeyValueLine } from './key-value.js';
import { KEY_VALUE_KIND } from './parse_key_value.js';

/** `parse_key_value` with logfmt's settings: `=`, spaces, lenient whitespace, standalone keys. */
export const parse_logfmt: FunctionDef = {
  name: 'parse_logfmt',
  parameters: [required('value', K.BYTES)],
  compile() {
    return {
      kind: KEY_VALUE_KIND,
      fallible: true,
      pure: true,
      call: (value: Value | undefined) =>
        parseKeyValueLine(textOf(value), {
          keyValueDelimiter: '=',
          fieldDelimiter: ' ',
          whitespace: 'lenient',
          standaloneKey: true,
        }),
    };
  },
  examples: [
    {
      title: 'Parse simple logfmt log',
      source: 'parse_logfmt!("zork=zook zonk=nork")',
      result: '{"zork": "zook", "zonk": "nork"}',
    },
    {
      title: 'Parse logfmt log',
      source:
        'parse_logfmt!(\n  "@timestamp=\\"Sun Jan 10 16:47:39 EST 2021\\" level=info msg=\\"Stopping all fetchers\\" tag#production=stopping_fetchers id=ConsumerFetcherManager-1382721708341 module=kafka.consumer.ConsumerFetcherManager"\n)',
      result:
        '{"@timestamp": "Sun Jan 10 16:47:39 EST 2021", "level": "info", "msg": "Stopping all fetchers", "tag#production": "stopping_fetchers", "id": "ConsumerFetcherManager-1382721708341", "module": "kafka.consumer.ConsumerFetcherManager"}',
    },
    {
      title: 'Parse logfmt log with standalone key',
      source: 'parse_logfmt!("zork=zook plonk zonk=nork")',
      result: '{"plonk": true, "zork": "zook", "zonk": "nork"}',
    },
  ],
};
