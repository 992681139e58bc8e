/**
 * SQL catalog on the JDBC-catalog tables. Commit = write `{version:05d}-{uuid}.metadata.json`,
 * then in ONE transaction: `UPDATE iceberg_tables SET metadata_location=new,
 * previous_metadata_location=old WHERE … AND metadata_location=old` per table (zero rows ⇒
 * CommitFailedError), the ledger rows and the ingest-history rows.
 */
import {
  CommitFailedError,
  CommitStateUnknownError,
  LedgerConflictError,
  NoSuchNamespaceError,
  NoSuchTableError,
  TableAlreadyExistsError,
} from '../../errors.js';
import {
  metadataFileName,
  metadataVersion,
  parseMetadata,
  serializeMetadata,
} from '../../iceberg/metadata.js';
import type { TableMetadata } from '../../iceberg/types.js';
import { applyUpdates, validateRequirements } from '../../iceberg/updates.js';
import type { ObjectStore } from '../../io/object-store.js';
import { HISTORY_DDL, insertHistoryRows } from '../../ledger/history.js';
import { insertLedgerRows, LEDGER_DDL, ledgerHas } from '../../ledger/ledger.js';
import type {
  Catalog,
  IngestHistoryEntry,
  LedgerEntry,
  LoadedTable,
  TableCommit,
  TableIdentifier,
} from '../catalog.js';
import type { SqlDriver } from './driver.js';
import {
  CATALOG_DDL,
  NAMESPACE_EXISTS_PROPERTY,
  NAMESPACE_PROPERTIES_TABLE,
  TABLES_TABLE,
} from './schema.js';

const TABLE_FILTER = `(iceberg_type = 'TABLE' OR iceberg_type IS NULL)`;

/** Parsed metadata files kept per catalog (files are immutable: a new version is a new file). */
const METADATA_CACHE_ENTRIES = 32;

export class SqlCatalog implements Catalog {
  /**
   * Metadata file location → its parsed metadata. A table committed every second would otherwise
   * re-read and re-parse a metadata file of up to megabytes several times per commit. Callers
   * treat `LoadedTable.metadata` as read-only (updates go through `applyUpdates`, which copies).
   */
  private readonly metadataCache = new Map<string, TableMetadata>();

  private constructor(
    readonly name: string,
    private readonly driver: SqlDriver,
    private readonly store: ObjectStore,
  ) {}

  static async open(name: string, driver: SqlDriver, store: ObjectStore): Promise<SqlCatalog> {
    for (const ddl of CATALOG_DDL) await driver.exec(ddl);
    await driver.exec(LEDGER_DDL);
    for (const ddl of HISTORY_DDL) await driver.exec(ddl);
    return new SqlCatalog(name, driver, store);
  }

  async createNamespace(namespace: string, properties: Record<string, string> = {}): Promise<void> {
    const props = { [NAMESPACE_EXISTS_PROPERTY]: 'true', ...properties };
    await this.driver.transaction(async (tx) => {
      for (const [k, v] of Object.entries(props)) {
        await tx.run(
          `INSERT INTO ${NAMESPACE_PROPERTIES_TABLE} (catalog_name, namespace, property_key, property_value) VALUES (?, ?, ?, ?)
           ON CONFLICT (catalog_name, namespace, property_key) DO UPDATE SET property_value = excluded.property_value`,
          [this.name, namespace, k, v],
        );
      }
    });
  }

  async namespaceExists(namespace: string): Promise<boolean> {
    const a = await this.driver.query(
      `SELECT 1 AS x FROM ${NAMESPACE_PROPERTIES_TABLE} WHERE catalog_name = ? AND namespace = ? LIMIT 1`,
      [this.name, namespace],
    );
    if (a.length) return true;
    const b = await this.driver.query(
      `SELECT 1 AS x FROM ${TABLES_TABLE} WHERE catalog_name = ? AND table_namespace = ? LIMIT 1`,
      [this.name, namespace],
    );
    return b.length > 0;
  }

  async listNamespaces(): Promise<string[]> {
    const rows = await this.driver.query<{ ns: string }>(
      `SELECT namespace AS ns FROM ${NAMESPACE_PROPERTIES_TABLE} WHERE catalog_name = ?
       UNION SELECT table_namespace AS ns FROM ${TABLES_TABLE} WHERE catalog_name = ? ORDER BY ns`,
      [this.name, this.name],
    );
    return rows.map((r) => r.ns);
  }

  async loadNamespaceProperties(namespace: string): Promise<Record<string, string>> {
    if (!(await this.namespaceExists(namespace)))
      throw new NoSuchNamespaceError(`namespace '${namespace}' does not exist`);
    const rows = await this.driver.query<{ k: string; v: string }>(
      `SELECT property_key AS k, property_value AS v FROM ${NAMESPACE_PROPERTIES_TABLE} WHERE catalog_name = ? AND namespace = ?`,
      [this.name, namespace],
    );
    return Object.fromEntries(rows.map((r) => [r.k, r.v]));
  }

  async listTables(namespace: string): Promise<string[]> {
    const rows = await this.driver.query<{ t: string }>(
      `SELECT table_name AS t FROM ${TABLES_TABLE} WHERE catalog_name = ? AND table_namespace = ? AND ${TABLE_FILTER} ORDER BY table_name`,
      [this.name, namespace],
    );
    return rows.map((r) => r.t);
  }

