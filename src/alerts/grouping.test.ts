import { describe, expect, it } from 'vitest';
import { compareMatches, countMatch, joins } from './grouping.js';
import type { RuleMatchInput } from './types.js';

const m = (matchedAt: number, over: Partial<RuleMatchInput> = {}): RuleMatchInput => ({
  detection: 'd',
  table: 't',
  input: 'i',
  recordPosition: 0,
  matchedAt,
  title: 'T',
  dedupe: 'x',
  severity: 'low',
  event: {},
  ...over,
});

describe('grouping rule', () => {
  const s = { threshold: 2, deduplicationWindowMs: 100 };

  it('joins strictly before first_matched_at + window', () => {
    const { alert } = countMatch(undefined, m(1000), 'm1', s);
    expect(joins(alert, 1099, s)).toBe(true);
    expect(joins(alert, 1100, s)).toBe(false);
    expect(joins(alert, 500, s)).toBe(true); // late match: the window is still in its future
  });

  it('opens, counts and activates at the threshold', () => {
    const a = countMatch(undefined, m(1000), 'm1', s);
    expect(a.opened).toBe(true);
    expect(a.alert).toMatchObject({ matchCount: 1, activated: false, firstMatchId: 'm1' });
    const b = countMatch(a.alert, m(1050), 'm2', s);
    expect(b.opened).toBe(false);
    expect(b.alert).toMatchObject({ matchCount: 2, activated: true, activatedAt: 1050, lastMatchedAt: 1050 });
    const c = countMatch(b.alert, m(1100), 'm3', s);
    expect(c.opened).toBe(true);
    expect(c.alert.id).not.toBe(a.alert.id);
    expect(c.alert).toMatchObject({ matchCount: 1, activated: false, firstMatchedAt: 1100 });
  });

  it('orders by time, then table, input, position, detection', () => {
    const list = [
      m(2),
      m(1, { table: 'b' }),
      m(1, { table: 'a', input: 'z' }),
      m(1, { table: 'a', input: 'y', recordPosition: 3 }),
      m(1, { table: 'a', input: 'y', recordPosition: 1, detection: 'q' }),
      m(1, { table: 'a', input: 'y', recordPosition: 1, detection: 'p' }),
    ];
    const sorted = [...list].sort(compareMatches);
    expect(sorted).toEqual([list[5], list[4], list[3], list[2], list[1], list[0]]);
  });
});
