import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  listen,
  send,
  uploadAndDisconnect,
  uploadUntilAnswered,
  type Loopback,
} from './test-helpers/loopback.js';
import { testRoutes } from './test-helpers/routes.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const NDJSON = { 'content-type': 'application/x-ndjson' };
const line = Buffer.from('{"msg":"' + 'x'.repeat(1000) + '"}\n');
const chunk64k = Buffer.concat(Array.from({ length: 64 }, () => line));

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('size limits on a real server', () => {
  it('answers 413 to a 1 GB Content-Length at once, closing the connection, without reading the body', async () => {
    const t = testRoutes({ limits: { maxBodyBytes: 64 * MiB, maxDecodedBodyBytes: 128 * MiB } });
    server = await listen(t.app);
    const r = await uploadUntilAnswered(
      server.port,
      '/ingest/web',
      { ...NDJSON, 'content-length': String(GiB) },
      chunk64k,
      GiB,
    );
    expect(r.status).toBe(413);
    // The answer came while the client had sent far less than the limit, let alone 1 GB:
    // the server decided from the header, it did not read up to the limit.
    expect(r.written).toBeLessThan(64 * MiB);
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body)).toEqual({
      error: {
        message: `the body (Content-Length ${GiB}) is larger than the limit of ${64 * MiB} bytes`,
        status: 413,
      },
    });
    expect(t.calls).toEqual([]);
    expect(await t.requests({ log_source: 'web', endpoint: 'ingest', outcome: 'too_large' })).toBe(1);
  });

  it('cuts a chunked upload off with 413 once it passes maxBodyBytes', async () => {
    const t = testRoutes({ limits: { maxBodyBytes: MiB, maxDecodedBodyBytes: 8 * MiB } });
    server = await listen(t.app);
    const r = await uploadUntilAnswered(server.port, '/ingest/web', NDJSON, chunk64k, GiB);
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body).error.message).toBe(`the body is larger than the limit of ${MiB} bytes`);
    expect(r.written).toBeGreaterThan(MiB);
    expect(r.written).toBeLessThan(GiB);
    expect(t.calls).toEqual([]);
    expect(await t.requests({ log_source: 'web', endpoint: 'ingest', outcome: 'too_large' })).toBe(1);
  });

  it('answers HEC clients in HEC shape on 413', async () => {
    const t = testRoutes({ limits: { maxBodyBytes: MiB, maxDecodedBodyBytes: 8 * MiB } });
    server = await listen(t.app);
    const r = await uploadUntilAnswered(
      server.port,
      '/services/collector/event?log_source=web',
      { 'content-length': String(GiB) },
      chunk64k,
      GiB,
    );
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ text: 'Invalid data format', code: 6 });
    expect(t.calls).toEqual([]);
  });

  it('answers 413 for a small gzip body that decompresses past maxDecodedBodyBytes', async () => {
    const t = testRoutes({ limits: { maxBodyBytes: MiB, maxDecodedBodyBytes: 4 * MiB } });
    server = await listen(t.app);
    const bomb = gzipSync(Buffer.concat(Array.from({ length: 1024 }, () => chunk64k)));
    expect(bomb.length).toBeLessThan(MiB);
    const r = await send(server.port, '/ingest/web', { ...NDJSON, 'content-encoding': 'gzip' }, bomb);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toBe(
      `the gzip-decompressed body is larger than the limit of ${4 * MiB} bytes`,
    );
    expect(t.calls).toEqual([]);
  });

  it('takes a body just under the limits', async () => {
    const t = testRoutes({ limits: { maxBodyBytes: 64 * 1024, maxDecodedBodyBytes: 64 * 1024 } });
    server = await listen(t.app);
    const r = await send(server.port, '/ingest/web', NDJSON, chunk64k);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ accepted: 64 });
    expect(t.calls[0]!.text).toBe(chunk64k.toString());
  });
});

describe('clients that disconnect mid-upload', () => {
  for (const [name, headers] of [
    ['chunked', NDJSON],
    ['with Content-Length', { ...NDJSON, 'content-length': String(10 * chunk64k.length) }],
  ] as const)
    it(`accepts nothing and counts the request as aborted (${name})`, async () => {
      const t = testRoutes();
      server = await listen(t.app);
      await uploadAndDisconnect(server.port, '/ingest/web', headers, [chunk64k, chunk64k, chunk64k]);
      const seen = await eventually(
        async () => (await t.requests({ log_source: 'web', endpoint: 'ingest', outcome: 'aborted' })) === 1,
      );
      expect(seen).toBe(true);
      expect(t.calls).toEqual([]);
      // The server still serves the next client.
      const r = await send(server.port, '/ingest/web', NDJSON, '{"a":1}\n');
      expect(r.status).toBe(200);
      expect(t.calls).toHaveLength(1);
    });
});
