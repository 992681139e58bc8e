import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { IngestSummary, InputFile } from '../pipeline/index.js';
import { Batcher } from './batcher.js';
import { SerialIngestQueue } from './queue.js';
import { newRequestId } from '../sources/http/index.js';
import { Spool } from './spool.js';

function summary(inputs: InputFile[]): IngestSummary {
  return {
    inputs: inputs.length,
    skipped: 0,
    committed: inputs.length,
    tables: {},
  } as unknown as IngestSummary;
}

async function setup(opts: { ack?: 'spool' | 'commit'; flushBytes?: number; failFirst?: number } = {}) {
  const spool = await Spool.open(tempDir('lakewatch-batcher-'));
  const batches: { logSource: string; ids: string[] }[] = [];
  let failures = opts.failFirst ?? 0;
  const committed = new Set<string>();
  const queue = new SerialIngestQueue(async (logSource, inputs) => {
    if (failures-- > 0) throw new Error('catalog unavailable');
    batches.push({ logSource, ids: inputs.map((i) => i.identity!) });
    for (const i of inputs) committed.add(i.identity!);
    return summary(inputs);
  });
  const log = vi.fn();
  const batcher = new Batcher({
    spool,
    queue,
    flushIntervalMs: 50,
    flushBytes: opts.flushBytes ?? 1 << 20,
    ack: opts.ack ?? 'spool',
    committed: async (id) => committed.has(id),
    log,
  });
  const add = async (logSource: string) =>
    spool
      .append(logSource, newRequestId(), Buffer.from('{"x":1}\n'), 1)
      .then((e) => ({ e, done: batcher.add(e) }));
  return { spool, batches, batcher, add, log, queue };
}

describe('Batcher', () => {
  it('groups requests per log source into one batch and removes them from the spool once committed', async () => {
    const { batches, add, spool } = await setup();
    const a = await add('okta');
    const b = await add('okta');
    const c = await add('zeek');
    await vi.waitFor(() => expect(batches.length).toBe(2));
    expect(batches).toContainEqual({ logSource: 'okta', ids: [a.e.input.identity, b.e.input.identity] });
    expect(batches).toContainEqual({ logSource: 'zeek', ids: [c.e.input.identity] });
    await vi.waitFor(async () => expect(await spool.pending()).toEqual([]));
  });

  it('flushes at once when flush_bytes are waiting', async () => {
    const { batches, add } = await setup({ flushBytes: 1 });
    await add('okta');
    await vi.waitFor(() => expect(batches.length).toBe(1));
  });

  it('keeps a failed batch in the spool and retries it', async () => {
    const { batches, add, spool, log } = await setup({ failFirst: 1 });
    const a = await add('okta');
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith(
        expect.stringMatching(/failed \(attempt 1, kept in the spool\): catalog unavailable/),
      ),
    );
    expect((await spool.pending()).map((e) => e.requestId)).toEqual([a.e.requestId]);
    await vi.waitFor(() => expect(batches).toEqual([{ logSource: 'okta', ids: [a.e.input.identity] }]), {
      timeout: 5000,
    });
  });

  it('in commit mode answers after the commit, and a failed request is rejected and not committed later', async () => {
    const ok = await setup({ ack: 'commit' });
    const a = await ok.add('okta');
    await a.done;
    expect(ok.batches).toEqual([{ logSource: 'okta', ids: [a.e.input.identity] }]);

    const failing = await setup({ ack: 'commit', failFirst: 1 });
    const b = await failing.add('okta');
    await expect(b.done).rejects.toThrow(/catalog unavailable/);
    expect(await failing.spool.pending()).toEqual([]);
  });

  it('in commit mode, a request found in the spool at start is kept and retried, not dropped', async () => {
    const { spool, batches, batcher } = await setup({ ack: 'commit', failFirst: 1 });
    const e = await spool.append('okta', newRequestId(), Buffer.from('{"x":1}\n'), 1);
    await batcher.add(e, { waiter: false }); // resolves at once: nobody waits for it
    await vi.waitFor(() => expect(batches).toEqual([{ logSource: 'okta', ids: [e.input.identity] }]), {
      timeout: 5000,
    });
  });

  it('flushAll commits what waits without waiting for the interval', async () => {
    const { batches, add, batcher } = await setup();
    await add('okta');
    await batcher.flushAll();
    expect(batches.length).toBe(1);
  });
});

function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
