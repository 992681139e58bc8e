import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testRoutes } from './test-helpers/routes.js';

function post(
  t: ReturnType<typeof testRoutes>,
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(t.app.request(path, { method: 'POST', body, headers }));
}

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;

describe('HEC health', () => {
  it('answers HEC is healthy', async () => {
    const t = testRoutes();
    for (const path of ['/services/collector/health', '/services/collector/health/1.0']) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ text: 'HEC is healthy', code: 17 });
    }
  });
});

describe('HEC /services/collector/event', () => {
  it('takes concatenated events (no separator, newlines, spaces) on both paths; object events stay exact', async () => {
    const t = testRoutes();
    const body =
      '{"time":1700000000.5,"host":"h1","event":{"user":"alice","id":12345678901234567890}}' +
      '{"event":{\n"user":"bob"}}\n  {"event":"{\\"user\\":\\"carol\\"}","fields":{"x":1}}';
    for (const path of ['/services/collector/event?log_source=web', '/services/collector?log_source=web']) {
      const res = await post(t, path, body, { 'content-type': 'application/json' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ text: 'Success', code: 0 });
    }
    expect(t.calls).toHaveLength(2);
    expect(t.calls[0]).toMatchObject({
      logSource: 'web',
      text: '{"user":"alice","id":12345678901234567890}\n{"user":"bob"}\n{"user":"carol"}\n',
      events: 3,
      meta: { endpoint: 'hec-event' },
    });
    expect(t.calls[0]!.meta.requestId).not.toBe(t.calls[1]!.meta.requestId);
    expect(await t.requests({ log_source: 'web', endpoint: 'hec-event', outcome: 'accepted' })).toBe(2);
  });

  it('turns string events into text lines for text sources and for JSON sources when not a JSON object', async () => {
    const t = testRoutes();
    let res = await post(
      t,
      '/services/collector/event?log_source=syslog',
      '{"event":"line one"}{"event":"two\\nthree"}{"event":{"k":1}}',
    );
    expect(res.status).toBe(200);
    res = await post(t, '/services/collector/event?log_source=web', '{"event":"plain text"}{"event":42}');
    expect(res.status).toBe(200);
    expect(t.calls.map((c) => [c.logSource, c.text, c.events])).toEqual([
      ['syslog', 'line one\ntwo\nthree\n{"k":1}\n', 4],
      ['web', 'plain text\n42\n', 2],
    ]);
  });

  it('takes gzip', async () => {
    const t = testRoutes();
    const res = await post(t, '/services/collector/event', gzipSync('{"sourcetype":"web","event":{"a":1}}'), {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(t.calls[0]).toMatchObject({ logSource: 'web', text: '{"a":1}\n' });
  });

  it('routes by each event sourcetype, then ?sourcetype=, with one accept per log source', async () => {
    const t = testRoutes();
    const body = [
      '{"sourcetype":"web","event":{"n":1}}',
      '{"sourcetype":"syslog","event":"sys 1"}',
      '{"event":{"n":2}}',
      '{"sourcetype":"_json","event":{"n":3}}',
      '{"sourcetype":"syslog","event":"sys 2"}',
    ].join('\n');
    const res = await post(t, '/services/collector/event?sourcetype=web', body);
    expect(res.status).toBe(200);
    expect(t.calls.map((c) => [c.logSource, c.text, c.events])).toEqual([
      ['web', '{"n":1}\n{"n":2}\n{"n":3}\n', 3],
      ['syslog', 'sys 1\nsys 2\n', 2],
    ]);
    const [a, b] = t.calls.map((c) => c.meta.requestId);
    expect(a!.slice(0, -2)).toBe(b!.slice(0, -2));
    expect([a!.slice(-2), b!.slice(-2)]).toEqual(['-1', '-2']);
    expect(await t.requests({ log_source: 'syslog', endpoint: 'hec-event', outcome: 'accepted' })).toBe(1);
    const bytes = (await t.metrics.httpIngestBytes.get()).values.reduce((n, v) => n + v.value, 0);
    expect(bytes).toBe(Buffer.byteLength(body));
  });

  it('?log_source= overrides sourcetypes', async () => {
    const t = testRoutes();
    const res = await post(
      t,
      '/services/collector/event?log_source=flows',
      '{"sourcetype":"web","event":{"a":1}}',
    );
    expect(res.status).toBe(200);
    expect(t.calls[0]!.logSource).toBe('flows');
  });

  it('answers 400 in HEC shape naming the known log sources when an event has no destination; nothing accepted', async () => {
    const t = testRoutes();
    let res = await post(
      t,
      '/services/collector/event',
      '{"sourcetype":"web","event":{"a":1}}{"sourcetype":"nginx","event":{"a":2}}',
    );
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      text: 'Incorrect index',
      code: 7,
      'invalid-event-number': 1,
      detail:
        'event 1: sourcetype "nginx" is not a log source of this lake (set ?log_source=); known log sources: web, syslog, flows, audit',
    });
    res = await post(t, '/services/collector/event', '{"event":{"a":2}}');
    expect(await json(res)).toMatchObject({
      code: 7,
      detail:
        'event 0: no sourcetype naming a log source and no ?log_source=; known log sources: web, syslog, flows, audit',
    });
    res = await post(t, '/services/collector/event?log_source=nope', '{"event":{"a":2}}');
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      text: 'Incorrect index',
      code: 7,
      detail:
        'log_source "nope" is not a log source of this lake; known log sources: web, syslog, flows, audit',
    });
    expect(t.calls).toEqual([]);
    expect(await t.requests({ log_source: '(unknown)', endpoint: 'hec-event', outcome: 'rejected' })).toBe(3);
  });

  it('validates the whole body before any accept: a bad event after good ones for other sources accepts nothing', async () => {
    const t = testRoutes();
    const res = await post(
      t,
      '/services/collector/event',
      '{"sourcetype":"web","event":{"a":1}}\n{"sourcetype":"syslog","event":"x"}\n{"sourcetype":"web","event":{"a":}}',
    );
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({
      text: 'Invalid data format',
      code: 6,
      'invalid-event-number': 2,
    });
    expect(t.calls).toEqual([]);
  });

  const bad: [string, string | Uint8Array, Record<string, unknown>][] = [
    ['empty body', '', { text: 'No data', code: 5 }],
    ['whitespace only', '  \n', { text: 'No data', code: 5 }],
    [
      'broken JSON',
      '{"event":{"a":1}}{"event":',
      { text: 'Invalid data format', code: 6, 'invalid-event-number': 1 },
    ],
    [
      'not an object',
      '{"event":"a"} [1]',
      { text: 'Invalid data format', code: 6, 'invalid-event-number': 1 },
    ],
    [
      'event missing',
      '{"event":"a"}{"time":1}',
      { text: 'Event field is required', code: 12, 'invalid-event-number': 1 },
    ],
    [
      'event blank',
      '{"event":""}',
      { text: 'Event field cannot be blank', code: 13, 'invalid-event-number': 0 },
    ],
    [
      'event null',
      '{"event":null}',
      { text: 'Event field cannot be blank', code: 13, 'invalid-event-number': 0 },
    ],
    ['gzip that is not', gzipSync('{"event":"a"}').subarray(0, 12), { text: 'Invalid data format', code: 6 }],
  ];
  for (const [name, body, answer] of bad)
    it(`answers 400 for ${name}`, async () => {
      const t = testRoutes();
      const res = await post(t, '/services/collector/event?log_source=web', body);
      expect(res.status).toBe(400);
      const got = await json(res);
      expect(got).toMatchObject(answer);
      expect(typeof got.detail).toBe('string');
      expect(t.calls).toEqual([]);
    });
});

