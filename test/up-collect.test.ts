/**
 * `lakewatch up` pulls an API log source on its schedule: a local server speaking Okta's System
 * Log API (SSWS token, `Link: rel="next"` paging), the records through the real ingest path into
 * `okta_system`, the cursor kept across a restart so the second run asks for what comes after
 * and nothing is ingested twice.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir, writeLake } from './helpers.js';
import { startUp } from './up-helpers.js';

const TOKEN = 'okta-test-token-0123456789';
/** The first four events of the Okta sample (one LogEvent per line). */
const events = readFileSync(path.join(repoRoot, 'src/managed/okta/samples/system/system_log.json'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .slice(0, 4)
  .map((l) => JSON.parse(l) as { uuid: string; published: string });

/** Okta's System Log API over the events released so far; `after` is an index. */
function oktaServer() {
  let released = 3;
  const requests: { after: string | null; auth: string | undefined }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, 'http://x');
    requests.push({ after: url.searchParams.get('after'), auth: req.headers.authorization });
    if (url.pathname !== '/api/v1/logs') return void res.writeHead(404).end();
    if (req.headers.authorization !== `SSWS ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' }));
    }
    const from = Number(url.searchParams.get('after') ?? 0);
    const page = events.slice(from, Math.min(released, from + 2));
    const next = `http://${req.headers.host}/api/v1/logs?limit=2&after=${from + page.length}`;
    res.writeHead(200, { 'content-type': 'application/json', link: `<${next}>; rel="next"` });
    res.end(JSON.stringify(page));
  });
  return {
    server,
    requests,
    release: (n: number) => (released = n),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
  };
}

async function query(up: { url: string; token: string }, sql: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${up.url}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${up.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sql }),
  });
  if (!res.ok) throw new Error(`query failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { columns: { name: string }[]; rows: unknown[][] };
  return body.rows.map((r) => Object.fromEntries(body.columns.map((c, i) => [c.name, r[i]])));
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const okta = oktaServer();
afterAll(() => new Promise<void>((resolve) => okta.server.close(() => resolve())));

describe('lakewatch up with a pull collector', () => {
  it('pulls Okta on its schedule into okta_system, and resumes from the saved cursor after a restart', async () => {
    const base = await okta.listen();
    const lake = writeLake(
      {
        'lakewatch.config.yml': 'name: pull\nservice:\n  drop:\n    enabled: false\n',
        'log_sources/okta/log_source.yml':
          `name: okta\nmanaged:\n  type: OKTA\n  properties:\n    base_url: ${base}\n` +
          '    start_time: 2020-01-01T00:00:00Z\n    poll_interval: 10s\n',
      },
      tempDir('lakewatch-up-collect-'),
    );
    const env = { LAKEWATCH_OKTA_API_TOKEN: TOKEN };
    let up = await startUp(lake, { env });
    try {
      const count = () =>
        query(up, 'SELECT count(*)::INT AS n, count(DISTINCT event.id)::INT AS ids FROM okta_system');
      const first = await until('three events', async () => {
        const [row] = await count();
        return row?.n === 3 ? row : undefined;
      });
      expect(first).toEqual({ n: 3, ids: 3 });
      const mapped = await query(
        up,
        'SELECT event.dataset AS dataset, event.action AS action FROM okta_system',
      );
      for (const row of mapped) {
        expect(row.dataset).toBe('okta.system');
        expect(row.action).toEqual(expect.any(String));
      }
      expect(okta.requests.every((r) => r.auth === `SSWS ${TOKEN}`)).toBe(true);
      expect(up.output().stderr).not.toContain(TOKEN);
    } finally {
      expect(await up.stop()).toBe(0);
    }

    // a fourth event arrives while the service is down; the restart asks for what follows the cursor
    okta.release(4);
    const before = okta.requests.length;
    up = await startUp(lake, { env });
    try {
      const rows = await until('the fourth event', async () => {
        const r = await query(
          up,
          'SELECT count(*)::INT AS n, count(DISTINCT event.id)::INT AS ids FROM okta_system',
        );
        return r[0]?.n === 4 ? r[0] : undefined;
      });
      expect(rows).toEqual({ n: 4, ids: 4 });
      const resumed = okta.requests.slice(before);
      expect(resumed[0]!.after).toBe('3');
      expect(up.output().stderr).toMatch(/collect:okta ok/);
    } finally {
      expect(await up.stop()).toBe(0);
    }
  }, 120_000);
});
