import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, DecodeError, detectCompression, type DecodedItem, type DecodeOptions } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lakewatch-decode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, content);
  return p;
}

async function collect(
  input: AsyncIterable<Uint8Array>,
  opts: Partial<DecodeOptions> = {},
): Promise<DecodedItem[]> {
  const out: DecodedItem[] = [];
  for await (const batch of decode(input, { source: 'test', ...opts })) {
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(opts.batchSize ?? 2048);
    out.push(...batch);
  }
  return out;
}

/** Decodes a real file, named as the source. */
const readFile =
  (p: string, highWaterMark = 64 * 1024) =>
  (opts: Partial<DecodeOptions> = {}) =>
    collect(createReadStream(p, { highWaterMark }) as AsyncIterable<Uint8Array>, { source: p, ...opts });

async function* chunks(buf: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** Records and errors in a compact, comparable form. */
function summary(items: DecodedItem[]) {
  return items.map((i) =>
    i.kind === 'record'
      ? { line: i.line, offset: i.offset, ...i.value }
      : { line: i.line, offset: i.offset, error: i.reason, raw: Buffer.from(i.raw).toString('latin1') },
  );
}

async function duckdbCompressed(name: string, sql: string, compression: 'zstd' | 'gzip'): Promise<string> {
  const p = join(dir, name);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(`COPY (${sql}) TO '${p}' (FORMAT json, COMPRESSION ${compression})`);
  } finally {
    con.closeSync();
    db.closeSync();
  }
  return p;
}