describe('HEC /services/collector/raw', () => {
  it('takes raw lines for the log source named by ?sourcetype= or ?log_source=', async () => {
    const t = testRoutes();
    let res = await post(t, '/services/collector/raw?sourcetype=syslog&channel=abc', 'first\nsecond\n');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: 'Success', code: 0 });
    res = await post(t, '/services/collector/raw/1.0?log_source=web', gzipSync('{"a":1}\n{"a":2}'), {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(t.calls.map((c) => [c.logSource, c.text, c.events, c.meta.endpoint])).toEqual([
      ['syslog', 'first\nsecond\n', 2, 'hec-raw'],
      ['web', '{"a":1}\n{"a":2}\n', 2, 'hec-raw'],
    ]);
  });

  it('needs JSON lines for a JSON source and a log source to go to', async () => {
    const t = testRoutes();
    let res = await post(t, '/services/collector/raw?log_source=web', '{"a":1}\nnot json\n');
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({
      code: 6,
      'invalid-event-number': 1,
      detail: expect.stringMatching(/^line 2: invalid JSON/),
    });
    res = await post(t, '/services/collector/raw', 'x\n');
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({
      code: 7,
      detail:
        'raw events need ?log_source= or ?sourcetype= naming a log source; known log sources: web, syslog, flows, audit',
    });
    expect(t.calls).toEqual([]);
  });
});
