import { required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import type { Value } from '../../value/value.js';
import { civilFromDays } from '../../time/index.js';
import { textOf } from './args.js';
import { KLOG, parseGlogLine } from './glog.js';

export const GLOG_KIND = Kind.object({
  level: Kind.bytes(),
  timestamp: Kind.timestamp(),
  id: Kind.integer(),
  file: Kind.bytes(),
  line: Kind.integer(),
  message: Kind.bytes(),
});

/** This year, or last year for a December line read in January. */
function klogYear(month: string): number {
  const today = civilFromDays(Math.floor(Date.now() / 86_400_000));
  return month === '12' && today.month === 1 ? today.year - 1 : today.year;
}

const year = new Date().getUTCFullYear();

export const parse_klog: FunctionDef = {
  name: 'parse_klog',
  parameters: [required('value', K.BYTES)],
  compile() {
    return {
      kind: GLOG_KIND,
      fallible: true,
      pure: false,
      call: (value: Value | undefined) => parseGlogLine(textOf(value), KLOG, 'klog', klogYear),
    };
  },
  examples: [
    {
      title: 'Parse using klog',
      source: 'parse_klog!("I0505 17:59:40.692994   28133 klog.go:70] hello from klog")',
      result: `{"file": "klog.go", "id": 28133, "level": "info", "line": 70, "message": "hello from klog", "timestamp": t'${year}-05-05T17:59:40.692994Z'}`,
    },
  ],
};