describe('JSON lines', () => {
  it('decodes records with 1-based lines and byte offsets; malformed lines are error items', async () => {
    const text = '{"a":1}\n{"b":"é"}\nnot json\n\n42\n[1]\n{"c":3}\r\n{"d":4}';
    const items = await readFile(await file('lines.json', text))();
    expect(summary(items)).toEqual([
      { line: 1, offset: 0, json: { a: 1 } },
      { line: 2, offset: 8, json: { b: 'é' } },
      {
        line: 3,
        offset: 19,
        error: expect.stringContaining('invalid JSON: Unexpected token'),
        raw: 'not json',
      },
      { line: 5, offset: 29, error: 'expected a JSON object, got a number', raw: '42' },
      { line: 6, offset: 32, error: 'expected a JSON object, got an array', raw: '[1]' },
      { line: 7, offset: 36, json: { c: 3 } },
      { line: 8, offset: 45, json: { d: 4 } },
    ]);
  });

  it('gives the same items whatever the chunk boundaries', async () => {
    const text = Buffer.from('\ufeff{"a":"x\\"y"}\n{"b":"日本語"}\nbad\n{"c":[1,{"d":2}]}\n');
    const whole = summary(await collect(chunks(text, text.length)));
    for (let size = 1; size <= 9; size++) expect(summary(await collect(chunks(text, size)))).toEqual(whole);
    expect(whole[0]).toEqual({ line: 1, offset: 3, json: { a: 'x"y' } });
  });

  it('reports invalid UTF-8 with the byte position and the raw bytes', async () => {
    const bad = Buffer.concat([Buffer.from('{"a":"ok'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const input = Buffer.concat([Buffer.from('{"x":1}\n'), bad, Buffer.from('\n{"y":2}\n')]);
    const items = await collect(chunks(input, 5));
    expect(items).toHaveLength(3);
    expect(items[1]).toMatchObject({ kind: 'error', line: 2, offset: 8 });
    if (items[1]!.kind !== 'error') throw new Error('unreachable');
    expect(items[1]!.reason).toBe('invalid UTF-8 at byte 8 of the line (stream offset 16)');
    expect(Buffer.from(items[1]!.raw)).toEqual(bad);
    expect(items[2]).toMatchObject({ kind: 'record', line: 3, value: { json: { y: 2 } } });
  });

  it('decodes a 50 MB single line (first and middle line, 64 KiB chunks)', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const p = await file('big.json', `{"big":"${big}"}\n{"a":1}\n{"big":"${big}"}\n{"z":2}\n`);
    const items = await readFile(p)();
    expect(items.map((i) => i.kind)).toEqual(['record', 'record', 'record', 'record']);
    for (const rec of [items[0]!, items[2]!]) {
      if (rec.kind !== 'record' || !('json' in rec.value)) throw new Error('expected a record');
      expect((rec.value.json.big as string).length).toBe(big.length);
    }
    expect(items[3]).toMatchObject({ line: 4, offset: 2 * (big.length + 11) + 8 });
  });

  it('counts lines and offsets across leading blank lines', async () => {
    const items = await collect(chunks(Buffer.from('\n\n  \n{"a":1}\n\n{"b":2}'), 2));
    expect(summary(items)).toEqual([
      { line: 4, offset: 5, json: { a: 1 } },
      { line: 6, offset: 14, json: { b: 2 } },
    ]);
  });

  it('dead-letters a line longer than maxLineBytes with its first 1 MiB', async () => {
    const long = `{"big":"${'y'.repeat(3 * 1024 * 1024)}"}`;
    const input = Buffer.from(`{"a":1}\n${long}\n{"b":2}\n${long}`);
    for (const size of [64 * 1024, input.length]) {
      const items = await collect(chunks(input, size), { maxLineBytes: 2 * 1024 * 1024 });
      expect(items.map((i) => i.kind)).toEqual(['record', 'error', 'record', 'error']);
      for (const e of [items[1]!, items[3]!]) {
        if (e.kind !== 'error') throw new Error('unreachable');
        expect(e.raw.length).toBe(1024 * 1024);
        expect(e.reason).toContain(`line is ${long.length} bytes, longer than maxLineBytes`);
        expect(e.reason).toContain('truncated');
      }
      expect(items[2]).toMatchObject({ line: 3, value: { json: { b: 2 } } });
    }
  });

  it('treats an empty input and whitespace-only input as nothing', async () => {
    expect(await readFile(await file('empty.json', ''))()).toEqual([]);
    expect(await readFile(await file('ws.json', ' \n\r\n\t\n'))()).toEqual([]);
    expect(await collect(chunks(gzipSync(''), 10))).toEqual([]);
  });

  it('yields batches of batchSize items', async () => {
    const text = Array.from({ length: 25 }, (_, i) => `{"i":${i}}`).join('\n');
    const sizes: number[] = [];
    for await (const b of decode(chunks(Buffer.from(text), 7), { source: 's', batchSize: 10 }))
      sizes.push(b.length);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('closes the source when the consumer stops early (plain, gzip, zstd)', async () => {
    const body = '{"a":1}\n'.repeat(100_000);
    const plain = await file('many.json', body);
    const gz = await file('many.json.gz', gzipSync(body));
    const zst = await duckdbCompressed('many.zst', 'SELECT 1 AS a FROM range(100000)', 'zstd');
    for (const p of [plain, gz, zst]) {
      const stream = createReadStream(p, { highWaterMark: 1024 });
      for await (const batch of decode(stream as AsyncIterable<Uint8Array>, { source: p, batchSize: 10 })) {
        expect(batch).toHaveLength(10);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(stream.destroyed).toBe(true);
    }
  });

  it('throws DecodeError naming the source when the input cannot be read', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"a":1}\n');
      throw new Error('disk on fire');
    }
    const it = decode(failing(), { source: 'broken.json' });
    await expect(
      (async () => {
        for await (const _ of it) void _;
      })(),
    ).rejects.toThrow(DecodeError);
    const e = await (async () => {
      try {
        for await (const _ of decode(failing(), { source: 'broken.json' })) void _;
      } catch (err) {
        return err as DecodeError;
      }
    })();
    expect(e?.source).toBe('broken.json');
    expect(e?.line).toBe(2);
    expect(e?.offset).toBe(8);
    expect(e?.message).toContain('disk on fire');
  });
});

describe('compression', () => {
  const lines =
    Array.from({ length: 1000 }, (_, i) => JSON.stringify({ i, msg: `event ${i}` })).join('\n') + '\n';

  it('detects compression by magic bytes', () => {
    expect(detectCompression(Uint8Array.from([0x1f, 0x8b, 8]))).toBe('gzip');
    expect(detectCompression(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd]))).toBe('zstd');
    expect(detectCompression(Buffer.from('{"a"'))).toBe('none');
  });

  it('decodes gzip by content, whatever the file name, including concatenated members', async () => {
    const half = lines.length / 2;
    const cut = lines.indexOf('\n', half) + 1;
    const gz = Buffer.concat([gzipSync(lines.slice(0, cut)), gzipSync(lines.slice(cut))]);
    const items = await readFile(await file('logs.txt', gz), 1000)();
    expect(items).toHaveLength(1000);
    expect(items.every((i) => i.kind === 'record')).toBe(true);
    expect(items[999]).toMatchObject({ line: 1000, value: { json: { i: 999 } } });
  });

  it('decodes zstd written by DuckDB', async () => {
    const p = await duckdbCompressed(
      'events.log',
      "SELECT i::INTEGER AS i, 'event ' || i AS msg FROM range(5000) t(i)",
      'zstd',
    );
    const items = await readFile(p, 4096)();
    expect(items).toHaveLength(5000);
    expect(items[4999]).toMatchObject({
      kind: 'record',
      line: 5000,
      value: { json: { i: 4999, msg: 'event 4999' } },
    });
  });

  it('decodes gzip written by DuckDB', async () => {
    const p = await duckdbCompressed('dd.gz.bin', 'SELECT i::INTEGER AS i FROM range(3000) t(i)', 'gzip');
    const items = await readFile(p)();
    expect(items).toHaveLength(3000);
  });

  it('keeps the records before a truncated gzip stream and reports where it broke', async () => {
    const gz = gzipSync(lines);
    const truncated = gz.subarray(0, Math.floor(gz.length / 2));
    const items = await readFile(await file('trunc.gz', truncated), 512)();
    const errors = items.filter((i) => i.kind === 'error');
    expect(errors).toHaveLength(1);
    const err = items[items.length - 1]!;
    if (err.kind !== 'error') throw new Error('the error must come last');
    const records = items.slice(0, -1);
    expect(records.length).toBeGreaterThan(10);
    records.forEach((r, i) =>
      expect(r).toMatchObject({ kind: 'record', line: i + 1, value: { json: { i } } }),
    );
    const broke = Number(/decompressed offset (\d+)/.exec(err.reason)?.[1]);
    expect(err.reason).toContain('trunc.gz');
    expect(err.reason).toContain('gzip stream is truncated');
    expect(broke).toBeGreaterThan(err.offset - 1);
    // The partial line is kept as the raw bytes of the error item.
    expect(Buffer.from(err.raw).toString()).toBe(lines.slice(err.offset, broke));
    expect(err.line).toBe(records.length + 1);
  });

  it('keeps the records before a truncated zstd stream and reports where it broke', async () => {
    const p = await duckdbCompressed(
      'z.zst',
      "SELECT i::INTEGER AS i, repeat('x', 100) AS pad FROM range(20000) t(i)",
      'zstd',
    );
    const { readFile: rf } = await import('node:fs/promises');
    const full = await rf(p);
    const cut = await file('cut.zst', full.subarray(0, Math.floor(full.length * 0.6)));
    const items = await readFile(cut, 4096)();
    const last = items[items.length - 1]!;
    expect(last.kind).toBe('error');
    if (last.kind !== 'error') return;
    expect(last.reason).toMatch(/cut\.zst: zstd stream is truncated at decompressed offset \d+/);
    expect(items.slice(0, -1).every((i) => i.kind === 'record')).toBe(true);
  });
});

