import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  alertId,
  openAlertStore,
  ruleMatchId,
  type AlertSettings,
  type AlertStore,
  type RuleMatchInput,
} from './index.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1, 10);

let pos = 0;
function match(over: Partial<RuleMatchInput> = {}): RuleMatchInput {
  return {
    detection: 'brute_force',
    table: 'aws_cloudtrail',
    input: 'file:///logs/a.json',
    recordPosition: pos++,
    matchedAt: T0,
    title: 'Brute force',
    dedupe: 'alice',
    severity: 'high',
    event: { user: { name: 'alice' } },
    ...over,
  };
}

const settings: Record<string, AlertSettings> = {
  brute_force: { threshold: 1, deduplicationWindowMs: 60 * MIN },
  three_strikes: { threshold: 3, deduplicationWindowMs: 60 * MIN },
  root_login: { threshold: 1, deduplicationWindowMs: 10 * MIN },
};

let dir: string;
let store: AlertStore;
beforeEach(async () => {
  pos = 0;
  dir = await mkdtemp(path.join(os.tmpdir(), 'lakewatch-alerts-'));
  store = openAlertStore(path.join(dir, 'alerts.db'));
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('grouping', () => {
  it('groups matches by detection and dedupe string', () => {
    const r = store.process(
      [
        match({ dedupe: 'alice' }),
        match({ dedupe: 'bob', matchedAt: T0 + 1 }),
        match({ dedupe: 'alice', matchedAt: T0 + 2 }),
        match({ detection: 'root_login', dedupe: 'alice', matchedAt: T0 + 3 }),
      ],
      settings,
    );
    expect(r.matches).toHaveLength(4);
    const [a1, b, a2, root] = r.matches;
    expect(a1!.alertId).toBe(a2!.alertId);
    expect(b!.alertId).not.toBe(a1!.alertId);
    expect(root!.alertId).not.toBe(a1!.alertId);
    expect(store.alert(a1!.alertId)).toMatchObject({
      matchCount: 2,
      dedupe: 'alice',
      detection: 'brute_force',
    });
    expect(store.list()).toHaveLength(3);
    expect(store.matches(a1!.alertId).map((m) => m.id)).toEqual([a1!.id, a2!.id]);
  });

  it('opens a new alert once first_matched_at + window is no longer in the future', () => {
    const first = store.process([match({ matchedAt: T0 })], settings).matches[0]!;
    const inWindow = store.process([match({ matchedAt: T0 + 60 * MIN - 1 })], settings).matches[0]!;
    expect(inWindow.alertId).toBe(first.alertId);
    expect(inWindow.firstMatchedAt).toBe(T0);
    const atEnd = store.process([match({ matchedAt: T0 + 60 * MIN })], settings).matches[0]!;
    expect(atEnd.alertId).not.toBe(first.alertId);
    expect(atEnd.firstMatchedAt).toBe(T0 + 60 * MIN);
    // the window runs from the first match, not the last: the old alert stays closed
    const later = store.process([match({ matchedAt: T0 + 90 * MIN })], settings).matches[0]!;
    expect(later.alertId).toBe(atEnd.alertId);
    expect(store.alert(first.alertId)).toMatchObject({ matchCount: 2, windowEndsAt: T0 + 60 * MIN });
    expect(store.alert(atEnd.alertId)).toMatchObject({ matchCount: 2, lastMatchedAt: T0 + 90 * MIN });
  });

  it('a new alert opens within a batch too', () => {
    const r = store.process(
      [match({ matchedAt: T0 }), match({ matchedAt: T0 + 60 * MIN }), match({ matchedAt: T0 + 61 * MIN })],
      settings,
    );
    expect(new Set(r.matches.map((m) => m.alertId)).size).toBe(2);
    expect(r.changes.map((c) => c.kind)).toEqual(['activated', 'activated']);
    // the group's open alert is the newer one
    const next = store.process([match({ matchedAt: T0 + 62 * MIN })], settings);
    expect(next.matches[0]!.alertId).toBe(r.matches[2]!.alertId);
  });
});

describe('threshold and changes', () => {
  it('activates when the match count reaches the threshold', () => {
    const m = (t: number) => match({ detection: 'three_strikes', matchedAt: T0 + t * MIN });
    const r1 = store.process([m(0), m(1)], settings);
    expect(r1.changes).toEqual([]);
    expect(r1.matches.map((x) => x.activated)).toEqual([false, false]);
    const id = r1.matches[0]!.alertId;
    expect(store.alert(id)).toMatchObject({
      activated: false,
      activatedAt: null,
      matchCount: 2,
      threshold: 3,
    });
    expect(store.list({ activated: false }).map((a) => a.id)).toEqual([id]);

    const r2 = store.process([m(5)], settings);
    expect(r2.matches[0]).toMatchObject({
      activated: true,
      activatedAt: T0 + 5 * MIN,
      alertId: id,
      firstMatchedAt: T0,
    });
    expect(r2.changes).toHaveLength(1);
    expect(r2.changes[0]).toMatchObject({
      id: `${id}:activated`,
      kind: 'activated',
      matchIds: [r2.matches[0]!.id],
      alert: { id, activated: true, activatedAt: T0 + 5 * MIN, matchCount: 3 },
    });
    // earlier rows keep the state they had when counted
    expect(store.matches(id).map((x) => x.activated)).toEqual([false, false, true]);
  });

  it('does not activate when the window closes before the threshold', () => {
    const m = (t: number) => match({ detection: 'three_strikes', matchedAt: T0 + t * MIN });
    const r = store.process([m(0), m(30), m(61), m(62)], settings);
    expect(r.changes).toEqual([]);
    expect(
      store
        .list()
        .map((a) => a.matchCount)
        .sort(),
    ).toEqual([2, 2]);
  });

  it("reports later matches of an activated alert as 'updated', one change per alert per batch", () => {
    const r1 = store.process([match({ matchedAt: T0 }), match({ matchedAt: T0 + 1 })], settings);
    expect(r1.changes.map((c) => c.kind)).toEqual(['activated']);
    expect(r1.changes[0]!.matchIds).toEqual(r1.matches.map((m) => m.id));
    const id = r1.matches[0]!.alertId;

    const r2 = store.process(
      [match({ matchedAt: T0 + 5 * MIN }), match({ matchedAt: T0 + 6 * MIN })],
      settings,
    );
    expect(r2.changes).toHaveLength(1);
    expect(r2.changes[0]).toMatchObject({
      id: `${id}:updated:4`,
      kind: 'updated',
      matchIds: r2.matches.map((m) => m.id),
      alert: { id, matchCount: 4, activatedAt: T0, lastMatchedAt: T0 + 6 * MIN },
    });
    expect(r2.matches.every((m) => m.activated && m.activatedAt === T0)).toBe(true);
    // the change log keeps both, in order
    const log = store.changes();
    expect(log.map((c) => c.id)).toEqual([`${id}:activated`, `${id}:updated:4`]);
    expect(log[0]!.seq).toBeLessThan(log[1]!.seq);
    expect(store.changes({ afterSeq: log[0]!.seq }).map((c) => c.id)).toEqual([`${id}:updated:4`]);
    expect(log[0]!.alert.matchCount).toBe(2); // snapshot at the time of the change
  });

  it('uses the first match for title and severity, and unions destinations', () => {
    const r = store.process(
      [
        match({ title: 'first', severity: 'low', destinations: ['slack'], alertContext: { n: 1 } }),
        match({
          matchedAt: T0 + 1,
          title: 'second',
          severity: 'critical',
          destinations: ['pagerduty', 'slack'],
        }),
      ],
      settings,
    );
    const a = store.alert(r.matches[0]!.alertId)!;
    expect(a).toMatchObject({ title: 'first', severity: 'low', destinations: ['slack', 'pagerduty'] });
    const rows = store.matches(a.id);
    expect(rows[0]).toMatchObject({ title: 'first', alertContext: { n: 1 }, destinations: ['slack'] });
    expect(rows[1]).toMatchObject({ title: 'second', severity: 'critical' });
    expect(rows[1]!.alertContext).toBeUndefined();
  });
});

describe('ids and replay', () => {
  it('derives ids from detection, table, input and record position', () => {
    const base = { detection: 'd', table: 't', input: 'i', recordPosition: 7 };
    const id = ruleMatchId(base);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ruleMatchId({ ...base })).toBe(id);
    for (const other of [
      { ...base, detection: 'e' },
      { ...base, table: 'u' },
      { ...base, input: 'j' },
      { ...base, recordPosition: 8 },
      { ...base, detection: 'd\u0000t', table: '' },
    ]) {
      expect(ruleMatchId(other)).not.toBe(id);
    }
    expect(alertId('d', 'x', id)).toBe(alertId('d', 'x', id));
    expect(alertId('d', 'x', id)).not.toBe(alertId('d', 'y', id));
  });

  it('gives the same ids in a fresh store for the same matches', () => {
    const batch = [
      match({ matchedAt: T0 }),
      match({ matchedAt: T0 + 1 }),
      match({ dedupe: 'bob', matchedAt: T0 + 2 }),
    ];
    const r1 = store.process(batch, settings);
    const other = openAlertStore(':memory:');
    const r2 = other.process(batch, settings);
    other.close();
    expect(r2.matches.map((m) => [m.id, m.alertId])).toEqual(r1.matches.map((m) => [m.id, m.alertId]));
    expect(r1.matches[0]!.alertId).toBe(alertId('brute_force', 'alice', r1.matches[0]!.id));
    expect(r1.matches[0]!.id).toBe(ruleMatchId(batch[0]!));
  });

  it('replaying a batch creates no matches, alerts or changes', () => {
    const batch = [
      match({ detection: 'three_strikes', matchedAt: T0 }),
      match({ detection: 'three_strikes', matchedAt: T0 + 1 }),
      match({ detection: 'three_strikes', matchedAt: T0 + 2 }),
      match({ matchedAt: T0 + 3 }),
    ];
    const r1 = store.process(batch, settings);
    expect(r1.changes).toHaveLength(2);
    const before = store.list();
    const r2 = store.process(batch, settings);
    expect(r2).toEqual({ matches: [], changes: [], duplicates: 4 });
    expect(store.list()).toEqual(before);
    expect(store.changes()).toHaveLength(2);
    // a replay mixed with new matches counts only the new ones
    const r3 = store.process([...batch, match({ matchedAt: T0 + 4 })], settings);
    expect(r3.matches).toHaveLength(1);
    expect(r3.duplicates).toBe(4);
    expect(r3.changes.map((c) => c.kind)).toEqual(['updated']);
  });

  it('ignores a match repeated within one batch', () => {
    const m = match();
    const r = store.process([m, { ...m }], settings);
    expect(r.matches).toHaveLength(1);
    expect(r.duplicates).toBe(1);
    expect(store.alert(r.matches[0]!.alertId)!.matchCount).toBe(1);
  });
});

describe('persistence and atomicity', () => {
  it('keeps open alerts, seen ids and counts across a reopen', () => {
    const file = path.join(dir, 'alerts.db');
    const m = (t: number) => match({ detection: 'three_strikes', matchedAt: T0 + t * MIN });
    const first = [m(0), m(1)];
    const r1 = store.process(first, settings);
    store.close();

    store = openAlertStore(file);
    expect(store.process(first, settings).matches).toEqual([]);
    const r2 = store.process([m(2)], settings);
    expect(r2.matches[0]!.alertId).toBe(r1.matches[0]!.alertId);
    expect(r2.changes.map((c) => c.kind)).toEqual(['activated']);
    store.close();

    store = openAlertStore(file);
    const r3 = store.process([m(3)], settings);
    expect(r3.changes.map((c) => c.kind)).toEqual(['updated']);
    expect(store.alert(r1.matches[0]!.alertId)).toMatchObject({ matchCount: 4, activated: true });
    expect(store.changes().map((c) => c.kind)).toEqual(['activated', 'updated']);
    expect(store.matches(r1.matches[0]!.alertId)[0]!.event).toEqual({ user: { name: 'alice' } });
  });

  it('two stores on one file share state', () => {
    const file = path.join(dir, 'alerts.db');
    const other = openAlertStore(file);
    const batch = [match(), match({ matchedAt: T0 + 1 })];
    expect(store.process(batch, settings).matches).toHaveLength(2);
    const r = other.process([...batch, match({ matchedAt: T0 + 2 })], settings);
    other.close();
    expect(r.duplicates).toBe(2);
    expect(r.changes.map((c) => c.kind)).toEqual(['updated']);
    expect(store.list()).toHaveLength(1);
  });

  it('works on an open database it does not close', () => {
    const db = new Database(':memory:');
    const s = openAlertStore(db);
    s.process([match()], settings);
    s.close();
    expect(db.open).toBe(true);
    const again = openAlertStore(db);
    expect(again.list()).toHaveLength(1);
    db.close();
  });

  it('writes nothing when a batch fails part way', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => store.process([match(), match({ matchedAt: T0 + 1, event: circular })], settings)).toThrow();
    expect(store.list()).toEqual([]);
    expect(store.changes()).toEqual([]);
    // the good match was not marked seen
    expect(store.process([match({ recordPosition: 0 })], settings).matches).toHaveLength(1);
  });

  it('rejects bad matches and unknown detections before writing', () => {
    expect(() => store.process([match(), match({ detection: 'nope' })], settings)).toThrow(
      /no alert settings for detection "nope"/,
    );
    expect(() => store.process([match({ recordPosition: -1 })], settings)).toThrow(/#0: recordPosition/);
    expect(() => store.process([match({ matchedAt: Number.NaN })], settings)).toThrow(/matchedAt/);
    expect(() => store.process([match({ severity: 'urgent' as never })], settings)).toThrow(/severity/);
    expect(() =>
      store.process([match()], { brute_force: { threshold: 0, deduplicationWindowMs: 1 } }),
    ).toThrow(/threshold/);
    expect(() =>
      store.process([match()], { brute_force: { threshold: 1, deduplicationWindowMs: 0 } }),
    ).toThrow(/deduplicationWindowMs/);
    expect(store.list()).toEqual([]);
  });

  it('keeps 64-bit and bigger integers of events and alert contexts exact', () => {
    const r = store.process(
      [match({ event: { small: 5n, big: 2n ** 70n }, alertContext: { id: 9007199254740993n } })],
      settings,
    );
    const stored = store.matches(r.matches[0]!.alertId)[0]!;
    expect(stored.event).toEqual({ small: 5, big: 2n ** 70n });
    expect(stored.alertContext).toEqual({ id: 9007199254740993n });
  });

  it('accepts settings as a Map', () => {
    const r = store.process([match()], new Map([['brute_force', settings.brute_force!]]));
    expect(r.changes).toHaveLength(1);
  });
});

