/**
 * Requests shaped the way log shippers send them to Splunk HEC, per their public docs:
 *  - Vector `splunk_hec_logs` sink: `POST /services/collector/event` (endpoint_target `event`) with
 *    `Authorization: Splunk <token>`, `Content-Type: application/json`, `Content-Encoding: gzip`
 *    (compression `gzip`), `X-Splunk-Request-Channel` (indexer acknowledgements), a batch of events
 *    concatenated without separators, each `{"event":…,"fields":{…},"time":<float>,"host":…}` plus
 *    `sourcetype`/`source`/`index` when configured; endpoint_target `raw`: `POST /services/collector/raw`
 *    with `channel`/`sourcetype` etc. as query parameters and one message per line.
 *  - Fluent Bit `splunk` output: `POST /services/collector/event`, `Authorization: Splunk <token>`,
 *    `Content-Type: application/json`, `Content-Encoding: gzip` (`compress gzip`), a Content-Length
 *    body of records nested under `event` with a top-level `time` (and `sourcetype` from
 *    `event_sourcetype`), concatenated; with `splunk_send_raw on` the record is the top level and
 *    must carry `event` itself.
 * Authentication is not checked here (server/ does it before these routes).
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, send, type Loopback } from './test-helpers/loopback.js';
import { testRoutes } from './test-helpers/routes.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = 'Splunk 00000000-0000-0000-0000-000000000000';

describe('Vector splunk_hec_logs sink', () => {
  it('event target, gzip, batched events concatenated without separators, routed by sourcetype', async () => {
    const t = testRoutes();
    server = await listen(t.app);
    const events = Array.from({ length: 500 }, (_, i) => ({
      event: { message: `GET /item/${i} 200`, status: 200, bytes: 1000 + i, user: { name: `u${i % 7}` } },
      fields: {},
      time: 1700000000.123 + i / 1000,
      host: 'web-01',
      sourcetype: i % 5 === 0 ? 'syslog' : 'web',
    }));
    const body = gzipSync(events.map((e) => JSON.stringify(e)).join(''));
    const res = await send(
      server.port,
      '/services/collector/event',
      {
        authorization: TOKEN,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-splunk-request-channel': '5f3c7b6e-1c1e-4a55-9d7e-0c2a9d1f3e21',
        'user-agent': 'Vector/0.40.0',
      },
      body,
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ text: 'Success', code: 0 });
    const web = t.calls.find((c) => c.logSource === 'web')!;
    const syslog = t.calls.find((c) => c.logSource === 'syslog')!;
    expect(web.events).toBe(400);
    expect(syslog.events).toBe(100);
    expect(web.text.split('\n')[0]).toBe(JSON.stringify(events[1]!.event));
    // syslog is a text source: the object event arrives as its JSON text, one line.
    expect(syslog.text.split('\n')[1]).toBe(JSON.stringify(events[5]!.event));
  });

  it('text encoding (string events) to a JSON source: JSON messages become objects', async () => {
    const t = testRoutes();
    server = await listen(t.app);
    const body = [
      { event: '{"action":"login","user":"alice"}', time: 1700000000.5, host: 'h' },
      { event: '{"action":"logout","user":"alice"}', time: 1700000001.5, host: 'h' },
    ]
      .map((e) => JSON.stringify(e))
      .join('');
    const res = await send(
      server.port,
      '/services/collector/event?log_source=web',
      { authorization: TOKEN, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      gzipSync(body),
    );
    expect(res.status).toBe(200);
    expect(t.calls).toEqual([
      expect.objectContaining({
        logSource: 'web',
        text: '{"action":"login","user":"alice"}\n{"action":"logout","user":"alice"}\n',
        events: 2,
      }),
    ]);
  });

  it('raw target: metadata in the query string, one message per line', async () => {
    const t = testRoutes();
    server = await listen(t.app);
    const res = await send(
      server.port,
      '/services/collector/raw?channel=5f3c7b6e-1c1e-4a55-9d7e-0c2a9d1f3e21&sourcetype=syslog&host=web-01',
      { authorization: TOKEN, 'content-type': 'text/plain', 'content-encoding': 'gzip' },
      gzipSync('<13>Jan  1 00:00:00 web-01 app: one\n<13>Jan  1 00:00:01 web-01 app: two\n'),
    );
    expect(res.status).toBe(200);
    expect(t.calls).toEqual([
      expect.objectContaining({
        logSource: 'syslog',
        text: '<13>Jan  1 00:00:00 web-01 app: one\n<13>Jan  1 00:00:01 web-01 app: two\n',
        events: 2,
        meta: expect.objectContaining({ endpoint: 'hec-raw' }),
      }),
    ]);
  });
});

describe('Fluent Bit splunk output', () => {
  it('records nested under event with a time key, gzip, Content-Length body', async () => {
    const t = testRoutes();
    server = await listen(t.app);
    const records = Array.from({ length: 50 }, (_, i) => ({
      time: 1700000000.123456 + i,
      sourcetype: 'web',
      event: { log: `request ${i}`, stream: 'stdout', kubernetes: { pod_name: 'api-0' } },
    }));
    const body = gzipSync(records.map((r) => JSON.stringify(r)).join(''));
    const res = await send(
      server.port,
      '/services/collector/event',
      {
        authorization: TOKEN,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(body.length),
        'user-agent': 'Fluent-Bit',
      },
      body,
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ text: 'Success', code: 0 });
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]!.events).toBe(50);
    expect(t.calls[0]!.text.split('\n')[49]).toBe(JSON.stringify(records[49]!.event));
  });

  it('splunk_send_raw on: metadata and event at the top level', async () => {
    const t = testRoutes();
    server = await listen(t.app);
    const body = JSON.stringify({
      time: 1700000000.5,
      index: 'applogs',
      host: 'h1',
      event: { k1: 'foo', k2: 'bar' },
    });
    const res = await send(
      server.port,
      '/services/collector/event?log_source=flows',
      { authorization: TOKEN, 'content-type': 'application/json' },
      body,
    );
    expect(res.status).toBe(200);
    expect(t.calls[0]).toMatchObject({ logSource: 'flows', text: '{"k1":"foo","k2":"bar"}\n', events: 1 });
  });

  it('is told which event was bad (HEC 400 shape) and nothing of the batch is accepted', async () => {
    const t = testRoutes();
    server = await listen(t.app);
    const body = '{"time":1,"event":{"a":1}}{"time":2}';
    const res = await send(
      server.port,
      '/services/collector/event?log_source=web',
      { authorization: TOKEN, 'content-type': 'application/json' },
      body,
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({
      text: 'Event field is required',
      code: 12,
      'invalid-event-number': 1,
    });
    expect(t.calls).toEqual([]);
  });
});
