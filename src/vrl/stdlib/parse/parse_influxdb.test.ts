import { describe, expect, it } from 'vitest';
import { parse_influxdb } from './parse_influxdb.js';
import { callFn, oracle, runOurs } from './test-helpers/testing.js';

function oracleOn(x: string): unknown {
  try {
    return { ok: oracle().execute('parse_influxdb!(.x)', { x }).result };
  } catch (e) {
    return { error: String(e).replace(/^[\s\S]*?\(\d+:\d+\): /, '') };
  }
}

describe('parse_influxdb', () => {
  it('gives float gauge values', () => {
    const out = callFn(parse_influxdb, ['cpu x=1i']) as { gauge: { value: unknown } }[];
    expect(out[0]!.gauge.value).toBe(1);
    expect(typeof out[0]!.gauge.value).toBe('number');
  });
  const cases = [
    'cpu,host=A,region=us-west usage_idle=64i,usage_user=10u,temperature=50.5,on=true,sleep=F 1590488773254420000',
    'cpu x=1',
    'cpu',
    'cpu x="s"',
    'cpu,a=b x=1 notanumber',
    'cpu x=1\n\n# comment\nmem y=2i 5',
    'cpu x=1,',
    'cpu x=nan',
    'my\\ cpu,t\\,k=v\\=1 f\\ k=1.5e3',
    'cpu x=1 1 extra',
    'cpu x=-1i,y=+2',
    'cpu,t=1,t=2 x=1',
    'cpu, x=1',
    'cpu x=1,y=2,z',
    'cpu x=99999999999999999999i',
    'cpu x=1 99999999999999999999',
    'cpu x=1e5,y=-2E-3,z=.5',
    'cpu x=tru',
    'cpu\\ x=1',
    'cpu x="multi\nline" 1\nmem y=1',
    '   \n# only comments\n',
    '',
    'cpu x=1  ',
    'cpu x\\=y=1',
    'cpu,host=a\\ b x=1 -5',
    'cpu x=1,y=2,',
    'cpu,a=b, x=1',
    'cpu,a x=1',
    'cpu,=b x=1',
    'cpu,a=b,c x=1',
    'cpu,a= x=1',
  ];
  for (const c of cases) {
    it(`matches VRL on ${JSON.stringify(c)}`, () => {
      expect(runOurs(parse_influxdb, [c])).toEqual(oracleOn(c));
    });
  }
  it('completes on 100 KB', () => {
    expect(() => callFn(parse_influxdb, [`cpu ${'x=1,'.repeat(25_000)}y=2`])).not.toThrow();
  });
});
