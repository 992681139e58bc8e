/**
 * End-to-end: the web console in Debian's Chromium (driven by playwright-core) against a running
 * `lakewatch up`. Logs in with a token, runs a query, opens an alert and acknowledges it (checked
 * through the API too), and views a log source's ingest chart. Screenshots of every page go to
 * test-artifacts/e2e/. Needs the built console (`npm run build` → dist/web) and /usr/bin/chromium;
 * skipped, with a message, only when Chromium is absent.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot, writeLake } from '../helpers.js';
import { startUp, type RunningUp } from '../up-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(repoRoot, 'test-artifacts', 'e2e');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`console e2e skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

const SOURCE = `name: app
schema:
  ecs_field_names: [event.action, event.outcome, user.name, source.ip, message]
  fields:
    - { name: rid, type: string }
`;
const DETECTION = `name: failed_login
tables: [app]
alert:
  severity: high
`;
const DETECT_TS = `import type { DetectionRecord } from 'lakewatch/detection';
export function detect(r: DetectionRecord): boolean { return r.deepget('event.action') === 'login' && r.deepget('event.outcome') === 'failure'; }
export function title(r: DetectionRecord): string { return 'failed login for ' + r.deepget('user.name'); }
export function dedupe(r: DetectionRecord): string { return String(r.deepget('user.name')); }
export function alert_context(r: DetectionRecord) { return { ip: r.deepget('source.ip') }; }
`;

const TESTS_YML = `tests:
  - name: failed login matches
    record: { event: { action: login, outcome: failure }, user: { name: eve } }
    match: true
    title: failed login for eve
  - name: a view does not
    record: { event: { action: view, outcome: success } }
    match: false
`;

function events(prefix: string, n: number): string {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const fail = i % 10 === 0;
    lines.push(
      JSON.stringify({
        '@timestamp': new Date(Date.now() - i * 1000).toISOString(),
        event: { action: fail ? 'login' : 'view', outcome: fail ? 'failure' : 'success' },
        user: { name: fail ? 'mallory' : `user${i % 7}` },
        source: { ip: `10.1.0.${i % 200}` },
        message: `e2e ${prefix} ${i}`,
        rid: `${prefix}-${i}`,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

interface AlertJson {
  id: string;
  title: string;
  status: string;
  statusHistory?: { status: string; by: string }[];
}

describe.skipIf(!hasChromium)('web console (Chromium)', () => {
  let up: RunningUp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function api<T>(pathname: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(up.url + pathname, {
      ...init,
      headers: { authorization: `Bearer ${up.token}`, 'content-type': 'application/json', ...init.headers },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async function ingest(body: string): Promise<void> {
    const res = await fetch(`${up.url}/ingest/app`, {
      method: 'POST',
      headers: { authorization: `Bearer ${up.token}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    expect(res.status, await res.text()).toBe(200);
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    expect(
      existsSync(path.join(repoRoot, 'dist', 'web', 'index.html')),
      'dist/web/index.html is missing: run `npm run build` first',
    ).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = writeLake({
      'lakewatch.config.yml':
        'name: e2e\nservice:\n  ingest:\n    flush_interval: 200ms\n  drop:\n    settle: 300ms\n',
      'log_sources/app/log_source.yml': SOURCE,
      'detections/failed_login/detection.yml': DETECTION,
      'detections/failed_login/detect.ts': DETECT_TS,
      'detections/failed_login/tests/cases.yml': TESTS_YML,
    });
    up = await startUp(dir);
    await ingest(events('a', 200));
    await ingest(events('b', 100));
    // a dropped file with one bad line: 1 event ingested, 1 dead letter
    writeFileSync(
      path.join(dir, 'drop', 'app', 'batch.ndjson'),
      events('drop', 1) + 'this line is not JSON\n',
    );
    await vi.waitFor(
      async () => {
        const dl = await api<{ total: number }>('/api/sources/app/dead-letters');
        expect(dl.total).toBe(1);
      },
      { timeout: 30_000, interval: 250 },
    );
    await vi.waitFor(
      async () => {
        const { alerts } = await api<{ alerts: AlertJson[] }>('/api/alerts');
        expect(alerts.length).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 250 },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await up?.stop();
  });

  it('rejects a wrong token, then logs in with the right one', async () => {
    await page.goto(`${up.url}/`);
    await page.fill('[data-testid=token-input]', 'lw_not-a-token');
    await page.click('[data-testid=login-submit]');
    await expect.poll(() => page.textContent('[data-testid=error]')).toContain('not accepted');
    await shot('login');
    await page.fill('[data-testid=token-input]', up.token);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=whoami]');
    expect(await page.textContent('[data-testid=whoami]')).toBe('test');
    // the token survives a reload (localStorage)
    await page.reload();
    await page.waitForSelector('[data-testid=whoami]');
  });

  it('runs a query and shows typed rows, NULLs, and the query in the history', async () => {
    await page.goto(`${up.url}/#/query`);
    await page.waitForSelector('[data-testid=table-item]');
    expect(await page.locator('[data-testid=table-item]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('app')]),
    );
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      "SELECT rid, user.name AS who, event.outcome, NULL AS nothing FROM app WHERE rid LIKE 'a-%' ORDER BY rid LIMIT 50",
    );
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid=result-row]');
    expect(await page.textContent('[data-testid=query-status]')).toMatch(/^50 rows/);
    const header = await page.locator('[data-testid=results-grid] [role=columnheader]').allTextContents();
    expect(header[0]).toMatch(/^rid/i);
    expect(header.join(' ')).toMatch(/VARCHAR/);
    const first = await page
      .locator('[data-testid=result-row]')
      .first()
      .locator('[role=gridcell]')
      .allTextContents();
    expect(first[0]).toBe('a-0');
    expect(await page.locator('[data-testid=result-row] .cell-null').count()).toBeGreaterThan(0);
    await shot('query');

    // a bad query is reported inline
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('SELECT nope FROM app');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid=query-error]');
    expect(await page.textContent('[data-testid=query-error]')).toMatch(/nope/);

    await page.click('[data-testid=history-tab]');
    expect(await page.locator('[data-testid=history-item]').count()).toBe(2);
    await page.locator('[data-testid=history-item]').last().click();
    expect(await page.textContent('.cm-content')).toContain("rid LIKE 'a-%'");
  });

  it('keeps 10,000 rows scrollable (virtualized) and exports them as CSV', async () => {
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('SELECT range AS n, range % 3 = 0 AS flag FROM range(20000)');
    await page.click('[data-testid=run-query]');
    await expect
      .poll(() => page.textContent('[data-testid=query-status]'))
      .toMatch(/^10,000 rows \(truncated\)/);
    // only the rows in view are in the DOM
    expect(await page.locator('[data-testid=result-row]').count()).toBeLessThan(200);
    await page.locator('[data-testid=results-grid]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect
      .poll(() =>
        page.locator('[data-testid=result-row]').last().locator('[role=gridcell]').first().textContent(),
      )
      .toBe('9999');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-csv]'),
    ]);
    const file = path.join(ARTIFACTS, 'export.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8').split('\r\n');
    expect(csv.slice(0, 3)).toEqual(['n,flag', '0,true', '1,false']);
    expect(csv).toHaveLength(10_002); // header, 10,000 rows, trailing newline
  });

  it('cancels a running query, in the page and on the server', async () => {
    await page.click('[data-testid=results-tab]');
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3');
    await page.keyboard.press('Control+Enter');
    await page.click('[data-testid=cancel-query]');
    await page.waitForSelector('[data-testid=query-cancelled]');
    await expect
      .poll(async () => {
        const res = await fetch(`${up.url}/metrics`, { headers: { authorization: `Bearer ${up.token}` } });
        return /lakewatch_queries_total\{outcome="cancelled"\} 1\b/.test(await res.text());
      })
      .toBe(true);
  });

  it('lists the alert, opens it and acknowledges it (the API agrees)', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.waitForSelector('[data-testid=alert-row]');
    expect(await page.textContent('[data-testid=alerts-table]')).toContain('failed login for mallory');
    await shot('alerts');

    await page.click('[data-testid=alert-row] a');
    await page.waitForSelector('[data-testid=alert-detail]');
    expect(await page.textContent('[data-testid=alert-title]')).toBe('failed login for mallory');
    expect(await page.textContent('[data-testid=alert-detail] [data-testid=alert-status]')).toBe('open');
    expect(await page.locator('[data-testid=alert-match]').count()).toBeGreaterThan(0);
    await page.locator('[data-testid=alert-match] summary').first().click();
    await shot('alert');

    const id = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!);
    await page.fill('[data-testid=status-note]', 'looking into it');
    await page.click('[data-testid=ack-alert]');
    await expect
      .poll(() => page.textContent('[data-testid=alert-detail] [data-testid=alert-status]'))
      .toBe('acknowledged');
    expect(await page.textContent('[data-testid=alert-timeline]')).toContain('Acknowledged by test');
    await shot('alert-acknowledged');

    const { alert } = await api<{ alert: AlertJson }>(`/api/alerts/${encodeURIComponent(id)}`);
    expect(alert.status).toBe('acknowledged');
    expect(alert.statusHistory?.at(-1)).toMatchObject({ status: 'acknowledged', by: 'test' });
  });

  it("shows a log source's health and its ingest-volume chart with data points", async () => {
    await page.goto(`${up.url}/#/sources`);
    await page.waitForSelector('[data-testid=source-row][data-source=app]');
    await shot('sources');
    await page.click('[data-testid=source-row][data-source=app] a');
    const chart = page.locator('[data-testid=volume-chart]');
    await chart.locator('canvas').waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    expect(Number(await chart.getAttribute('data-nonzero'))).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=source-detail]')).toContain('301 events in range');
    expect(await page.textContent('[data-testid=dead-letters]')).toContain('invalid JSON');
    await shot('source');
    await page.click('[data-testid=volume-metric] >> text=bytes');
    await expect.poll(() => chart.locator('.u-legend').textContent()).toContain('bytes');
    expect(Number(await chart.getAttribute('data-nonzero'))).toBeGreaterThan(0);
  });

  it('has keyboard help and a light theme', async () => {
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=help-overlay]');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=help-overlay]').count()).toBe(0);
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(before).toBe('dark');
    await page.click('[data-testid=theme-toggle]');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await shot('source-light');
    await page.keyboard.press('t');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('shows detections and their detail', async () => {
    await page.goto(`${up.url}/#/detections`);
    await page.waitForSelector('[data-testid=detection-row]');
    expect(await page.textContent('[data-testid=detections-table]')).toContain('failed_login');
    await shot('detections');
    await page.click('[data-testid=detection-row] a');
    await page.waitForSelector('[data-testid=detection-detail]');
    await page.click('[data-testid=run-tests]');
    await page.waitForSelector('[data-testid=test-results]');
    expect(await page.textContent('[data-testid=test-results] h2')).toContain('2 passed');
    expect(await page.locator('[data-testid=test-case]').allTextContents()).toEqual([
      expect.stringContaining('✓ failed login matches'),
      expect.stringContaining('✓ a view does not'),
    ]);
    await shot('detection');
    expect(pageErrors).toEqual([]);
  });
});
