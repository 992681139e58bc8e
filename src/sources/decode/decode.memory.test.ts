// Its own file, so that it runs in a fresh process (vitest's forks pool) and earlier tests'
// garbage does not blur the RSS measurement.
import { createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decode } from './index.js';

describe('bounded memory', () => {
  it('streams ~300 MB of gzip-compressed NDJSON without growing memory with the input', async () => {
    const line = Buffer.from(
      JSON.stringify({
        ts: '2024-05-01T12:00:00.123Z',
        event: { action: 'login', outcome: 'success' },
        source: { ip: '10.1.2.3', port: 51234 },
        user: { name: 'alice' },
        message: 'x'.repeat(200),
      }) + '\n',
    );
    const perChunk = Math.floor((256 * 1024) / line.length);
    const block = Buffer.concat(Array.from({ length: perChunk }, () => line));
    const blocks = Math.ceil((300 * 1024 * 1024) / block.length);
    const gz = createGzip({ level: 1 });
    Readable.from(
      (function* () {
        for (let i = 0; i < blocks; i++) yield block;
      })(),
    ).pipe(gz);
    const before = process.memoryUsage().rss;
    let peak = before;
    let records = 0;
    let errors = 0;
    for await (const batch of decode(gz as AsyncIterable<Uint8Array>, { source: 'big.gz' })) {
      for (const item of batch) {
        if (item.kind === 'record') records++;
        else errors++;
      }
      const rss = process.memoryUsage().rss;
      if (rss > peak) peak = rss;
    }
    expect(errors).toBe(0);
    expect(records).toBe(blocks * perChunk);
    const total = blocks * block.length;
    expect(total).toBeGreaterThan(290 * 1024 * 1024);
    expect(peak - before).toBeLessThan(total / 3);
  });
});
