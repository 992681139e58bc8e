import { describe, expect, it } from 'vitest';
import { openLake } from './index.js';
import { HOURLY, TRAIL_SCHEMA, tempDir, trailRow } from './test-helpers/helpers.js';

describe('smoke', () => {
  it('writes, commits and scans', async () => {
    const { dir, cleanup } = await tempDir();
    const lake = await openLake({ root: dir });
    try {
      const t = await lake.ensureTable('trail', TRAIL_SCHEMA, HOURLY);
      const w = lake.createWriter(t);
      for (let i = 0; i < 100; i++) await w.write(trailRow(i, i % 3));
      const files = await w.finish();
      expect(files).toHaveLength(3);
      const r = await lake.commit(
        [{ table: 'trail', dataFiles: files }],
        [{ key: 'k1', logSource: 'aws', input: 'f1' }],
      );
      expect(r.tables[0]!.addedRecords).toBe(100);
      const plan = await lake.planScan('trail');
      expect(plan.files).toHaveLength(3);
      expect(await lake.ledgerHas('k1')).toBe(true);
      const d = await lake.describeTable('trail');
      expect(d.rows).toBe(100);
    } finally {
      await lake.close();
      await cleanup();
    }
  });
});
