import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { cellText, fmtBytes, fmtDuration, fmtInt } from './format';
import { parseHash } from './router';
import { timeline } from '../pages/alert-page';
import type { AlertResponse } from '../api/types';

describe('console helpers', () => {
  it('writes RFC 4180 CSV: quotes, NULL as empty, nested values as JSON', () => {
    const csv = toCsv(
      [
        { name: 'a', type: 'VARCHAR' },
        { name: 'b,c', type: 'STRUCT' },
      ],
      [
        ['x "y"', { k: 1 }],
        [null, 'line\nbreak'],
      ],
    );
    expect(csv).toBe('a,"b,c"\r\n"x ""y""","{""k"":1}"\r\n,"line\nbreak"\r\n');
  });

  it('parses hash routes with encoded segments', () => {
    expect(parseHash('#/alerts/a%2Fb')).toEqual(['alerts', 'a/b']);
    expect(parseHash('')).toEqual([]);
    expect(parseHash('#/sources/app?x=1')).toEqual(['sources', 'app']);
  });

  it('formats numbers, bytes and durations', () => {
    expect(fmtInt(1234567)).toBe('1,234,567');
    expect(fmtInt(null)).toBe('—');
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(1536)).toBe('1.5 KiB');
    expect(fmtDuration(950)).toBe('950 ms');
    expect(fmtDuration(90_000)).toBe('2 min');
    expect(cellText({ a: [1] })).toBe('{"a":[1]}');
  });

  it('orders an alert timeline by time: created, activated, status changes, deliveries', () => {
    const r = {
      alert: {
        id: 'x',
        title: 't',
        severity: 'high',
        detection: 'd',
        status: 'acknowledged',
        dedupe: 'k',
        matchCount: 1,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        activated: true,
        activatedAt: '2026-01-01T00:00:01.000Z',
        destinations: ['hook'],
        statusHistory: [{ status: 'acknowledged', by: 'ana', at: '2026-01-01T00:05:00.000Z', note: null }],
      },
      matches: [],
      deliveries: [
        {
          changeId: 'x:activated',
          kind: 'activated',
          destination: 'hook',
          destinationType: 'webhook',
          state: 'sent',
          gaveUp: false,
          attempts: 2,
          error: null,
          response: null,
          createdAt: '2026-01-01T00:00:01.000Z',
          updatedAt: '2026-01-01T00:00:02.000Z',
          sentAt: '2026-01-01T00:00:02.000Z',
        },
      ],
    } satisfies AlertResponse;
    expect(timeline(r).map((e) => e.text)).toEqual([
      'Created by d',
      'Activated (threshold reached)',
      'Alert → hook (webhook): sent after 2 attempts',
      'Acknowledged by ana',
    ]);
  });
});