describe('out-of-order match times', () => {
  it('processes a batch in match-time order whatever the array order', () => {
    const batch = [
      match({ matchedAt: T0 + 70 * MIN }),
      match({ matchedAt: T0 }),
      match({ matchedAt: T0 + 30 * MIN }),
      match({ matchedAt: T0 + 65 * MIN }),
    ];
    const r = store.process(batch, settings);
    expect(r.matches.map((m) => m.matchedAt)).toEqual([T0, T0 + 30 * MIN, T0 + 65 * MIN, T0 + 70 * MIN]);
    const [a, b, c, d] = r.matches;
    expect(a!.alertId).toBe(b!.alertId);
    expect(c!.alertId).toBe(d!.alertId);
    expect(c!.alertId).not.toBe(a!.alertId);

    const other = openAlertStore(':memory:');
    const reversed = other.process([...batch].reverse(), settings);
    other.close();
    expect(reversed.matches.map((m) => [m.id, m.alertId])).toEqual(r.matches.map((m) => [m.id, m.alertId]));
  });

  it('ties on time break by table, input and record position', () => {
    const r = store.process(
      [match({ recordPosition: 9, title: 'nine' }), match({ recordPosition: 2, title: 'two' })],
      settings,
    );
    expect(r.matches.map((m) => m.recordPosition)).toEqual([2, 9]);
    expect(store.alert(r.matches[0]!.alertId)!.title).toBe('two');
  });

  it('a late match from before the open alert started joins it', () => {
    const r1 = store.process([match({ matchedAt: T0 + 2 * 60 * MIN })], settings);
    const r2 = store.process([match({ matchedAt: T0 })], settings);
    expect(r2.matches[0]!.alertId).toBe(r1.matches[0]!.alertId);
    expect(r2.matches[0]!.firstMatchedAt).toBe(T0 + 2 * 60 * MIN);
    expect(store.alert(r1.matches[0]!.alertId)).toMatchObject({
      firstMatchedAt: T0 + 2 * 60 * MIN,
      lastMatchedAt: T0 + 2 * 60 * MIN,
      matchCount: 2,
    });
  });
});

