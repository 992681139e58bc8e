import { describe, expect, it } from 'vitest';
import { parse_cef } from './parse_cef.js';
import { callFn, runOracle, runOurs, toPlain, vrlString } from './test-helpers/testing.js';

describe('parse_cef', () => {
  it('non-strict mode keeps values with unescaped `=`', () => {
    expect(
      toPlain(
        callFn(parse_cef, [
          'CEF:0|Vendor|Product|1.0|100|Event|5|src=10.0.0.1 request=https://foo.com?id=foo&a=bar dst=2.2.2.2',
          false,
          false,
        ]),
      ),
    ).toEqual({
      cefVersion: '0',
      deviceVendor: 'Vendor',
      deviceProduct: 'Product',
      deviceVersion: '1.0',
      deviceEventClassId: '100',
      name: 'Event',
      severity: '5',
      src: '10.0.0.1',
      request: 'https://foo.com?id=foo&a=bar',
      dst: '2.2.2.2',
    });
  });

  const lines: [string, boolean?][] = [
    [
      'CEF:0|CyberArk|PTA|12.6|1|Suspected credentials theft|8|suser=mike2@prod1.domain.com shost=prod1.domain.com src=1.1.1.1 cs1Label=ExtraData cs1=None',
    ],
    [
      'CEF:0|CyberArk|PTA|12.6|1|Suspected credentials theft|8|suser=mike2@prod1.domain.com shost=prod1.domain.com src=1.1.1.1 cs1Label=ExtraData cs1=None',
      true,
    ],
    [
      'Sep 29 08:26:10 host CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232',
    ],
    [
      'CEF:0|security|threatmanager|1.0|100|Detected a \\| in message. No action needed.|10|src=10.0.0.1 msg=Detected a threat.\\n No action needed act=blocked a \\= dst=1.1.1.1',
    ],
    ['CEF:0|a|b|c|d|e|f|x=1 y'],
    ['CEF:0|a|b|c|d|e|f|x=1   '],
    ['CEF:0|a|b|c|d|e|f|x="quoted value" y=""'],
    ['CEF:0| "a" |b|c|d|e|f|x=a\\\\b\\rc\\qd'],
    ['CEF:0|a|b|c|d|e|f|x=trailing\\'],
    ['CEF:0|a|b|c|d|e|f|=1'],
    ['CEF:0|a|b|c|d|e|f|x=1 = 2'],
    ['CEF:0|a|b|c|d|e|f|cs1Label=L cs1=v cs2=x', true],
    ['CEF:0|a|b|c|d|e|f|cs1Label=L cs1Label=M', true],
    ['CEF:0|a|b|c|d|e|f|cs1Label=L', true],
    ['CEF:0|a|b|c|d|e|f|name=overridden'],
    ['foo'],
    ['CEF:0|a|b'],
    ['CEF:0|a|b|c|d|e|f'],
    ['CEF:0|a\\x|b|c|d|e|f|'],
    ['CEF:0|a|b|c|d|e|f|x'],
    [
      'CEF:0|Fortinet|FortiGate|7.0|0000000013|traffic:forward accept|3|deviceExternalId=FG100E rt=1633012345000 src=10.1.1.1 spt=51234 dst=8.8.8.8 dpt=53 proto=17 act=accept',
    ],
  ];
  for (const [line, translate] of lines) {
    it(`matches VRL on ${JSON.stringify([line, translate])}`, () => {
      const src = `parse_cef!(${vrlString(line)}${translate ? ', translate_custom_fields: true' : ''})`;
      expect(runOurs(parse_cef, [line, translate])).toEqual(runOracle(src));
    });
  }

  it('completes on a 100 KB hostile line', () => {
    const line = `CEF:0|a|b|c|d|e|f|x=${'a '.repeat(50_000)}`;
    expect(toPlain(callFn(parse_cef, [line]))).toHaveProperty('x');
    expect(() => callFn(parse_cef, ['|'.repeat(100_000)])).toThrow();
    expect(toPlain(callFn(parse_cef, [`CEF:0|a|b|c|d|e|f|x=${' '.repeat(100_000)}z`]))).toHaveProperty('x');
    expect(toPlain(callFn(parse_cef, [`CEF:0|a|b|c|d|e|f|x=${' |'.repeat(50_000)}z=1`]))).toHaveProperty('z');
  });
});
