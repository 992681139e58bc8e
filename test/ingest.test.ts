/**
 * The ingest path end to end through the library: lake directory → decode → conform →
 * Iceberg commit → SQL. Covers the bad inputs the issue lists; in every case the numbers add
 * up (read = committed + dead-lettered) and dead letters name the file and line.
 */
import { copyFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigErrors, loadLakeDirectory } from '../src/config/index.js';
import { openLake, type Lake } from '../src/lake/index.js';
import { expandInputs, ingestFiles, type IngestSummary } from '../src/pipeline/index.js';
import { tempDir, writeLake, queryRows } from './helpers.js';

const APP_SOURCE = `
name: app
schema:
  ecs_field_names: [event.action, source.ip, user.name, message]
  fields:
    - name: bytes
      type: long
`;
const CSV_SOURCE = `
name: flows
ingest:
  format: csv
schema:
  fields:
    - { name: src, type: string }
    - { name: dst, type: string }
    - { name: bytes, type: long }
`;

const open: Lake[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function setup(files: Record<string, string> = {}) {
  const dir = writeLake({
    'log_sources/app/log_source.yml': APP_SOURCE,
    'log_sources/flows/log_source.yml': CSV_SOURCE,
    ...files,
  });
  const lakeDir = loadLakeDirectory(dir);
  const lake = await openLake({ root: dir });
  open.push(lake);
  return { dir, lakeDir, lake };
}

async function ingest(
  ctx: Awaited<ReturnType<typeof setup>>,
  source: string,
  files: string[],
): Promise<IngestSummary> {
  const inputs = await expandInputs(files);
  return ingestFiles({ lake: ctx.lake, lakeDir: ctx.lakeDir, logSource: source, inputs });
}

const rows = queryRows;

function balanced(s: IngestSummary) {
  expect(s.read).toBe(s.committed + s.deadLettered);
}

function lines(n: number, f: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';
}

describe('ingest', () => {
  it('maps JSON fields by name, takes ts from @timestamp, counts dropped fields', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'a.jsonl');
    writeFileSync(
      file,
      lines(3, (i) =>
        JSON.stringify({
          '@timestamp': `2026-11-01T0${i}:00:00Z`,
          event: { action: 'login', extra: 1 },
          source: { ip: '10.0.0.1' },
          user: { name: `u${i}` },
          bytes: String(100 + i),
          unknown_top: true,
        }),
      ),
    );
    const s = await ingest(ctx, 'app', [file]);
    expect(s).toMatchObject({ read: 3, committed: 3, deadLettered: 0, tables: { app: 3 } });
    expect(s.droppedFields).toEqual({ 'event.extra': 3, unknown_top: 3 });
    const got = await rows(ctx.lake, 'SELECT user.name AS name, bytes, epoch(ts) AS t FROM app ORDER BY ts');
    expect(got).toEqual([
      { name: 'u0', bytes: 100, t: Date.parse('2026-11-01T00:00:00Z') / 1000 },
      { name: 'u1', bytes: 101, t: Date.parse('2026-11-01T01:00:00Z') / 1000 },
      { name: 'u2', bytes: 102, t: Date.parse('2026-11-01T02:00:00Z') / 1000 },
    ]);
  });

  it('dead-letters a malformed JSON line in the middle and keeps going', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'bad.jsonl');
    writeFileSync(
      file,
      '{"user":{"name":"a"}}\n{"user":{"name":"b"}}\n{"user": {"name": \n{"user":{"name":"d"}}\n',
    );
    const s = await ingest(ctx, 'app', [file]);
    balanced(s);
    expect(s).toMatchObject({ read: 4, committed: 3, deadLettered: 1 });
    expect(s.sampleErrors[0]).toMatchObject({ input: file, line: 3 });
    const dlq = await rows(
      ctx.lake,
      'SELECT input, line, stage, reason, decode(raw) AS raw FROM lakewatch_dead_letters',
    );
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({ input: file, line: 3, stage: 'decode', raw: '{"user": {"name": ' });
  });

  it('dead-letters invalid UTF-8 with its raw bytes', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'utf8.jsonl');
    const bad = Buffer.concat([
      Buffer.from('{"message":"ok"}\n{"message":"bad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\n{"message":"ok2"}\n'),
    ]);
    writeFileSync(file, bad);
    const s = await ingest(ctx, 'app', [file]);
    balanced(s);
    expect(s).toMatchObject({ read: 3, committed: 2, deadLettered: 1 });
    expect(s.sampleErrors[0]!.reason).toMatch(/UTF-8/);
    const dlq = await rows(ctx.lake, 'SELECT line, octet_length(raw) AS n FROM lakewatch_dead_letters');
    expect(dlq).toEqual([{ line: 2, n: Buffer.from('{"message":"bad ').length + 4 }]);
  });

  it('keeps the records before a truncated gzip stream and dead-letters the break', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'cut.jsonl.gz');
    const full = gzipSync(
      lines(5000, (i) => JSON.stringify({ user: { name: `user-${i}` }, message: 'x'.repeat(50) })),
    );
    writeFileSync(file, full.subarray(0, Math.floor(full.length * 0.6)));
    const s = await ingest(ctx, 'app', [file]);
    balanced(s);
    expect(s.committed).toBeGreaterThan(1000);
    expect(s.committed).toBeLessThan(5000);
    expect(s.deadLettered).toBeGreaterThanOrEqual(1);
    expect(s.sampleErrors.at(-1)!.reason).toMatch(/truncat|unexpected end/i);
    const [{ n }] = (await rows(ctx.lake, 'SELECT count(*)::INT AS n FROM app')) as { n: number }[];
    expect(n).toBe(s.committed);
  });

  it('records an empty file in the ledger without writing anything', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'empty.jsonl');
    writeFileSync(file, '');
    const s = await ingest(ctx, 'app', [file]);
    expect(s).toMatchObject({ read: 0, committed: 0, deadLettered: 0, skipped: 0 });
    for (const t of await ctx.lake.listTables()) expect((await ctx.lake.describeTable(t)).rows).toBe(0);
    const again = await ingest(ctx, 'app', [file]);
    expect(again.skipped).toBe(1);
  });

  it('ingests a 50 MB single line', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'huge.jsonl');
    const big = 'A'.repeat(50 * 1024 * 1024);
    writeFileSync(file, `{"user":{"name":"before"}}\n{"message":"${big}"}\n{"user":{"name":"after"}}\n`);
    const s = await ingest(ctx, 'app', [file]);
    expect(s).toMatchObject({ read: 3, committed: 3, deadLettered: 0 });
    const got = await rows(ctx.lake, 'SELECT max(length(message)) AS n FROM app');
    expect(got).toEqual([{ n: big.length }]);
  });

  it('dead-letters a CSV row with too many columns, naming the line', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'flows.csv');
    writeFileSync(
      file,
      'src,dst,bytes\n10.0.0.1,10.0.0.2,10\n10.0.0.1,10.0.0.3,20,EXTRA\n10.0.0.1,10.0.0.4,30\n',
    );
    const s = await ingest(ctx, 'flows', [file]);
    balanced(s);
    expect(s).toMatchObject({ committed: 2, deadLettered: 1 });
    expect(s.sampleErrors[0]).toMatchObject({ input: file, line: 3 });
    expect(await rows(ctx.lake, 'SELECT dst, bytes FROM flows ORDER BY bytes')).toEqual([
      { dst: '10.0.0.2', bytes: 10 },
      { dst: '10.0.0.4', bytes: 30 },
    ]);
  });

  it('writes null and a conformance warning for a string where a long is expected', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'types.jsonl');
    writeFileSync(file, '{"bytes":"abc","user":{"name":"x"}}\n{"bytes":"42","user":{"name":"y"}}\n');
    const s = await ingest(ctx, 'app', [file]);
    expect(s).toMatchObject({ read: 2, committed: 2, deadLettered: 0, conformWarnings: 1 });
    expect(await rows(ctx.lake, 'SELECT user.name AS name, bytes FROM app ORDER BY name')).toEqual([
      { name: 'x', bytes: null },
      { name: 'y', bytes: 42 },
    ]);
    const warnings = await rows(
      ctx.lake,
      'SELECT input, line, field, value, reason FROM lakewatch_conform_warnings',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ input: file, line: 1, field: 'bytes', value: '"abc"' });
    expect(String(warnings[0]!.reason)).toMatch(/long/);
  });

  it('rejects a config that references a missing ECS field, with a suggestion', () => {
    const dir = writeLake({
      'log_sources/x/log_source.yml': 'name: x\nschema:\n  ecs_field_names: [sorce.ip]\n',
    });
    let caught: unknown;
    try {
      loadLakeDirectory(dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigErrors);
    const text = (caught as ConfigErrors).format();
    expect(text).toContain(path.join('log_sources', 'x', 'log_source.yml'));
    expect(text).toContain('schema.ecs_field_names[0]');
    expect(text).toContain('source.ip');
  });

  it('ingests each input exactly once: same path, or the same bytes under another name', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'once.jsonl');
    writeFileSync(
      file,
      lines(100, (i) => JSON.stringify({ user: { name: `u${i}` } })),
    );
    expect((await ingest(ctx, 'app', [file])).committed).toBe(100);
    const again = await ingest(ctx, 'app', [file]);
    expect(again).toMatchObject({ skipped: 1, committed: 0, read: 0 });
    const copy = path.join(ctx.dir, 'copy.jsonl');
    copyFileSync(file, copy);
    expect((await ingest(ctx, 'app', [copy])).skipped).toBe(1);
    expect(await rows(ctx.lake, 'SELECT count(*)::INT AS n FROM app')).toEqual([{ n: 100 }]);
  });

  it('commits nothing when an input fails mid-group, and leaves no files behind', async () => {
    const ctx = await setup();
    const a = path.join(ctx.dir, 'in', 'a.jsonl');
    const b = path.join(ctx.dir, 'in', 'b.jsonl');
    writeLake({ 'in/a.jsonl': lines(10, (i) => `{"user":{"name":"a${i}"}}`), 'in/b.jsonl': '{}\n' }, ctx.dir);
    const inputs = await expandInputs([a, b]);
    rmSync(b);
    await expect(
      ingestFiles({ lake: ctx.lake, lakeDir: ctx.lakeDir, logSource: 'app', inputs }),
    ).rejects.toThrow(/b\.jsonl/);
    const tables = await ctx.lake.listTables();
    for (const t of tables) expect((await ctx.lake.describeTable(t)).rows).toBe(0);
    const dataDir = path.join(ctx.dir, '.lakewatch', 'warehouse', 'lakewatch', 'app', 'data');
    const files = statSync(dataDir, { throwIfNoEntry: false })
      ? readdirSync(dataDir, { recursive: true })
      : [];
    expect(files.filter((f) => String(f).endsWith('.parquet'))).toEqual([]);
    // The same ingest without the vanished file then commits everything once.
    const s = await ingest(ctx, 'app', [a]);
    expect(s.committed).toBe(10);
  });

  it('spreads many inputs over worker threads with the same accounting', async () => {
    const ctx = await setup();
    const files: string[] = [];
    for (let f = 0; f < 5; f++) {
      const file = path.join(ctx.dir, `w-${f}.jsonl`);
      const body = lines(1000, (i) =>
        JSON.stringify({ user: { name: `f${f}-${i}` }, bytes: i === 7 ? 'x' : i }),
      );
      writeFileSync(file, f === 2 ? body + '{"broken":\n' : body);
      files.push(file);
    }
    const inputs = await expandInputs(files);
    const s = await ingestFiles({
      lake: ctx.lake,
      lakeDir: ctx.lakeDir,
      logSource: 'app',
      inputs,
      workers: 2,
    });
    balanced(s);
    expect(s).toMatchObject({ read: 5001, committed: 5000, deadLettered: 1, conformWarnings: 5, commits: 3 });
    expect(s.sampleErrors).toEqual([expect.objectContaining({ input: files[2], line: 1001 })]);
    expect(
      await rows(ctx.lake, 'SELECT count(DISTINCT user.name)::INT AS n, count(bytes)::INT AS b FROM app'),
    ).toEqual([{ n: 5000, b: 4995 }]);
  });

  it('cuts one big JSON-lines file into slices for the workers, keeping line numbers exact', async () => {
    const ctx = await setup();
    const file = path.join(ctx.dir, 'big.jsonl');
    const body = lines(40_000, (i) =>
      i === 25_000
        ? '{"user": broken'
        : JSON.stringify({ user: { name: `n${i}` }, message: 'm'.repeat(i % 50) }),
    );
    writeFileSync(file, body);
    const inputs = await expandInputs([file]);
    const s = await ingestFiles({
      lake: ctx.lake,
      lakeDir: ctx.lakeDir,
      logSource: 'app',
      inputs,
      workers: 2,
      sliceBytes: 256 * 1024,
    });
    balanced(s);
    expect(s).toMatchObject({ read: 40_000, committed: 39_999, deadLettered: 1 });
    const offset = Buffer.byteLength(body.split('\n').slice(0, 25_000).join('\n')) + 1;
    expect(await rows(ctx.lake, 'SELECT line, "offset" FROM lakewatch_dead_letters')).toEqual([
      { line: 25_001, offset },
    ]);
    expect(
      await rows(ctx.lake, 'SELECT count(DISTINCT user.name)::INT AS n, count(*)::INT AS c FROM app'),
    ).toEqual([{ n: 39_999, c: 39_999 }]);
    // More than one data file: the slices really ran as separate units.
    expect((await ctx.lake.describeTable('app')).files).toBeGreaterThan(1);
  });

  it('carries every Iceberg type from schema.fields through ingest to SQL', async () => {
    const ctx = await setup({
      'log_sources/typed/log_source.yml': `
name: typed
schema:
  fields:
    - { name: b, type: boolean }
    - { name: i, type: int }
    - { name: l, type: long }
    - { name: f, type: float }
    - { name: d, type: double }
    - { name: dec, type: "decimal(10, 2)" }
    - { name: day, type: date }
    - { name: tod, type: time }
    - { name: local, type: timestamp }
    - { name: s, type: string }
    - { name: u, type: uuid }
    - { name: bin, type: binary }
    - { name: fx, type: "fixed[4]" }
    - name: st
      type: { type: struct, fields: [{ name: x, type: long }, { name: y, type: { type: list, element: string } }] }
    - name: m
      type: { type: map, key: string, value: { type: list, element: int } }
`,
    });
    const file = path.join(ctx.dir, 'typed.jsonl');
    writeFileSync(
      file,
      JSON.stringify({
        ts: '2026-11-01T10:00:00.123456Z',
        b: 'true',
        i: '42',
        l: 0,
        f: 1.5,
        d: '2.25',
        dec: '123.4',
        day: '2026-11-01',
        tod: '10:11:12.5',
        local: '2026-11-01 10:00:00',
        s: 7,
        u: 'F79C3E09-677C-4BBD-A479-3F349CB785E7',
        bin: Buffer.from('hello').toString('base64'),
        fx: Buffer.from('abcd').toString('base64'),
        st: { x: '5', y: 'single' },
        m: { a: [1, 2], b: [] },
      }).replace('"l":0', '"l":9007199254740993') + '\n', // 2^53 + 1 as JSON text
    );
    const s = await ingest(ctx, 'typed', [file]);
    expect(s).toMatchObject({ committed: 1, deadLettered: 0 });
    const got = await rows(
      ctx.lake,
      `SELECT b, i, f, d, dec::VARCHAR AS dec, day::VARCHAR AS day, tod::VARCHAR AS tod, local::VARCHAR AS local,
              s, u::VARCHAR AS u, decode(bin) AS bin, decode(fx) AS fx, st.x AS x, st.y AS y, m['a'] AS ma,
              epoch_us(ts) AS us FROM typed`,
    );
    expect(got).toEqual([
      {
        b: true,
        i: 42,
        f: 1.5,
        d: 2.25,
        dec: '123.40',
        day: '2026-11-01',
        tod: '10:11:12.5',
        local: '2026-11-01 10:00:00',
        s: '7',
        u: 'f79c3e09-677c-4bbd-a479-3f349cb785e7',
        bin: 'hello',
        fx: 'abcd',
        x: 5,
        y: ['single'],
        ma: [1, 2],
        us: Date.parse('2026-11-01T10:00:00.123Z') * 1000 + 456,
      },
    ]);
    // Integers past 2^53 stay exact end to end (JSON.parse alone would round this to ...992).
    expect(await rows(ctx.lake, 'SELECT l::VARCHAR AS l FROM typed')).toEqual([{ l: '9007199254740993' }]);
  });

  it('aborts the whole group when a worker fails, leaving no rows and no files', async () => {
    const ctx = await setup();
    const files = [0, 1, 2, 3].map((f) => {
      const file = path.join(ctx.dir, 'wf', `${f}.jsonl`);
      writeLake({ [`wf/${f}.jsonl`]: lines(2000, (i) => `{"user":{"name":"${f}-${i}"}}`) }, ctx.dir);
      return file;
    });
    const inputs = await expandInputs(files);
    let removed = false;
    const run = ingestFiles({
      lake: ctx.lake,
      lakeDir: ctx.lakeDir,
      logSource: 'app',
      inputs,
      workers: 2,
      // The first progress report comes after the ledger checks and hashing: the file vanishes
      // before a worker opens it.
      onProgress: () => {
        if (!removed) rmSync(files[3]!);
        removed = true;
      },
    });
    await expect(run).rejects.toThrow(/3\.jsonl/);
    expect((await ctx.lake.describeTable('app')).rows).toBe(0);
    const dataDir = path.join(ctx.dir, '.lakewatch', 'warehouse', 'lakewatch', 'app', 'data');
    const left = statSync(dataDir, { throwIfNoEntry: false })
      ? readdirSync(dataDir, { recursive: true })
      : [];
    expect(left.filter((f) => String(f).endsWith('.parquet'))).toEqual([]);
  });

  it('names unknown log sources and tables', async () => {
    const ctx = await setup();
    await expect(
      ingestFiles({ lake: ctx.lake, lakeDir: ctx.lakeDir, logSource: 'nope', inputs: [] }),
    ).rejects.toThrow(/no log source named "nope".*app, flows/);
    await expect(
      ingestFiles({ lake: ctx.lake, lakeDir: ctx.lakeDir, logSource: 'app', inputs: [], table: 'zzz' }),
    ).rejects.toThrow(/no table "zzz"/);
  });

  it('gives a read-only view: SQL that writes or reads outside the lake is refused', async () => {
    const ctx = await setup();
    const tmp = tempDir();
    const file = path.join(tmp, 'x.jsonl');
    writeFileSync(file, '{"user":{"name":"a"}}\n');
    await ingest(ctx, 'app', [file]);
    await expect(rows(ctx.lake, "SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow();
    await expect(rows(ctx.lake, "COPY app TO '/tmp/out.csv'")).rejects.toThrow();
  });
});
