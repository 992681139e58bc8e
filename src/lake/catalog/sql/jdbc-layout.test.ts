import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../io/local.js';
import { tempDir } from '../../test-helpers/helpers.js';
import { SqlCatalog } from './sql-catalog.js';
import { SqliteDriver } from './sqlite-driver.js';

/**
 * The Iceberg JDBC catalog layout (Java JdbcUtil V1 schema; pyiceberg SqlCatalog):
 *   iceberg_tables(catalog_name, table_namespace, table_name, metadata_location,
 *                  previous_metadata_location, iceberg_type) PK (catalog_name, table_namespace, table_name)
 *   iceberg_namespace_properties(catalog_name, namespace, property_key, property_value)
 *                  PK (catalog_name, namespace, property_key)
 */
describe('JDBC catalog layout', () => {
  it('matches the Iceberg JDBC catalog tables exactly', async () => {
    const { dir, cleanup } = await tempDir('lakewatch-jdbc-');
    const file = path.join(dir, 'catalog.db');
    const catalog = await SqlCatalog.open('lakewatch', new SqliteDriver(file), new LocalObjectStore());
    await catalog.close();
    const db = new Database(file, { readonly: true });
    try {
      type Col = { name: string; type: string; notnull: number; pk: number };
      const info = (t: string) => db.prepare(`PRAGMA table_info(${t})`).all() as Col[];
      const tables = info('iceberg_tables');
      expect(tables.map((c) => c.name)).toEqual([
        'catalog_name',
        'table_namespace',
        'table_name',
        'metadata_location',
        'previous_metadata_location',
        'iceberg_type',
      ]);
      expect(
        tables
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
      ).toEqual(['catalog_name', 'table_namespace', 'table_name']);
      expect(tables.filter((c) => c.notnull).map((c) => c.name)).toEqual([
        'catalog_name',
        'table_namespace',
        'table_name',
      ]);
      expect(Object.fromEntries(tables.map((c) => [c.name, c.type]))).toEqual({
        catalog_name: 'VARCHAR(255)',
        table_namespace: 'VARCHAR(255)',
        table_name: 'VARCHAR(255)',
        metadata_location: 'VARCHAR(1000)',
        previous_metadata_location: 'VARCHAR(1000)',
        iceberg_type: 'VARCHAR(5)',
      });
      const ns = info('iceberg_namespace_properties');
      expect(ns.map((c) => c.name)).toEqual(['catalog_name', 'namespace', 'property_key', 'property_value']);
      expect(
        ns
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
      ).toEqual(['catalog_name', 'namespace', 'property_key']);
      const ledger = info('lakewatch_ingest_ledger');
      expect(ledger.map((c) => c.name)).toEqual(['key', 'log_source', 'input', 'committed_at', 'details']);
      expect(ledger.find((c) => c.pk === 1)!.name).toBe('key');
      expect((db.pragma('journal_mode') as { journal_mode: string }[])[0]!.journal_mode).toBe('wal');
    } finally {
      db.close();
      await cleanup();
    }
  });
});