describe('JSON arrays and concatenated values', () => {
  it('streams a top-level array element by element', async () => {
    const text = Buffer.from(
      ' [ {"a":1}, {"b":"x\\\\\\"]y\\\\"},\n 3, [1], {"c":{"d":[1,{"e":"}"}]}} ,"s", {"f":null} ]\n',
    );
    const whole = summary(await collect(chunks(text, text.length)));
    expect(whole).toEqual([
      { line: 1, offset: 3, json: { a: 1 } },
      { line: 2, offset: 12, json: { b: 'x\\"]y\\' } },
      { line: 3, offset: 32, error: 'expected a JSON object, got a number', raw: '3' },
      { line: 4, offset: 35, error: 'expected a JSON object, got an array', raw: '[1]' },
      { line: 5, offset: 40, json: { c: { d: [1, { e: '}' }] } } },
      { line: 6, offset: 67, error: 'expected a JSON object, got a string', raw: '"s"' },
      { line: 7, offset: 72, json: { f: null } },
    ]);
    for (let size = 1; size <= 8; size++) expect(summary(await collect(chunks(text, size)))).toEqual(whole);
  });

  it('streams a large array without holding it whole', async () => {
    const n = 20000;
    const body =
      '[' + Array.from({ length: n }, (_, i) => JSON.stringify({ i, s: 'v'.repeat(50) })).join(',') + ']';
    const p = await file('array.json', gzipSync(body));
    const items = await readFile(p)();
    expect(items).toHaveLength(n);
    expect(items[n - 1]).toMatchObject({ kind: 'record', line: n, value: { json: { i: n - 1 } } });
  });

  it('handles empty arrays and a malformed element', async () => {
    expect(await collect(chunks(Buffer.from('[]'), 1))).toEqual([]);
    const items = summary(await collect(chunks(Buffer.from('[{"a":1},{"b":},{"c":3}]'), 4)));
    expect(items.map((i) => ('error' in i ? 'error' : 'record'))).toEqual(['record', 'error', 'record']);
  });

  it('dead-letters an array element longer than maxLineBytes and goes on', async () => {
    const big = JSON.stringify({ big: 'z'.repeat(3 * 1024 * 1024) });
    const input = Buffer.from(`[{"a":1},${big},{"b":2}]`);
    const items = await collect(chunks(input, 100_000), { maxLineBytes: 1024 * 1024 });
    expect(items.map((i) => i.kind)).toEqual(['record', 'error', 'record']);
    expect(items[1]).toMatchObject({ line: 2, offset: 9 });
    if (items[1]!.kind === 'error') {
      expect(items[1]!.raw.length).toBe(1024 * 1024);
      expect(items[1]!.reason).toContain(`${big.length} bytes`);
    }
  });

  it('reports an array cut off in the middle of an element', async () => {
    const items = await collect(chunks(Buffer.from('[{"a":1},{"b":"unfinished'), 5));
    expect(items[0]).toMatchObject({ kind: 'record', line: 1 });
    expect(items[1]).toMatchObject({
      kind: 'error',
      line: 2,
      offset: 9,
      reason: 'unexpected end of input inside a JSON value',
    });
  });

  it('with format json, a top-level array is still streamed', async () => {
    const items = await collect(chunks(Buffer.from('[{"a":1}]'), 3), { format: 'json' });
    expect(summary(items)).toEqual([{ line: 1, offset: 1, json: { a: 1 } }]);
  });

  it('dead-letters garbage between concatenated objects and goes on', async () => {
    const items = await collect(chunks(Buffer.from('{\n"a":1}\n  oops {"b":\n2}'), 3));
    expect(items.map((i) => i.kind)).toEqual(['record', 'error', 'record']);
  });

  it('round-trips random values through every JSON framing and random chunk sizes', async () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', '"', '\\', '[', ']', '{', '}', ',', ' ', '\n', 'é', '日', '😀', '\\"', ':'];
    const str = () => Array.from({ length: rnd(12) }, () => alphabet[rnd(alphabet.length)]).join('');
    const value = (depth: number): unknown => {
      const k = rnd(depth > 2 ? 4 : 6);
      if (k === 0) return str();
      if (k === 1) return rnd(1000) - 500;
      if (k === 2) return rnd(2) === 0;
      if (k === 3) return null;
      if (k === 4) return Array.from({ length: rnd(4) }, () => value(depth + 1));
      return obj(depth + 1);
    };
    const obj = (depth: number): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: rnd(5) }, () => [str(), value(depth)]));
    const objects = Array.from({ length: 300 }, () => obj(0));
    const inputs = [
      JSON.stringify(objects),
      JSON.stringify(objects, null, 2),
      objects.map((o) => JSON.stringify(o, null, 1)).join('\n'),
      objects.map((o) => JSON.stringify(o)).join('\n'),
    ];
    for (const text of inputs) {
      const bytes = Buffer.from(text);
      for (const size of [1, 2, 3, 7, 64, 4096]) {
        const items = await collect(chunks(bytes, size + rnd(3)));
        expect(items.map((i) => (i.kind === 'record' && 'json' in i.value ? i.value.json : i))).toEqual(
          objects,
        );
      }
    }
  });

  it('decodes a single pretty-printed object', async () => {
    const obj = { a: 1, nested: { b: [1, 2, { c: 'line\nbreak' }] }, s: 'brace } and bracket ]' };
    const items = await readFile(await file('pretty.json', JSON.stringify(obj, null, 2) + '\n'), 7)();
    expect(summary(items)).toEqual([{ line: 1, offset: 0, json: obj }]);
  });

  it('decodes several concatenated pretty-printed objects', async () => {
    const text = '{\n "a": 1\n}\n{\n "b": 2\n}{"c":3}\n';
    const items = await collect(chunks(Buffer.from(text), 3));
    expect(summary(items)).toEqual([
      { line: 1, offset: 0, json: { a: 1 } },
      { line: 2, offset: 12, json: { b: 2 } },
      { line: 3, offset: 23, json: { c: 3 } },
    ]);
  });
});

