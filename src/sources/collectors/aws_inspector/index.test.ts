import aws4 from 'aws4';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../../../cli/commands/collect.js';
import { loadLakeDirectory } from '../../../config/index.js';
import { readTableRecords } from '../../../detect/records.js';
import { openLake } from '../../../lake/index.js';
import { MANAGED_ROOT } from '../../../managed/registry.js';
import { collectPages, lastCursor, testContext } from '../test-helpers/context.js';
import {
  startFakeServer,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
} from '../test-helpers/fake-server.js';
import { CollectorError, type PulledPage } from '../types.js';
import { awsInspectorCollector, type AwsInspectorCursor } from './index.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const KEYS: Record<string, { secret: string; session?: string }> = {
  AKIAIOSFODNN7EXAMPLE: { secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  ASIAY34FZKBOKMUTVV7A: {
    secret: 'temporary/SecretKey+ForTests0000000000000',
    session: 'IQoJb3JpZ2luX2VjEXAMPLE//session==',
  },
};
const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: KEYS.AKIAIOSFODNN7EXAMPLE!.secret,
};
const T0 = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

type Finding = Record<string, unknown> & { findingArn: string; updatedAt: number };

/**
 * Inspector2 ListFindings as documented (restJson1: `POST /findings/list`, epoch-second
 * timestamps, `filterCriteria.updatedAt` DateFilter list, `maxResults` ≤ 100, opaque
 * `nextToken`), behind a SigV4 check that recomputes the signature with aws4 from the signed
 * headers as received and the secret key it knows, like AWS does.
 */
class FakeInspector {
  server!: FakeServer;
  now = T0;
  findings: Finding[] = [];
  inject: (FakeResponse | (() => FakeResponse))[] = [];
  bodies: Record<string, unknown>[] = [];
  n = 0;

  async start(): Promise<this> {
    this.server = await startFakeServer((req) => this.handle(req));
    return this;
  }

  close() {
    return this.server.close();
  }