  private async pointer(id: TableIdentifier): Promise<string | null> {
    const rows = await this.driver.query<{ loc: string | null }>(
      `SELECT metadata_location AS loc FROM ${TABLES_TABLE} WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND ${TABLE_FILTER}`,
      [this.name, id.namespace, id.name],
    );
    return rows.length ? (rows[0]!.loc ?? null) : null;
  }

  async tableExists(id: TableIdentifier): Promise<boolean> {
    return (await this.pointer(id)) !== null;
  }

  async loadTable(id: TableIdentifier): Promise<LoadedTable> {
    const loc = await this.pointer(id);
    if (loc === null) throw new NoSuchTableError(`table '${id.namespace}.${id.name}' does not exist`);
    let metadata = this.metadataCache.get(loc);
    if (metadata === undefined) {
      metadata = parseMetadata((await this.store.read(loc)).toString('utf8'));
      this.remember(loc, metadata);
    }
    return { identifier: id, metadataLocation: loc, metadata };
  }

  private remember(loc: string, metadata: TableMetadata): void {
    deepFreeze(metadata); // shared from now on: a stray write fails loudly instead of corrupting
    this.metadataCache.delete(loc);
    this.metadataCache.set(loc, metadata);
    if (this.metadataCache.size > METADATA_CACHE_ENTRIES)
      this.metadataCache.delete(this.metadataCache.keys().next().value!);
  }

  async createTable(id: TableIdentifier, metadata: TableMetadata): Promise<LoadedTable> {
    if (!(await this.namespaceExists(id.namespace)))
      throw new NoSuchNamespaceError(`namespace '${id.namespace}' does not exist`);
    if (await this.tableExists(id))
      throw new TableAlreadyExistsError(`table '${id.namespace}.${id.name}' already exists`);
    const loc = `${metadata.location}/metadata/${metadataFileName(0)}`;
    await this.store.write(loc, serializeMetadata(metadata));
    try {
      await this.driver.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO ${TABLES_TABLE} (catalog_name, table_namespace, table_name, metadata_location, previous_metadata_location, iceberg_type)
           VALUES (?, ?, ?, ?, NULL, 'TABLE')`,
          [this.name, id.namespace, id.name, loc],
        );
      });
    } catch (err) {
      await this.store.delete(loc);
      if (this.driver.isUniqueViolation(err))
        throw new TableAlreadyExistsError(`table '${id.namespace}.${id.name}' already exists`);
      throw err;
    }
    return { identifier: id, metadataLocation: loc, metadata };
  }

  async commitTransaction(
    commits: TableCommit[],
    ledger: LedgerEntry[] = [],
    history: IngestHistoryEntry[] = [],
  ): Promise<LoadedTable[]> {
    const staged: LoadedTable[] = [];
    const now = Date.now();
    for (const c of commits) {
      validateRequirements(c.requirements, c.base.metadata);
      const next = applyUpdates(c.base.metadata, c.updates, now);
      next['metadata-log'].push({
        'timestamp-ms': c.base.metadata['last-updated-ms'],
        'metadata-file': c.base.metadataLocation,
      });
      const max = Number(next.properties['write.metadata.previous-versions-max'] ?? 100);
      if (next['metadata-log'].length > max) next['metadata-log'] = next['metadata-log'].slice(-max);
      const version = Math.max(metadataVersion(c.base.metadataLocation), 0) + 1;
      const loc = `${next.location}/metadata/${metadataFileName(version)}`;
      staged.push({ identifier: c.identifier, metadataLocation: loc, metadata: next });
    }
    for (const s of staged) await this.store.write(s.metadataLocation, serializeMetadata(s.metadata));
    try {
      await this.driver.transaction(async (tx) => {
        for (let i = 0; i < commits.length; i++) {
          const c = commits[i]!;
          const r = await tx.run(
            `UPDATE ${TABLES_TABLE} SET metadata_location = ?, previous_metadata_location = ?
             WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND metadata_location = ?`,
            [
              staged[i]!.metadataLocation,
              c.base.metadataLocation,
              this.name,
              c.identifier.namespace,
              c.identifier.name,
              c.base.metadataLocation,
            ],
          );
          if (r.changes === 0) {
            throw new CommitFailedError(
              `table '${c.identifier.namespace}.${c.identifier.name}' was updated concurrently; refresh and retry`,
            );
          }
        }
        if (ledger.length) await insertLedgerRows(tx, this.driver, ledger);
        if (history.length) await insertHistoryRows(tx, history, now);
      });
    } catch (err) {
      if (!(err instanceof CommitStateUnknownError)) {
        for (const s of staged) await this.store.delete(s.metadataLocation);
      }
      if (
        err instanceof CommitFailedError ||
        err instanceof LedgerConflictError ||
        err instanceof CommitStateUnknownError
      )
        throw err;
      if ((err as { code?: string }).code === 'SQLITE_BUSY')
        throw new CommitFailedError('catalog database is busy', { cause: err });
      throw err;
    }
    for (const s of staged) this.remember(s.metadataLocation, s.metadata);
    return staged;
  }

  async dropTable(id: TableIdentifier, purge = false): Promise<void> {
    const t = purge ? await this.loadTable(id) : null;
    const r = await this.driver.run(
      `DELETE FROM ${TABLES_TABLE} WHERE catalog_name = ? AND table_namespace = ? AND table_name = ?`,
      [this.name, id.namespace, id.name],
    );
    if (r.changes === 0) throw new NoSuchTableError(`table '${id.namespace}.${id.name}' does not exist`);
    if (t) for (const f of await this.store.list(t.metadata.location)) await this.store.delete(f.path);
  }

  async ledgerHas(key: string): Promise<boolean> {
    return ledgerHas(this.driver, key);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
