import { required, type FunctionDef } from '../function.js';
import { K } from '../../types/kind.js';
import type { Value } from '../../value/value.js';
import { textOf } from './args.js';
import { GLOG, parseGlogLine } from './glog.js';
import { GLOG_KIND } from './parse_klog.js';

export const parse_glog: FunctionDef = {
  name: 'parse_glog',
  parameters: [required('value', K.BYTES)],
  compile() {
    return {
      kind: GLOG_KIND,
      fallible: true,
      pure: true,
      call: (value: Value | undefined) => parseGlogLine(textOf(value), GLOG, 'glog'),
    };
  },
  examples: [
    {
      title: 'Parse using glog',
      source: 'parse_glog!("I20210131 14:48:54.411655 15520 main.c++:9] Hello world!")',
      result:
        '{"file": "main.c++", "id": 15520, "level": "info", "line": 9, "message": "Hello world!", "timestamp": t\'2021-01-31T14:48:54.411655Z\'}',
    },
  ],
};
