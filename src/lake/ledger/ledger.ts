/**
 * Ingest ledger: one row per committed input object, inserted in the same database
 * transaction as the table pointer swaps, so an input is committed exactly once or not at all.
 */
import { LedgerConflictError } from '../errors.js';
import type { LedgerEntry } from '../catalog/catalog.js';
import type { SqlDriver, SqlExecutor } from '../catalog/sql/driver.js';

export const LEDGER_TABLE = 'lakewatch_ingest_ledger';

export const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
  key VARCHAR(1000) NOT NULL PRIMARY KEY,
  log_source VARCHAR(255) NOT NULL,
  input VARCHAR(4000) NOT NULL,
  committed_at VARCHAR(40) NOT NULL,
  details TEXT
)`;

export async function insertLedgerRows(
  tx: SqlExecutor,
  driver: SqlDriver,
  rows: LedgerEntry[],
  now = new Date(),
): Promise<void> {
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.key)) throw new LedgerConflictError([r.key]);
    seen.add(r.key);
    try {
      await tx.run(
        `INSERT INTO ${LEDGER_TABLE} (key, log_source, input, committed_at, details) VALUES (?, ?, ?, ?, ?)`,
        [
          r.key,
          r.logSource,
          r.input,
          now.toISOString(),
          r.details === undefined ? null : JSON.stringify(r.details),
        ],
      );
    } catch (err) {
      if (driver.isUniqueViolation(err)) throw new LedgerConflictError([r.key]);
      throw err;
    }
  }
}

export async function ledgerHas(driver: SqlExecutor, key: string): Promise<boolean> {
  const rows = await driver.query(`SELECT 1 AS x FROM ${LEDGER_TABLE} WHERE key = ?`, [key]);
  return rows.length > 0;
}