describe('text', () => {
  it('yields one message per non-empty line, strips \\r and a BOM', async () => {
    const items = await readFile(
      await file('syslog.log', '\ufeff<13>Jan  1 host app: hi\r\n\nsecond line\nlast'),
    )();
    expect(summary(items)).toEqual([
      { line: 1, offset: 3, message: '<13>Jan  1 host app: hi' },
      { line: 3, offset: 29, message: 'second line' },
      { line: 4, offset: 41, message: 'last' },
    ]);
  });

  it('decodes JSON-looking lines as text when format is text', async () => {
    const items = await collect(chunks(Buffer.from('{"a":1}\n'), 100), { format: 'text' });
    expect(summary(items)).toEqual([{ line: 1, offset: 0, message: '{"a":1}' }]);
  });

  it('reports invalid UTF-8 in a text line', async () => {
    const items = await collect(chunks(Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x0a, 0x63]), 2));
    expect(summary(items)).toEqual([
      { line: 1, offset: 0, message: 'a' },
      { line: 2, offset: 2, error: 'invalid UTF-8 at byte 1 of the line (stream offset 3)', raw: 'b\xff' },
      { line: 3, offset: 5, message: 'c' },
    ]);
  });
});

describe('CSV', () => {
  it('uses the header row, handles quoted newlines, and dead-letters rows with the wrong column count', async () => {
    const text =
      'user,action,count\nalice,login,1\n"bob\nsmith",logout,2\ncarol,x,3,extra\ndave,y\neve,"a,b",5\n\n';
    const items = await readFile(await file('audit.csv', text), 5)({ format: 'csv' });
    expect(summary(items)).toEqual([
      { line: 2, offset: 18, json: { user: 'alice', action: 'login', count: '1' } },
      { line: 3, offset: 32, json: { user: 'bob\nsmith', action: 'logout', count: '2' } },
      { line: 5, offset: 53, error: 'CSV line 5: expected 3 columns, got 4', raw: 'carol,x,3,extra' },
      { line: 6, offset: 69, error: 'CSV line 6: expected 3 columns, got 2', raw: 'dave,y' },
      { line: 7, offset: 76, json: { user: 'eve', action: 'a,b', count: '5' } },
    ]);
  });

  it('keeps UTF-8 fields and reports invalid UTF-8 in a row', async () => {
    const input = Buffer.concat([
      Buffer.from('name,city\nJosé,Zürich\n'),
      Buffer.from([0x78, 0x2c, 0xff, 0x0a]),
      Buffer.from('"日本",東京\n'),
    ]);
    const items = await collect(chunks(input, 3), { format: 'csv' });
    expect(summary(items)).toEqual([
      { line: 2, offset: 10, json: { name: 'José', city: 'Zürich' } },
      { line: 3, offset: 24, error: 'invalid UTF-8 at byte 2 of the line (stream offset 26)', raw: 'x,\xff' },
      { line: 4, offset: 28, json: { name: '日本', city: '東京' } },
    ]);
  });

  it('reports a quote left open at the end of the input', async () => {
    const items = await collect(chunks(Buffer.from('a,b\n1,2\n"open,3\n'), 4), { format: 'csv' });
    expect(items[0]).toMatchObject({ kind: 'record', line: 2, value: { json: { a: '1', b: '2' } } });
    expect(items[1]).toMatchObject({ kind: 'error', line: 3 });
    if (items[1]!.kind === 'error') expect(items[1]!.reason).toContain('Quote Not Closed');
    expect(items).toHaveLength(2);
  });

  it('uses csvHeaders (implies CSV; the first line is data)', async () => {
    const text = 'alice,1\r\nbob,2\r\n';
    const items = await collect(chunks(Buffer.from(gzipSync(text)), 8), { csvHeaders: ['user', 'n'] });
    expect(summary(items)).toEqual([
      { line: 1, offset: 0, json: { user: 'alice', n: '1' } },
      { line: 2, offset: 9, json: { user: 'bob', n: '2' } },
    ]);
  });
});