  private err(status: number, type: string, message: string): FakeResponse {
    return {
      status,
      headers: { 'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazon.coral.service/` },
      body: { message },
    };
  }

  /** SigV4 verification; undefined when the request is authentic. */
  verify(req: FakeRequest): FakeResponse | undefined {
    const auth = String(req.headers.authorization ?? '');
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m)
      return this.err(
        403,
        'IncompleteSignatureException',
        'Authorization header requires Credential, SignedHeaders and Signature.',
      );
    const [, keyId, day, region, service, signedHeaders] = m as unknown as string[];
    const key = KEYS[keyId!];
    if (!key)
      return this.err(
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    if (region !== REGION || service !== 'inspector2')
      return this.err(
        403,
        'InvalidSignatureException',
        `Credential should be scoped to a valid region and service.`,
      );
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const when = Date.parse(
      amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    if (Number.isNaN(when) || amzDate.slice(0, 8) !== day)
      return this.err(
        403,
        'InvalidSignatureException',
        'Date must be in ISO-8601 basic format and match the credential scope.',
      );
    if (Math.abs(when - this.now) > 5 * MIN)
      return this.err(
        403,
        'InvalidSignatureException',
        `Signature expired: ${amzDate} is now earlier than ${new Date(this.now - 5 * MIN).toISOString().replace(/[:-]|\.\d{3}/g, '')} (${new Date(this.now).toISOString().replace(/[:-]|\.\d{3}/g, '')} - 5 min.)`,
      );
    const names = signedHeaders!.split(';');
    for (const required of ['host', 'x-amz-date', 'content-type'])
      if (!names.includes(required))
        return this.err(403, 'InvalidSignatureException', `${required} must be signed`);
    if (key.session && req.headers['x-amz-security-token'] !== key.session)
      return this.err(
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    const headers: Record<string, string> = {};
    for (const n of names) headers[n] = String(req.headers[n] ?? '');
    const resigned = aws4.sign(
      {
        host: headers.host,
        path: req.url.pathname + req.url.search,
        method: req.method,
        service: 'inspector2',
        region: REGION,
        body: req.body,
        headers,
      },
      {
        accessKeyId: keyId,
        secretAccessKey: key.secret,
        ...(key.session ? { sessionToken: key.session } : {}),
      },
    );
    if (resigned.headers!.Authorization !== auth)
      return this.err(
        403,
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided.',
      );
    return undefined;
  }

  private handle(req: FakeRequest): FakeResponse {
    const denied = this.verify(req);
    if (denied) return denied;
    const injected = this.inject.shift();
    if (injected) return typeof injected === 'function' ? injected() : injected;
    if (req.method !== 'POST' || req.path !== '/findings/list')
      return this.err(404, 'UnknownOperationException', req.path);
    const body = JSON.parse(req.body) as {
      filterCriteria?: {
        updatedAt?: { startInclusive?: number; endInclusive?: number }[];
        findingStatus?: { comparison: string; value: string }[];
      };
      maxResults?: number;
      nextToken?: string;
    };
    this.bodies.push(body as Record<string, unknown>);
    const max = body.maxResults ?? 50;
    if (max < 1 || max > 100)
      return this.err(400, 'ValidationException', 'maxResults must be between 1 and 100');
    const dates = body.filterCriteria?.updatedAt ?? [];
    const statuses = body.filterCriteria?.findingStatus ?? [];
    const hits = this.findings
      .filter((f) =>
        dates.every(
          (d) =>
            (d.startInclusive === undefined || f.updatedAt >= d.startInclusive) &&
            (d.endInclusive === undefined || f.updatedAt <= d.endInclusive),
        ),
      )
      .filter((f) => statuses.every((s) => s.comparison === 'EQUALS' && f.status === s.value))
      // Default order: not by update time.
      .sort((a, b) => a.findingArn.localeCompare(b.findingArn));
    let offset = 0;
    if (body.nextToken) {
      try {
        offset = (JSON.parse(Buffer.from(body.nextToken, 'base64').toString()) as { o: number }).o;
      } catch {
        return this.err(400, 'ValidationException', 'Invalid nextToken');
      }
    }
    const page = hits.slice(offset, offset + max);
    const out: Record<string, unknown> = { findings: structuredClone(page) };
    if (offset + max < hits.length)
      out.nextToken = Buffer.from(JSON.stringify({ o: offset + max, r: Math.random() })).toString('base64');
    return { status: 200, body: out };
  }

  add(updated: number, status = 'ACTIVE'): Finding {
    const id = (++this.n).toString(16).padStart(32, '0');
    const f: Finding = {
      findingArn: `arn:aws:inspector2:${REGION}:${ACCOUNT}:finding/${id}`,
      awsAccountId: ACCOUNT,
      type: 'PACKAGE_VULNERABILITY',
      title: 'CVE-2023-44487 - nghttp2',
      description: 'The HTTP/2 protocol allows a denial of service (server resource consumption).',
      severity: 'HIGH',
      status,
      firstObservedAt: (updated - 86_400_000) / 1000,
      lastObservedAt: updated / 1000,
      updatedAt: updated / 1000 + 0.123,
      inspectorScore: 7.5,
      resources: [{ type: 'AWS_EC2_INSTANCE', id: 'i-0abcdef1234567890', region: REGION, partition: 'aws' }],
      packageVulnerabilityDetails: {
        vulnerabilityId: 'CVE-2023-44487',
        source: 'NVD',
        vulnerablePackages: [{ name: 'nghttp2', version: '1.51.0' }],
      },
    };
    this.findings.push(f);
    return f;
  }

  update(f: Finding, updated: number, status: string) {
    f.updatedAt = updated / 1000 + 0.5;
    f.status = status;
  }
}

let fake: FakeInspector;
afterEach(async () => {
  await fake?.close();
});

function ctxFor(now: number, extra: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = ENV) {
  fake.now = now;
  return testContext({
    collector: 'AWS_INSPECTOR',
    now,
    env,
    properties: { region: REGION, endpoint: fake.server.url, page_size: 3, ...extra },
  });
}

const keys = (pages: PulledPage[]) =>
  pages
    .flatMap((p) => p.records.map((r) => `${(r as Finding).findingArn}@${(r as Finding).updatedAt}`))
    .sort();
const keysOf = (fs: Finding[]) => fs.map((f) => `${f.findingArn}@${f.updatedAt}`).sort();

describe('AWS_INSPECTOR collector', () => {
  it('signs ListFindings with SigV4 and pages with nextToken over updatedAt [start, now]', async () => {
    fake = await new FakeInspector().start();
    fake.add(T0 - 30 * 3600_000); // before the default 24 h
    const fs = Array.from({ length: 8 }, (_, i) => fake.add(T0 - 20 * 3600_000 + i * 3600_000));
    const pages = await collectPages(awsInspectorCollector, undefined, ctxFor(T0));
    expect(pages.every((p) => p.table === 'default')).toBe(true);
    expect(keys(pages)).toEqual(keysOf(fs));
    expect(pages).toHaveLength(3);
    expect(fake.bodies[0]).toEqual({
      filterCriteria: {
        updatedAt: [{ startInclusive: (T0 - 24 * 3600_000 - 10 * MIN) / 1000, endInclusive: T0 / 1000 }],
      },
      maxResults: 3,
    });
    expect(fake.bodies[1]!.nextToken).toEqual(expect.any(String));
    const cur = lastCursor(pages) as AwsInspectorCursor;
    expect(cur.done_until).toBe(new Date(T0).toISOString());
    expect(cur.scan_to).toBeUndefined();
    expect(Object.keys(cur.seen)).toEqual([]); // nothing inside the overlap
  });

  it('temporary credentials (session token) and extra filter criteria', async () => {
    fake = await new FakeInspector().start();
    const active = fake.add(T0 - 10 * MIN);
    fake.add(T0 - 9 * MIN, 'SUPPRESSED');
    const env = {
      AWS_ACCESS_KEY_ID: 'ASIAY34FZKBOKMUTVV7A',
      AWS_SECRET_ACCESS_KEY: KEYS.ASIAY34FZKBOKMUTVV7A!.secret,
      AWS_SESSION_TOKEN: KEYS.ASIAY34FZKBOKMUTVV7A!.session,
    };
    const pages = await collectPages(
      awsInspectorCollector,
      undefined,
      ctxFor(T0, { filter_criteria: { findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }] } }, env),
    );
    expect(keys(pages)).toEqual(keysOf([active]));
    // Without the session token, the fake (like AWS) refuses the temporary key.
    const err = await collectPages(
      awsInspectorCollector,
      undefined,
      ctxFor(T0, {}, { ...env, AWS_SESSION_TOKEN: '' }),
    ).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/UnrecognizedClientException.*AWS_SESSION_TOKEN.*HTTP 403/);
  });

  it('a finding updated again is a new row; the overlap is deduplicated across runs', async () => {
    fake = await new FakeInspector().start();
    const a = fake.add(T0 - 50 * MIN);
    const b = fake.add(T0 - 3 * MIN);
    const run1 = await collectPages(awsInspectorCollector, undefined, ctxFor(T0));
    expect(keys(run1)).toEqual(keysOf([a, b]));
    const c1 = lastCursor(run1) as AwsInspectorCursor;
    expect(Object.keys(c1.seen)).toEqual([`${b.findingArn}@${new Date(b.updatedAt * 1000).toISOString()}`]);
    // Later: a is updated again (CLOSED), a finding updated 2 minutes before run 1 becomes visible late.
    fake.update(a, T0 + 5 * MIN, 'CLOSED');
    const late = fake.add(T0 - 2 * MIN);
    const run2 = await collectPages(awsInspectorCollector, c1, ctxFor(T0 + 8 * MIN));
    expect(keys(run2)).toEqual(keysOf([a, late]));
    expect(
      (run2.flatMap((p) => p.records).find((r) => (r as Finding).findingArn === a.findingArn) as Finding)
        .status,
    ).toBe('CLOSED');
    const run3 = await collectPages(awsInspectorCollector, lastCursor(run2), ctxFor(T0 + 9 * MIN));
    expect(keys(run3)).toEqual([]);
  });

  it('a restart in the middle of a scan re-runs it with the same bounds: no gaps, no duplicates', async () => {
    fake = await new FakeInspector().start();
    const fs = Array.from({ length: 10 }, (_, i) => fake.add(T0 - 40 * MIN + i * 3 * MIN));
    for (const crashAfter of [1, 2, 3]) {
      const got: PulledPage[] = [];
      let cursor: unknown;
      let n = 0;
      for await (const page of awsInspectorCollector.pull(
        undefined,
        ctxFor(T0, { start_time: '2026-03-01T11:00:00Z' }),
      )) {
        got.push(page);
        cursor = JSON.parse(JSON.stringify(page.cursor));
        if (++n === crashAfter) break;
      }
      expect((cursor as AwsInspectorCursor).scan_to).toBe(new Date(T0).toISOString());
      const before = fake.bodies.length;
      const resumed = await collectPages(
        awsInspectorCollector,
        cursor,
        ctxFor(T0 + 3 * MIN, { start_time: '2026-03-01T11:00:00Z' }),
      );
      got.push(...resumed);
      expect(keys(got)).toEqual(keysOf(fs));
      // The resumed scan kept run 1's upper bound, then a new window ran up to the new now.
      const ends = fake.bodies
        .slice(before)
        .map(
          (b) => (b.filterCriteria as { updatedAt: { endInclusive: number }[] }).updatedAt[0]!.endInclusive,
        );
      expect(ends[0]).toBe(T0 / 1000);
      expect(ends.at(-1)).toBe((T0 + 3 * MIN) / 1000);
    }
  });

  it('a long backfill is scanned in windows of `window`; seen stays within the overlap', async () => {
    fake = await new FakeInspector().start();
    const fs = Array.from({ length: 12 }, (_, i) => fake.add(T0 - 70 * 3600_000 + i * 6 * 3600_000));
    const pages = await collectPages(
      awsInspectorCollector,
      undefined,
      ctxFor(T0, { start_time: '3d', window: '1d', page_size: 100 }),
    );
    expect(keys(pages)).toEqual(keysOf(fs));
    const spans = fake.bodies.map((b) => {
      const d = (b.filterCriteria as { updatedAt: { startInclusive: number; endInclusive: number }[] })
        .updatedAt[0]!;
      return d.endInclusive - d.startInclusive;
    });
    expect(spans).toEqual([86_400 + 600, 86_400 + 600, 86_400 + 600]);
    for (const p of pages)
      expect(Object.keys((p.cursor as AwsInspectorCursor).seen).length).toBeLessThanOrEqual(1);
  });

  it('ThrottlingException (429, Retry-After) and 5xx are retried; a bad signature or unknown key fails at once', async () => {
    fake = await new FakeInspector().start();
    const f = fake.add(T0 - 5 * MIN);
    fake.inject.push(
      {
        status: 429,
        headers: { 'x-amzn-ErrorType': 'ThrottlingException', 'Retry-After': '2' },
        body: { message: 'Rate exceeded' },
      },
      {
        status: 500,
        headers: { 'x-amzn-ErrorType': 'InternalServerException' },
        body: { message: 'Internal error' },
      },
    );
    const ctx = ctxFor(T0);
    expect(keys(await collectPages(awsInspectorCollector, undefined, ctx))).toEqual(keysOf([f]));
    expect(ctx.waits[0]).toBe(2000);
    expect(ctx.waits).toHaveLength(2);

    const wrong = ctxFor(
      T0,
      {},
      { ...ENV, AWS_SECRET_ACCESS_KEY: 'not/the/secret/key/000000000000000000000' },
    );
    const err = await collectPages(awsInspectorCollector, undefined, wrong).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toMatch(
      /^AWS_INSPECTOR: access denied \(InvalidSignatureException: The request signature we calculated does not match.*AWS_ACCESS_KEY_ID.*\(POST \/findings\/list, HTTP 403\)$/,
    );
    expect((err as Error).message).not.toContain('not/the/secret');
    expect(wrong.waits).toEqual([]);

    const unknown = ctxFor(T0, {}, { AWS_ACCESS_KEY_ID: 'AKIANOTKNOWN00000000', AWS_SECRET_ACCESS_KEY: 'x' });
    await expect(collectPages(awsInspectorCollector, undefined, unknown)).rejects.toThrow(
      /UnrecognizedClientException/,
    );
    await expect(collectPages(awsInspectorCollector, undefined, ctxFor(T0, {}, {}))).rejects.toThrow(
      /AWS credentials missing: set AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY/,
    );
    // The source's own credentials win over the process's.
    const own = testContext({
      collector: 'AWS_INSPECTOR',
      now: T0,
      logSource: 'inspector-prod',
      env: {
        AWS_ACCESS_KEY_ID: 'AKIANOTKNOWN00000000',
        AWS_SECRET_ACCESS_KEY: 'x',
        LAKEWATCH_INSPECTOR_PROD_AWS_ACCESS_KEY_ID: ENV.AWS_ACCESS_KEY_ID,
        LAKEWATCH_INSPECTOR_PROD_AWS_SECRET_ACCESS_KEY: 'wrong/secret',
      },
      properties: { region: REGION, endpoint: fake.server.url },
    });
    await expect(collectPages(awsInspectorCollector, undefined, own)).rejects.toThrow(
      /InvalidSignatureException.*check LAKEWATCH_INSPECTOR_PROD_AWS_ACCESS_KEY_ID \/ LAKEWATCH_INSPECTOR_PROD_AWS_SECRET_ACCESS_KEY/,
    );
    own.env.LAKEWATCH_INSPECTOR_PROD_AWS_SECRET_ACCESS_KEY = ENV.AWS_SECRET_ACCESS_KEY;
    expect(keys(await collectPages(awsInspectorCollector, undefined, own))).toEqual(keysOf([f]));
    await expect(
      collectPages(awsInspectorCollector, undefined, ctxFor(T0, { region: undefined })),
    ).rejects.toThrow(/region/);

    fake.inject.push(
      ...Array.from({ length: 4 }, () => ({ status: 503, body: { message: 'Service Unavailable' } })),
    );
    await expect(collectPages(awsInspectorCollector, undefined, ctxFor(T0))).rejects.toThrow(
      /gave up after 4 attempts \(POST \/findings\/list, HTTP 503\)/,
    );
    fake.inject.push({
      status: 400,
      headers: { 'x-amzn-ErrorType': 'ValidationException' },
      body: { message: 'Invalid filter' },
    });
    await expect(collectPages(awsInspectorCollector, undefined, ctxFor(T0))).rejects.toThrow(
      /ListFindings failed \(ValidationException: Invalid filter\)/,
    );
  });
});

/** A lake with one log source, for `lakewatch collect` end to end. */
async function withLake(
  name: string,
  yml: string,
  run: (
    lake: Awaited<ReturnType<typeof openLake>>,
    lakeDir: ReturnType<typeof loadLakeDirectory>,
  ) => Promise<void>,
) {
  const root = mkdtempSync(path.join(tmpdir(), `lw-${name}-`));
  try {
    writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: test\n');
    mkdirSync(path.join(root, 'log_sources', name), { recursive: true });
    writeFileSync(path.join(root, 'log_sources', name, 'log_source.yml'), yml);
    const lakeDir = loadLakeDirectory(root);
    const lake = await openLake({ root, namespace: lakeDir.project.namespace });
    try {
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      await run(lake, lakeDir);
    } finally {
      vi.restoreAllMocks();
      await lake.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const ndjson = (file: string) =>
  readFileSync(path.join(MANAGED_ROOT, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('AWS_INSPECTOR through lakewatch collect', () => {
  it('pulls the managed ListFindings samples into table default via the real ingest path', async () => {
    fake = await new FakeInspector().start();
    fake.now = Date.now();
    const findings = ndjson(
      'aws_inspector/samples/default/list_findings_pages.ndjson',
    ) as unknown as Finding[];
    fake.findings.push(...findings);
    const yml = `name: inspector\nmanaged:\n  type: AWS_INSPECTOR\n  properties:\n    region: ${REGION}\n    endpoint: ${fake.server.url}\n    start_time: "2026-10-01T00:00:00Z"\n    page_size: 2\n`;
    await withLake('inspector', yml, async (lake, lakeDir) => {
      const [first] = await collect(lake, lakeDir, [], { detect: false }, ENV);
      expect(first!.error).toBeUndefined();
      expect(first!.result).toMatchObject({
        collector: 'AWS_INSPECTOR',
        records: findings.length,
        committed: findings.length,
        deadLettered: 0,
      });
      const table = (await lake.listTables()).find((t) => t.includes('inspector'))!;
      const rows = (await readTableRecords(lake, table)).map(
        (j) => JSON.parse(j) as { event: { id: string } },
      );
      expect(rows.map((r) => r.event.id).sort()).toEqual(findings.map((f) => f.findingArn).sort());
      const [again] = await collect(lake, lakeDir, [], { detect: false }, ENV);
      expect(again!.result).toMatchObject({ records: 0 });
    });
  });
});