describe('list', () => {
  beforeEach(() => {
    store.process(
      [
        match({ detection: 'root_login', dedupe: 'r1', severity: 'critical', matchedAt: T0 }),
        match({ detection: 'brute_force', dedupe: 'b1', severity: 'low', matchedAt: T0 + MIN }),
        match({ detection: 'brute_force', dedupe: 'b2', severity: 'medium', matchedAt: T0 + 2 * MIN }),
        match({ detection: 'three_strikes', dedupe: 't1', severity: 'high', matchedAt: T0 + 3 * MIN }),
        match({ detection: 'brute_force', dedupe: 'b1', severity: 'low', matchedAt: T0 + 10 * MIN }),
      ],
      settings,
    );
  });
  const dedupes = (f: Parameters<AlertStore['list']>[0]) => store.list(f).map((a) => a.dedupe);

  it('lists most recently matched first', () => {
    expect(dedupes({})).toEqual(['b1', 't1', 'b2', 'r1']);
  });
  it('filters by severity', () => {
    expect(dedupes({ severity: 'low' })).toEqual(['b1']);
    expect(dedupes({ severity: ['critical', 'medium'] })).toEqual(['b2', 'r1']);
    expect(dedupes({ severity: [] })).toEqual([]);
    expect(dedupes({ minSeverity: 'high' })).toEqual(['t1', 'r1']);
  });
  it('filters by detection', () => {
    expect(dedupes({ detection: 'brute_force' })).toEqual(['b1', 'b2']);
    expect(dedupes({ detection: ['root_login', 'three_strikes'] })).toEqual(['t1', 'r1']);
  });
  it('filters by since (any match at or after)', () => {
    expect(dedupes({ since: T0 + 2 * MIN })).toEqual(['b1', 't1', 'b2']);
    expect(dedupes({ since: T0 + 5 * MIN })).toEqual(['b1']);
  });
  it('filters by activated, combines filters, limits', () => {
    expect(dedupes({ activated: false })).toEqual(['t1']);
    expect(dedupes({ activated: true })).toEqual(['b1', 'b2', 'r1']);
    expect(dedupes({ activated: true, detection: 'brute_force', since: T0 + 5 * MIN })).toEqual(['b1']);
    expect(dedupes({ limit: 2 })).toEqual(['b1', 't1']);
  });
});
