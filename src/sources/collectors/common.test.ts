import { describe, expect, it } from 'vitest';
import { nextLink, pullWindows, startTimeMs, type WindowState, type WindowStream } from './common.js';
import { testContext } from './test-helpers/context.js';
import type { PulledPage } from './types.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const H = 3_600_000;

describe('nextLink', () => {
  it('finds rel="next" among several links and rel forms', () => {
    expect(nextLink('<https://a/x?after=1>; rel="self", <https://a/x?after=2>; rel="next"')).toBe(
      'https://a/x?after=2',
    );
    expect(nextLink('<https://a/x?b=1,2>; rel=next')).toBe('https://a/x?b=1,2');
    expect(nextLink('<https://a/x?p=3>; title="x"; rel="prev next"')).toBe('https://a/x?p=3');
    expect(nextLink('<https://a/x>; rel="self"')).toBeUndefined();
    expect(nextLink('<https://a/x>; rel="nextish"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});

describe('startTimeMs', () => {
  it('reads an ISO time or a duration back from now; default 24 h ago', () => {
    const ctx = (start_time?: unknown) =>
      testContext({ collector: 'T', now: NOW, properties: { start_time } });
    expect(startTimeMs(ctx(), 'T')).toBe(NOW - 24 * H);
    expect(startTimeMs(ctx('7d'), 'T')).toBe(NOW - 7 * 24 * H);
    expect(startTimeMs(ctx('2026-02-01T00:00:00Z'), 'T')).toBe(Date.parse('2026-02-01T00:00:00Z'));
    expect(() => startTimeMs(ctx('yesterday'), 'T')).toThrow(
      'T: managed.properties.start_time: expected an ISO 8601 time or a duration like 7d',
    );
  });
});

describe('pullWindows', () => {
  /** Events every 10 minutes; the API answers [from, to] inclusive, 4 per page. */
  function stream(
    events: { id: string; t: number }[],
    calls: [number, number, string | undefined][],
  ): WindowStream {
    return {
      key: 's',
      table: 't',
      async fetchPage(from, to, next) {
        calls.push([from, to, next]);
        const all = events.filter((e) => e.t >= from && e.t <= to);
        const start = Number(next ?? 0);
        return {
          records: all.slice(start, start + 4),
          next: start + 4 < all.length ? String(start + 4) : undefined,
        };
      },
      idOf: (r) => (r as { id: string }).id,
      timeOf: (r) => (r as { t: number }).t,
    };
  }

  async function run(
    events: { id: string; t: number }[],
    cursor: Record<string, unknown>,
    now: number,
    opts = {},
  ) {
    const calls: [number, number, string | undefined][] = [];
    const ctx = testContext({ collector: 'T', now });
    const pages: PulledPage[] = [];
    for await (const p of pullWindows([stream(events, calls)], {
      collector: 'T',
      cursor,
      ctx,
      lagMs: 60_000,
      overlapMs: 15 * 60_000,
      startMs: now - 3 * 24 * H,
      ...opts,
    }))
      pages.push(p);
    return { pages, calls, ids: pages.flatMap((p) => p.records.map((r) => (r as { id: string }).id)) };
  }

  it('cuts a long first run into day windows, pages each, and keeps only the overlap ids', async () => {
    const events = Array.from({ length: 3 * 24 * 6 }, (_, n) => ({
      id: `e${n}`,
      t: NOW - 3 * 24 * H + n * 600_000,
    }));
    const cursor: Record<string, unknown> = {};
    const { ids, calls } = await run(events, cursor, NOW);
    const upTo = events.filter((e) => e.t <= NOW - 60_000);
    expect(ids).toEqual(upTo.map((e) => e.id));
    const windows = [...new Set(calls.map(([f, t]) => `${f}-${t}`))];
    expect(windows).toHaveLength(4); // 3 days of 1-day windows, each restarting 15 min before the last end, + the rest
    const state = cursor.s as WindowState;
    expect(state.window).toBeUndefined();
    expect(state.from).toBe(NOW - 60_000 - 15 * 60_000);
    expect(Object.keys(state.seen).sort()).toEqual(
      upTo
        .filter((e) => e.t >= state.from)
        .map((e) => e.id)
        .sort(),
    );
  });

  it('a later run re-reads the overlap and returns late events only', async () => {
    const events = [
      { id: 'a', t: NOW - 30 * 60_000 },
      { id: 'b', t: NOW - 5 * 60_000 },
    ];
    const cursor: Record<string, unknown> = {};
    expect((await run(events, cursor, NOW)).ids).toEqual(['a', 'b']);
    events.push({ id: 'late', t: NOW - 10 * 60_000 }, { id: 'new', t: NOW + 4 * 60_000 });
    const later = await run(events, JSON.parse(JSON.stringify(cursor)), NOW + 10 * 60_000);
    expect(later.ids.sort()).toEqual(['late', 'new']);
    expect(later.calls[0]![0]).toBe(NOW - 60_000 - 15 * 60_000);
  });

  it('nothing to do when the window would be empty (now − lag before the start)', async () => {
    const cursor = { s: { from: NOW, seen: {} } };
    expect((await run([], cursor, NOW)).pages).toEqual([]);
  });
});
