/**
 * Test helpers that run the ingest routes on a real loopback server (`@hono/node-server`) and
 * talk to it with `node:http`, for what `app.request()` cannot show: limits enforced while the
 * client is still sending, and clients that disconnect.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface Loopback {
  port: number;
  close(): Promise<void>;
}

export async function listen(app: Hono): Promise<Loopback> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as http.Server;
  if (!server.listening) await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface UploadResult {
  status: number | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Body bytes the client handed to its socket before the answer (or an error) arrived. */
  written: number;
  error: Error | undefined;
}

/**
 * Sends `chunk` again and again (respecting backpressure) until the server answers, the
 * connection breaks, or `maxBytes` were written; then reads the answer.
 */
export async function uploadUntilAnswered(
  port: number,
  path: string,
  headers: Record<string, string>,
  chunk: Buffer,
  maxBytes: number,
): Promise<UploadResult> {
  const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false });
  let written = 0;
  let error: Error | undefined;
  const answered = new Promise<http.IncomingMessage | undefined>((resolve) => {
    req.on('response', resolve);
    req.on('error', (e) => {
      error ??= e;
      resolve(undefined);
    });
  });
  let done = false;
  void answered.then(() => {
    done = true;
  });
  while (!done && written < maxBytes) {
    const ok = req.write(chunk);
    written += chunk.length;
    if (!ok) await Promise.race([once(req, 'drain').catch(() => undefined), answered]);
  }
  const response = await answered;
  let body = '';
  if (response) {
    response.setEncoding('utf8');
    try {
      for await (const piece of response) body += piece as string;
    } catch (e) {
      error ??= e as Error;
    }
  }
  req.destroy();
  return { status: response?.statusCode, headers: response?.headers ?? {}, body, written, error };
}

/** Starts an upload, writes `parts`, then destroys the socket without finishing the body. */
export async function uploadAndDisconnect(
  port: number,
  path: string,
  headers: Record<string, string>,
  parts: Buffer[],
): Promise<void> {
  const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false });
  req.on('error', () => undefined);
  for (const p of parts) if (!req.write(p)) await once(req, 'drain');
  // Make sure the bytes left this process before the connection is cut.
  await new Promise<void>((resolve) => req.write('', () => resolve()));
  req.destroy();
}

/** Sends one complete request and returns its answer. */
export async function send(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false });
  req.end(body);
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  res.setEncoding('utf8');
  let text = '';
  for await (const piece of res) text += piece as string;
  return { status: res.statusCode!, headers: res.headers, body: text };
}

/** Polls `check` until it holds (bounded by `attempts`), for effects that happen after a disconnect. */
export async function eventually(check: () => Promise<boolean>, attempts = 500): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
