import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import type { Value } from '../../value/index.js';
import { staticEnum, textOf } from './args.js';
import { parseKeyValueLine, type Whitespace } from './key-value.js';

/** Objects of strings, `true` for standalone keys, arrays of strings for repeated keys. */
export const KEY_VALUE_KIND = Kind.object({}, Kind.boolean().or(Kind.bytes()).or(Kind.array(Kind.bytes())));

export const parse_key_value: FunctionDef = {
  name: 'parse_key_value',
  parameters: [
    required('value', K.BYTES),
    optional('key_value_delimiter', K.BYTES),
    optional('field_delimiter', K.BYTES),
    optional('whitespace', K.BYTES),
    optional('accept_standalone_key', K.BOOLEAN),
  ],
  compile(args) {
    const whitespace = staticEnum<Whitespace>(args, 3, 'whitespace', ['strict', 'lenient'], 'lenient');
    return {
      kind: KEY_VALUE_KIND,
      fallible: true,
      pure: true,
      call: (value: Value | undefined, kvd?: Value, fd?: Value, _ws?: Value, standalone?: Value) =>
        parseKeyValueLine(textOf(value), {
          keyValueDelimiter: kvd === undefined ? '=' : textOf(kvd),
          fieldDelimiter: fd === undefined ? ' ' : textOf(fd),
          whitespace,
          standaloneKey: standalone === undefined ? true : standalone === true,
        }),
    };
  },
  examples: [
    {
      title: 'Parse simple key value pairs',
      source: 'parse_key_value!("zork=zook zonk=nork")',
      result: '{"zork": "zook", "zonk": "nork"}',
    },
    {
      title: 'Parse logfmt log',
      source:
        'parse_key_value!(\n  "@timestamp=\\"Sun Jan 10 16:47:39 EST 2021\\" level=info msg=\\"Stopping all fetchers\\" tag#production=stopping_fetchers id=ConsumerFetcherManager-1382721708341 module=kafka.consumer.ConsumerFetcherManager"\n)',
      result:
        '{"@timestamp": "Sun Jan 10 16:47:39 EST 2021", "level": "info", "msg": "Stopping all fetchers", "tag#production": "stopping_fetchers", "id": "ConsumerFetcherManager-1382721708341", "module": "kafka.consumer.ConsumerFetcherManager"}',
    },
    {
      title: 'Parse comma delimited log',
      source:
        'parse_key_value!(\n  "path:\\"/cart_link\\", host:store.app.com, fwd: \\"102.30.171.16\\", dyno: web.1, connect:0ms, service:87ms, status:304, bytes:632, protocol:https",\n  field_delimiter: ",",\n  key_value_delimiter: ":"\n)',
      result:
        '{"path": "/cart_link", "host": "store.app.com", "fwd": "102.30.171.16", "dyno": "web.1", "connect": "0ms", "service": "87ms", "status": "304", "bytes": "632", "protocol": "https"}',
    },
    {
      title: 'Parse comma delimited log with standalone keys',
      source:
        'parse_key_value!(\n  "env:prod,service:backend,region:eu-east1,beta",\n  field_delimiter: ",",\n  key_value_delimiter: ":",\n)',
      result: '{"env": "prod", "service": "backend", "region": "eu-east1", "beta": true}',
    },
    {
      title: 'Parse duplicate keys',
      source:
        'parse_key_value!(\n  "at=info,method=GET,path=\\"/index\\",status=200,tags=dev,tags=dummy",\n  field_delimiter: ",",\n  key_value_delimiter: "=",\n)',
      result: '{"at": "info", "method": "GET", "path": "/index", "status": "200", "tags": ["dev", "dummy"]}',
    },
    {
      title: 'Parse with strict whitespace',
      source: `parse_key_value!(s'app=my-app ip=1.2.3.4 user= msg=hello-world', whitespace: "strict")`,
      result: '{"app": "my-app", "ip": "1.2.3.4", "user": "", "msg": "hello-world"}',
    },
  ],
};
