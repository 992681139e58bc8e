import { describe, expect, it } from 'vitest';
import { parse_glog } from './parse_glog.js';
import { parse_klog } from './parse_klog.js';
import { callError, runOracle, runOurs, vrlString } from './test-helpers/testing.js';

describe('parse_klog', () => {
  const lines = [
    'I0505 17:59:40.692994   28133 klog.go:70] hello from klog',
    'E0505 17:59:40.692994 1 a:b.go:7] colon in file  ',
    'X0505 17:59:40.692994 1 a.go:7] bad level',
    'I1332 17:59:40.692994 1 a.go:7] bad date',
    'I0505 17:59:40.692994 99999999999999999999 a.go:7] big id',
    'I0505 17:59:40.692994 1 a.go:7]',
    'I0505 17:59:40.692994 1 a.go:7] ',
    'not klog',
  ];
  for (const line of lines) {
    it(`matches VRL on ${JSON.stringify(line)}`, () => {
      expect(runOurs(parse_klog, [line])).toEqual(runOracle(`parse_klog!(${vrlString(line)})`));
    });
  }
  it('completes on a 100 KB hostile line', () => {
    expect(callError(parse_klog, [`I0505 17:59:40.692994 1 ${'a:1]'.repeat(25_000)}`])).toBe(
      'failed parsing klog message',
    );
  });
});

describe('parse_glog', () => {
  const lines = [
    'I20210131 14:48:54.411655 15520 main.c++:9] Hello world!',
    'W20210131 14:48:54.411655 15520 main.c++:9]  multiple   spaces  ',
    'F20211331 14:48:54.411655 15520 main.c++:9] bad month',
    'I20210131 14:48:54.411655 15520 main.c++:9]no space',
    '',
  ];
  for (const line of lines) {
    it(`matches VRL on ${JSON.stringify(line)}`, () => {
      expect(runOurs(parse_glog, [line])).toEqual(runOracle(`parse_glog!(${vrlString(line)})`));
    });
  }
  it('completes on a 100 KB hostile line', () => {
    expect(callError(parse_glog, [`I20210131 14:48:54.411655 1 ${'a:1 ['.repeat(20_000)}x`])).toBe(
      'failed parsing glog message',
    );
  });
});
