/** Real local servers for delivery tests: an HTTP recorder and an SMTP recorder. */
// Recorded JSON bodies are probed freely by the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Replies used (in order) before the default handler. */
  queue(...replies: Reply[]): void;
  /** Replaces the default handler. */
  handle(fn: (req: RecordedRequest) => Reply): void;
  json(i: number): Json;
  close(): Promise<void>;
}

export async function startHttpServer(
  handler: (req: RecordedRequest) => Reply = () => ({ status: 200, body: 'ok' }),
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const queued: Reply[] = [];
  let fallback = handler;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(rec);
      const reply = queued.shift() ?? fallback(rec);
      if (reply === 'hang') return; // never answers; closed by close()
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (...r) => queued.push(...r),
    handle: (fn) => {
      fallback = fn;
    },
    json: (i) => JSON.parse(requests[i]!.body) as Json,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RecordedMail {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

export interface RecordingSmtp {
  port: number;
  messages: RecordedMail[];
  close(): Promise<void>;
}

/** SMTP without TLS, with AUTH PLAIN/LOGIN checked against `auth`. */
export async function startSmtpServer(auth: { user: string; password: string }): Promise<RecordingSmtp> {
  const messages: RecordedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(a, _session, cb) {
      if (a.username === auth.user && a.password === auth.password) cb(null, { user: a.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        messages.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Undoes quoted-printable soft breaks and escapes, enough to read a test message. */
export function decodeQp(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
