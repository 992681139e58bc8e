import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../service/types.js';
import { testRoutes } from './test-helpers/routes.js';

type Body = string | Uint8Array;

function post(
  t: ReturnType<typeof testRoutes>,
  path: string,
  body: Body,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(t.app.request(path, { method: 'POST', body, headers }));
}

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json()) as { error: { message: string; status: number } };
  expect(body.error.status).toBe(res.status);
  return body.error.message;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lakewatch-http-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** NDJSON compressed by DuckDB's zstd writer (Node 20's zlib has no zstd). */
async function zstdNdjson(sql: string): Promise<Buffer> {
  const p = join(dir, `${Math.random().toString(36).slice(2)}.json.zst`);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(`COPY (${sql}) TO '${p}' (FORMAT json, COMPRESSION zstd)`);
  } finally {
    con.closeSync();
    db.closeSync();
  }
  return readFile(p);
}

describe('POST /ingest/:logSource framings', () => {
  it('takes NDJSON (x-ndjson and jsonl), skipping blank lines and keeping each line exactly', async () => {
    for (const type of ['application/x-ndjson', 'application/jsonl; charset=utf-8']) {
      const t = testRoutes();
      const res = await post(t, '/ingest/web', '{"a":1}\r\n\n  {"big": 12345678901234567890, "f": 1.50}\n', {
        'content-type': type,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { accepted: number; requestId: string };
      expect(body.accepted).toBe(2);
      expect(body.requestId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(res.headers.get('x-request-id')).toBe(body.requestId);
      expect(t.calls).toEqual([
        {
          logSource: 'web',
          text: '{"a":1}\n{"big": 12345678901234567890, "f": 1.50}\n',
          events: 2,
          meta: { requestId: body.requestId, endpoint: 'ingest' },
        },
      ]);
      expect(await t.requests({ log_source: 'web', endpoint: 'ingest', outcome: 'accepted' })).toBe(1);
      const events = await t.metrics.httpIngestEvents.get();
      expect(events.values[0]).toMatchObject({ value: 2, labels: { log_source: 'web', endpoint: 'ingest' } });
    }
  });

  it('takes a JSON array of objects as one line per element, pretty-printing removed', async () => {
    const t = testRoutes();
    const body = '[\n  {\n    "a": 1,\n    "s": "x y"\n  },\n  {"b": [1, 2]}\n]\n';
    const res = await post(t, '/ingest/web', body, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(t.calls[0]!.text).toBe('{    "a": 1,    "s": "x y"  }\n{"b": [1, 2]}\n');
    expect(t.calls[0]!.events).toBe(2);
  });

  it('takes one JSON object, and NDJSON or concatenated objects sent as application/json', async () => {
    const t = testRoutes();
    expect(
      (await post(t, '/ingest/web', '{\n "one": true\n}', { 'content-type': 'application/json' })).status,
    ).toBe(200);
    expect(
      (await post(t, '/ingest/web', '{"a":1}\n{"a":2}\n', { 'content-type': 'application/json' })).status,
    ).toBe(200);
    expect(
      (await post(t, '/ingest/web', '{"a":3}{"a":4}', { 'content-type': 'application/json' })).status,
    ).toBe(200);
    expect(t.calls.map((c) => [c.text, c.events])).toEqual([
      ['{ "one": true}\n', 1],
      ['{"a":1}\n{"a":2}\n', 2],
      ['{"a":3}\n{"a":4}\n', 2],
    ]);
  });

  it('takes JSON text sequences (RFC 7464)', async () => {
    const t = testRoutes();
    const res = await post(t, '/ingest/web', '\x1e{"a":1}\n\x1e{\n"b":2}\n', {
      'content-type': 'application/json-seq',
    });
    expect(res.status).toBe(200);
    expect(t.calls[0]).toMatchObject({ text: '{"a":1}\n{"b":2}\n', events: 2 });
  });

  it('passes text lines on as they are, counting non-empty lines', async () => {
    const t = testRoutes();
    const res = await post(
      t,
      '/ingest/syslog',
      '<34>Oct 11 22:14:15 host su: fail\r\n\n  indented {"not": "parsed"}',
      {
        'content-type': 'text/plain; charset=utf-8',
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2 });
    expect(t.calls[0]).toMatchObject({
      logSource: 'syslog',
      text: '<34>Oct 11 22:14:15 host su: fail\r\n\n  indented {"not": "parsed"}\n',
      events: 2,
    });
  });

  it('takes text and JSON for `auto` sources, text/csv for csv sources, and picks by format without Content-Type', async () => {
    const t = testRoutes();
    expect((await post(t, '/ingest/flows', 'a line\n', { 'content-type': 'text/plain' })).status).toBe(200);
    expect((await post(t, '/ingest/flows', '[{"a":1}]', { 'content-type': 'application/json' })).status).toBe(
      200,
    );
    expect((await post(t, '/ingest/audit', '1,2,3\n4,5,6\n', { 'content-type': 'text/csv' })).status).toBe(
      200,
    );
    // No Content-Type: JSON for json sources, text for text sources.
    const res = await t.app.request('/ingest/web', {
      method: 'POST',
      body: new TextEncoder().encode('[{"x":1}]'),
    });
    expect(res.status).toBe(200);
    expect(t.calls.map((c) => [c.logSource, c.text])).toEqual([
      ['flows', 'a line\n'],
      ['flows', '{"a":1}\n'],
      ['audit', '1,2,3\n4,5,6\n'],
      ['web', '{"x":1}\n'],
    ]);
  });

  it('answers 415 for a content type the source does not take, or an unknown one', async () => {
    const t = testRoutes();
    let res = await post(t, '/ingest/web', 'a line', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatch(/log source web takes JSON \(ingest\.format: json\)/);
    res = await post(t, '/ingest/syslog', '{"a":1}', { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatch(/log source syslog takes text lines/);
    res = await post(t, '/ingest/web', '<a/>', { 'content-type': 'application/xml' });
    expect(res.status).toBe(415);
    // Answered without reading the body: the connection is closed so the client stops sending.
    expect(res.headers.get('connection')).toBe('close');
    expect(await errorOf(res)).toMatch(
      /Content-Type application\/xml is not supported; use application\/json/,
    );
    res = await post(t, '/ingest/web', '{"a":1}', {
      'content-type': 'application/json',
      'content-encoding': 'br',
    });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatch(/Content-Encoding "br" is not supported/);
    expect(t.calls).toEqual([]);
  });

  it('answers 404 naming the known log sources for an unknown or disabled one', async () => {
    const t = testRoutes();
    const res = await post(t, '/ingest/nope', '{"a":1}', { 'content-type': 'application/json' });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toBe(
      'log source "nope" is not a log source of this lake; known log sources: web, syslog, flows, audit',
    );
    expect(await t.requests({ log_source: '(unknown)', endpoint: 'ingest', outcome: 'rejected' })).toBe(1);
    const off = testRoutes({ sources: { web: 'json' }, disabled: ['old'] });
    const res2 = await post(off, '/ingest/old', '{"a":1}', { 'content-type': 'application/json' });
    expect(res2.status).toBe(404);
    expect(await errorOf(res2)).toBe(
      'log source "old" is not a log source of this lake; known log sources: web',
    );
    expect(t.calls).toEqual([]);
    expect(off.calls).toEqual([]);
  });

  it('drops a UTF-8 byte order mark', async () => {
    const t = testRoutes();
    const bom = '\ufeff';
    expect(
      (await post(t, '/ingest/web', bom + '{"a":1}\n', { 'content-type': 'application/x-ndjson' })).status,
    ).toBe(200);
    expect(
      (await post(t, '/ingest/web', bom + '[{"a":2}]', { 'content-type': 'application/json' })).status,
    ).toBe(200);
    expect(t.calls.map((c) => c.text)).toEqual(['{"a":1}\n', '{"a":2}\n']);
  });
});

describe('POST /ingest/:logSource compression', () => {
  it('decompresses gzip (also several members) and sniffs gzip sent without Content-Encoding', async () => {
    const t = testRoutes();
    const gz = Buffer.concat([gzipSync('{"a":1}\n'), gzipSync('{"a":2}\n')]);
    expect(
      (
        await post(t, '/ingest/web', gz, {
          'content-type': 'application/x-ndjson',
          'content-encoding': 'gzip',
        })
      ).status,
    ).toBe(200);
    expect(
      (await post(t, '/ingest/syslog', gzipSync('one\ntwo\n'), { 'content-type': 'text/plain' })).status,
    ).toBe(200);
    expect(t.calls.map((c) => [c.text, c.events])).toEqual([
      ['{"a":1}\n{"a":2}\n', 2],
      ['one\ntwo\n', 2],
    ]);
    const bytes = await t.metrics.httpIngestBytes.get();
    expect(bytes.values.find((v) => v.labels.log_source === 'web')?.value).toBe(gz.length);
  });

  it('decompresses zstd', async () => {
    const t = testRoutes();
    const zst = await zstdNdjson('SELECT i AS n, 9007199254740993 AS big FROM range(3) t(i)');
    const res = await post(t, '/ingest/web', zst, {
      'content-type': 'application/x-ndjson',
      'content-encoding': 'zstd',
    });
    expect(res.status).toBe(200);
    expect(t.calls[0]).toMatchObject({
      text: '{"n":0,"big":9007199254740993}\n{"n":1,"big":9007199254740993}\n{"n":2,"big":9007199254740993}\n',
      events: 3,
    });
  });

  it('rejects a body that is not what Content-Encoding says, or a broken stream', async () => {
    const t = testRoutes();
    let res = await post(t, '/ingest/web', '{"a":1}', {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe(
      "Content-Encoding is gzip but the body does not start with gzip's magic bytes",
    );
    const gz = gzipSync('{"a":1}\n'.repeat(1000));
    res = await post(t, '/ingest/web', gz.subarray(0, gz.length - 20), {
      'content-type': 'application/x-ndjson',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^the gzip body cannot be decompressed: gzip stream is truncated/);
    res = await post(t, '/ingest/web', gzipSync('{"a":1}\n'), {
      'content-type': 'application/x-ndjson',
      'content-encoding': 'zstd',
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe(
      "Content-Encoding is zstd but the body does not start with zstd's magic bytes",
    );
    const zst = await zstdNdjson('SELECT i AS n FROM range(1000) t(i)');
    zst[zst.length - 8] = zst[zst.length - 8]! ^ 0xff;
    res = await post(t, '/ingest/web', zst.subarray(0, zst.length - 4), {
      'content-type': 'application/x-ndjson',
      'content-encoding': 'zstd',
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^the zstd body cannot be decompressed: zstd stream is/);
    expect(t.calls).toEqual([]);
  });

  it('answers 413 when the decompressed body passes maxDecodedBodyBytes (zip bomb)', async () => {
    const t = testRoutes({ limits: { maxBodyBytes: 64 * 1024, maxDecodedBodyBytes: 1024 * 1024 } });
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await post(t, '/ingest/web', bomb, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toBe('the gzip-decompressed body is larger than the limit of 1048576 bytes');
    expect(res.headers.get('connection')).toBeNull(); // the body was read in full: keep-alive is fine
    expect(await t.requests({ log_source: 'web', endpoint: 'ingest', outcome: 'too_large' })).toBe(1);
    expect(t.calls).toEqual([]);
  });
});

describe('POST /ingest/:logSource bad bodies: 400 naming the place, nothing accepted', () => {
  const cases: [string, string, Body, RegExp | string][] = [
    [
      'ndjson line not JSON',
      'application/x-ndjson',
      '{"a":1}\n{"a":2}\nnot json\n{"a":4}\n',
      /^line 3: invalid JSON: /,
    ],
    [
      'ndjson line not an object',
      'application/x-ndjson',
      '{"a":1}\n\n[1,2]\n',
      'line 3: expected a JSON object, got an array',
    ],
    ['ndjson cut mid-object', 'application/jsonl', '{"a":1}\n{"a":', /^line 2: invalid JSON: /],
    [
      'array element not an object',
      'application/json',
      '[{"a":1},\n 42]',
      'element 2 (line 2): expected a JSON object, got a number',
    ],
    [
      'array element broken',
      'application/json',
      '[{"a":1},\n{"b":}]',
      /^element 2 \(line 2\): invalid JSON: /,
    ],
    [
      'array not closed',
      'application/json',
      '[{"a":1},{"b":2}',
      'element 2: the array is not closed before the end of the body',
    ],
    [
      'array missing comma',
      'application/json',
      '[{"a":1}\n{"b":2}]',
      'element 1 (line 2): expected "," or "]" after the element',
    ],
    ['text after array', 'application/json', '[{"a":1}]\nx', 'line 2: unexpected text after the array'],
    [
      'object not closed',
      'application/json',
      '{"a":1}\n{"b": {"c": 1}',
      /^object 2 \(line 2\): invalid JSON: the object is not closed/,
    ],
    [
      'string not closed',
      'application/json',
      '{"a":"x}',
      /^object 1 \(line 1\): invalid JSON: unterminated string/,
    ],
    ['not JSON at all', 'application/json', 'hello', 'line 1: expected a JSON array or object, got "hello"'],
    [
      'json-seq record broken',
      'application/json-seq',
      '\x1e{"a":1}\n\x1e{"a"\n',
      /^record 2: invalid JSON: /,
    ],
    [
      'json-seq without RS',
      'application/json-seq',
      '{"a":1}\n',
      'record 1: a json-seq body must start with the RS character (0x1E)',
    ],
    [
      'invalid UTF-8',
      'application/x-ndjson',
      Buffer.from([...Buffer.from('{"a":1}\n{"b":"'), 0xff, ...Buffer.from('"}\n')]),
      'line 2: the body is not valid UTF-8',
    ],
    ['empty body', 'application/json', '', 'the request body is empty'],
    [
      'whitespace only (JSON)',
      'application/x-ndjson',
      ' \n\n',
      'the body holds no JSON object (only whitespace)',
    ],
    ['empty array', 'application/json', '[ ]', 'the body holds no JSON object (only whitespace)'],
  ];
  for (const [name, type, body, message] of cases)
    it(name, async () => {
      const t = testRoutes();
      const res = await post(t, '/ingest/web', body, { 'content-type': type });
      expect(res.status).toBe(400);
      expect(res.headers.get('connection')).toBeNull();
      const got = await errorOf(res);
      if (typeof message === 'string') expect(got).toBe(message);
      else expect(got).toMatch(message);
      expect(t.calls).toEqual([]);
      expect(await t.requests({ log_source: 'web', endpoint: 'ingest', outcome: 'rejected' })).toBe(1);
    });

  it('text body with only line breaks', async () => {
    const t = testRoutes();
    const res = await post(t, '/ingest/syslog', '\r\n\n', { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe('the body holds no line of text (only line breaks)');
  });
});

describe('accept failures', () => {
  it('answers 503 when the service is shutting down (ingest and HEC), 500 on other errors', async () => {
    const t = testRoutes({
      accept: (s) => Promise.reject(s === 'web' ? new ServiceUnavailableError() : new Error('disk full')),
    });
    let res = await post(t, '/ingest/web', '{"a":1}', { 'content-type': 'application/json' });
    expect(res.status).toBe(503);
    expect(await errorOf(res)).toBe('the service cannot take data now: the service is shutting down');
    expect(await t.requests({ log_source: 'web', endpoint: 'ingest', outcome: 'unavailable' })).toBe(1);
    res = await post(t, '/services/collector/event?log_source=web', '{"event":{"a":1}}');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ text: 'Server is busy', code: 9 });
    res = await post(t, '/ingest/syslog', 'x', { 'content-type': 'text/plain' });
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toBe('accepting the data failed: disk full');
  });

  it('answers only after accept resolved', async () => {
    let release!: () => void;
    let called!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const acceptCalled = new Promise<void>((r) => (called = r));
    const t = testRoutes({
      accept: () => {
        called();
        return gate;
      },
    });
    let answered = false;
    const pending = post(t, '/ingest/web', '{"a":1}', { 'content-type': 'application/json' }).then((r) => {
      answered = true;
      return r;
    });
    await acceptCalled;
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    release();
    expect((await pending).status).toBe(200);
    expect(t.calls).toHaveLength(1);
  });
});
