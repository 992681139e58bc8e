import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertStatusConflictError, openAlertStore, type AlertStore, type RuleMatchInput } from './index.js';

const T0 = Date.UTC(2024, 0, 1, 10);
const settings = { d: { threshold: 1, deduplicationWindowMs: 3_600_000 } };

function match(dedupe: string, at: number, position: number): RuleMatchInput {
  return {
    detection: 'd',
    table: 't',
    input: 'in',
    recordPosition: position,
    matchedAt: at,
    title: `x ${dedupe}`,
    dedupe,
    severity: 'high',
    event: {},
  };
}

let store: AlertStore;
beforeEach(() => {
  store = openAlertStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'lakewatch-status-')), 'a.db'));
});
afterEach(() => store.close());

describe('alert status', () => {
  it('starts open, records changes with who, when and a note, and filters lists by it', () => {
    store.process([match('a', T0, 0), match('b', T0 + 1, 1)], settings);
    const [b, a] = store.list();
    expect(store.statuses([a!.id, b!.id])).toEqual(
      new Map([
        [a!.id, 'open'],
        [b!.id, 'open'],
      ]),
    );
    store.setStatus(a!.id, { status: 'acknowledged', by: 'ann', at: 5, note: 'mine' });
    store.setStatus(a!.id, { status: 'resolved', by: 'bob', at: 6, note: null });
    expect(store.statusHistory(a!.id)).toEqual([
      { status: 'acknowledged', by: 'ann', at: 5, note: 'mine' },
      { status: 'resolved', by: 'bob', at: 6, note: null },
    ]);
    expect(store.statuses([a!.id]).get(a!.id)).toBe('resolved');
    expect(store.list({ status: 'resolved' }).map((x) => x.id)).toEqual([a!.id]);
    expect(store.list({ status: ['open'] }).map((x) => x.id)).toEqual([b!.id]);
    expect(store.list({ status: [] })).toEqual([]);
    expect(() => store.setStatus(a!.id, { status: 'resolved', by: 'x', at: 7, note: null })).toThrow(
      AlertStatusConflictError,
    );
    expect(() => store.setStatus('nope', { status: 'resolved', by: 'x', at: 7, note: null })).toThrow(
      /no alert/,
    );
  });

  it('counts matches per detection and time bucket', () => {
    store.process([match('a', T0, 0), match('a', T0 + 61_000, 1), match('b', T0 + 125_000, 2)], settings);
    expect(store.matchCounts({ since: T0 })).toEqual([{ detection: 'd', t: T0, count: 3 }]);
    expect(store.matchCounts({ since: T0, stepMs: 60_000 })).toEqual([
      { detection: 'd', t: T0, count: 1 },
      { detection: 'd', t: T0 + 60_000, count: 1 },
      { detection: 'd', t: T0 + 120_000, count: 1 },
    ]);
    expect(store.matchCounts({ since: T0 + 1, detection: 'other' })).toEqual([]);
  });
});
