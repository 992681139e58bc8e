import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCancelledError } from './errors.js';
import { openQuerySession } from './session.js';
import { FixtureLake } from './test-helpers/fixture-lake.js';
import type { QuerySession } from './types.js';

const SLOW = 'SELECT sum(hash(a.range + b.range)) FROM range(1000000) a, range(1000000) b';

describe('QueryOptions.signal', () => {
  let lake: FixtureLake;
  let session: QuerySession;
  beforeAll(async () => {
    lake = await FixtureLake.create();
    session = await openQuerySession(lake, { threads: 2 });
  });
  afterAll(async () => {
    await session?.close();
    await lake?.close();
  });

  it('aborting interrupts a running query; the session stays usable', async () => {
    const controller = new AbortController();
    const running = session.query(SLOW, { signal: controller.signal }).catch((e: unknown) => e);
    // abort once the query is executing (the abort listener interrupts DuckDB)
    setImmediate(() => controller.abort());
    expect(await running).toBeInstanceOf(QueryCancelledError);
    expect((await session.query('SELECT 1')).rows).toEqual([[1]]);
  });

  it('an aborted signal stops the query before it starts', async () => {
    const err = await session.query('SELECT 1', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryCancelledError);
  });
});
