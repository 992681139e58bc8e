/**
 * A fake vendor API for collector tests: `node:http` on 127.0.0.1, port 0, answering with route
 * handlers keyed by `METHOD /path` (the query is in `req.query`), or one catch-all handler.
 * Records every request. Unknown routes answer 404.
 *
 *   const server = await startFakeServer({
 *     'GET /api/v1/logs': (req) => ({ status: 200, body: [...], headers: { link: '<…>; rel="next"' } }),
 *   });
 *   server.url  // http://127.0.0.1:<port>
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The full URL as the server saw it (http://127.0.0.1:<port>/path?query). */
  url: URL;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON (content-type application/json). */
  body?: unknown;
  /** Destroys the socket without answering (a network error for the client). */
  hangUp?: boolean;
}

export type FakeHandler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeServer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  port: number;
  requests: FakeRequest[];
  /** Replaces or adds a route. */
  route(key: string, handler: FakeHandler): void;
  close(): Promise<void>;
}

export async function startFakeServer(
  routes: Record<string, FakeHandler> | FakeHandler = {},
): Promise<FakeServer> {
  const table = new Map<string, FakeHandler>();
  let fallback: FakeHandler | undefined;
  if (typeof routes === 'function') fallback = routes;
  else for (const [k, v] of Object.entries(routes)) table.set(k, v);
  const requests: FakeRequest[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
        const fake: FakeRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          url,
        };
        requests.push(fake);
        const handler = table.get(`${fake.method} ${fake.path}`) ?? fallback;
        let answer: FakeResponse;
        try {
          answer = handler
            ? await handler(fake)
            : { status: 404, body: { error: `no route ${fake.method} ${fake.path}` } };
        } catch (err) {
          answer = { status: 500, body: { error: String(err) } };
        }
        if (answer.hangUp) {
          req.socket.destroy();
          return;
        }
        const headers: Record<string, string> = { ...answer.headers };
        let body = '';
        if (typeof answer.body === 'string') body = answer.body;
        else if (answer.body !== undefined) {
          body = JSON.stringify(answer.body);
          if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
            headers['content-type'] = 'application/json';
        }
        res.writeHead(answer.status ?? 200, headers);
        res.end(body);
      })();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    route(key, handler) {
      table.set(key, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** HTTP client settings for tests: no real waiting (the waits are recorded), few attempts. */
/** HTTP client settings for tests (see also context.ts testContext). */
export function testHttpOptions(collector: string, overrides: Record<string, unknown> = {}) {
  const waits: number[] = [];
  return {
    waits,
    options: {
      collector,
      maxAttempts: 4,
      baseDelayMs: 10,
      maxDelayMs: 50,
      timeoutMs: 5000,
      sleep: async (ms: number) => {
        waits.push(ms);
      },
      ...overrides,
    },
  };
}