describe('slices of a line-framed body', () => {
  it('numbers lines and offsets from where the slice starts', async () => {
    const body = Buffer.from('{"a":1}\n{"a":2}\nnot json\n{"a":4}\n');
    const cut = body.indexOf('not json');
    const head = await collect(chunks(body.subarray(0, cut), 5));
    const tail = await collect(chunks(body.subarray(cut), 5), {
      slice: { framing: 'json-lines', line: 3, offset: cut },
    });
    expect(head.map((i) => i.line)).toEqual([1, 2]);
    expect(tail).toEqual([
      expect.objectContaining({ kind: 'error', line: 3, offset: cut }),
      expect.objectContaining({ kind: 'record', line: 4, offset: cut + 9, value: { json: { a: 4 } } }),
    ]);
  });
});

describe('integers beyond 2^53', () => {
  it('keeps them exact as bigint, and everything else as JSON.parse reads it', async () => {
    const line =
      '{"id": 9007199254740993, "neg": -12345678901234567890, "small": 42, "f": 1.5e3, "s": "12345678901234567890", "a": [18446744073709551615, {"x": "\\u00e9\\"q"}], "t": true, "n": null}\n';
    const [item] = await collect(chunks(Buffer.from(line), 7));
    expect(item).toMatchObject({ kind: 'record' });
    expect((item as { value: { json: unknown } }).value.json).toEqual({
      id: 9007199254740993n,
      neg: -12345678901234567890n,
      small: 42,
      f: 1500,
      s: '12345678901234567890',
      a: [18446744073709551615n, { x: 'é"q' }],
      t: true,
      n: null,
    });
  });
});

describe('the bigint-safe path and untrusted keys', () => {
  it('keeps __proto__ as an own key, as JSON.parse does', async () => {
    const [item] = await collect(
      chunks(Buffer.from('{"__proto__": {"x": 1}, "id": 12345678901234567890}\n'), 9),
    );
    const json = (item as { value: { json: Record<string, unknown> } }).value.json;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.keys(json)).toEqual(['__proto__', 'id']);
    expect(json.id).toBe(12345678901234567890n);
  });
});
