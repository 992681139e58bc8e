import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkComplete, compressionOf } from './complete.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lakewatch-complete-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, bytes: Uint8Array | string): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, bytes);
  return p;
}

/** A zstd file of many blocks, written by DuckDB (Node 20 has no zstd encoder). */
async function zstdBytes(rows: number): Promise<Buffer> {
  const p = path.join(dir, `z${rows}.json.zst`);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(
      `COPY (SELECT i, md5(i::VARCHAR) AS h FROM range(${rows}) t(i)) TO '${p}' (FORMAT json, COMPRESSION zstd)`,
    );
  } finally {
    con.closeSync();
    db.closeSync();
  }
  return readFile(p);
}

/** Cut points spread over the whole file, plus the last bytes. */
function cuts(length: number): number[] {
  const points = new Set<number>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, length - 4, length - 3, length - 1]);
  for (let k = 1; k < 40; k++) points.add(Math.floor((length * k) / 40));
  return [...points].filter((n) => n > 0 && n < length).sort((a, b) => a - b);
}

describe('checkComplete', () => {
  it('tells compressed files by their magic bytes, not their names', () => {
    expect(compressionOf(gzipSync('x'))).toBe('gzip');
    expect(compressionOf(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0]))).toBe('zstd');
    expect(compressionOf(Buffer.from('{"a":1}'))).toBe('none');
    expect(compressionOf(Uint8Array.from([0x1f]))).toBe('none');
  });

  it('plain files are complete (only the settle time guards them)', async () => {
    expect(await checkComplete(await file('plain.json.gz', '{"a":1}\n{"a":'))).toEqual({ state: 'complete' });
    expect(await checkComplete(await file('empty', ''))).toEqual({ state: 'complete' });
  });

  it('a gzip file is complete only with its end; concatenated members are followed', async () => {
    const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => `{"n":${i * 7919}}\n`).join(''));
    const first = gzipSync(body);
    const gz = Buffer.concat([first, gzipSync(body)]);
    expect(await checkComplete(await file('whole.gz', gz))).toEqual({ state: 'complete' });
    // Between two members the stream is complete as far as anyone can tell: the settle time covers it.
    expect(await checkComplete(await file('first.gz', first))).toEqual({ state: 'complete' });
    for (const n of cuts(gz.length).filter((n) => n !== first.length)) {
      const result = await checkComplete(await file(`cut-${n}.gz`, gz.subarray(0, n)));
      expect(result, `cut at ${n} of ${gz.length}`).toMatchObject({ state: 'truncated' });
    }
  });

  it('a gzip file with garbage in it is corrupt, not truncated (more bytes cannot fix it)', async () => {
    const gz = gzipSync(Buffer.from('{"n":1}\n'.repeat(100)));
    const bad = Buffer.from(gz);
    bad[20] = bad[20]! ^ 0xff;
    expect(await checkComplete(await file('bad.gz', bad))).toMatchObject({ state: 'corrupt' });
    const trailing = Buffer.concat([gz, Buffer.from('not gzip')]);
    expect(await checkComplete(await file('trailing.gz', trailing))).toMatchObject({ state: 'corrupt' });
  });

  it('walks zstd frames and blocks: complete at the end of the last frame, truncated anywhere before', async () => {
    const one = await zstdBytes(20_000);
    const skippable = Buffer.alloc(8 + 5);
    skippable.writeUInt32LE(0x184d2a53, 0);
    skippable.writeUInt32LE(5, 4);
    const zst = Buffer.concat([one, skippable, one]);
    expect(await checkComplete(await file('whole.zst', zst))).toEqual({ state: 'complete' });
    for (const n of cuts(zst.length)) {
      const result = await checkComplete(await file(`cut-${n}.zst`, zst.subarray(0, n)));
      expect(result, `cut at ${n} of ${zst.length}`).toMatchObject({ state: 'truncated' });
    }
  });

  it('a zstd file followed by bytes that are no frame is corrupt', async () => {
    const zst = Buffer.concat([await zstdBytes(100), Buffer.from('trailing text')]);
    expect(await checkComplete(await file('trailing.zst', zst))).toMatchObject({
      state: 'corrupt',
      reason: expect.stringMatching(/unknown frame magic/),
    });
  });
});
