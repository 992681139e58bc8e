/**
 * openLake: the embedded lake — SQLite JDBC-style catalog at `<stateDir>/catalog.db`, a plain
 * Iceberg warehouse at `<stateDir>/warehouse/<namespace>/<table>`, one DuckDB for Parquet.
 * Locations inside metadata and manifests are absolute local paths (no `file:` scheme).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Catalog, LedgerEntry, LoadedTable, TableIdentifier } from './catalog/catalog.js';
import type { SqlExecutor } from './catalog/sql/driver.js';
import { SqlCatalog } from './catalog/sql/sql-catalog.js';
import { SqliteDriver } from './catalog/sql/sqlite-driver.js';
import { TableAlreadyExistsError } from './errors.js';
import { currentSchema, newTableMetadata } from './iceberg/metadata.js';
import { bindPartitionSpec } from './iceberg/partitioning.js';
import { bindSchema } from './iceberg/schema.js';
import type { DataFile, UnboundField, UnboundPartitionField } from './iceberg/types.js';
import type { TableRequirement, TableUpdate } from './iceberg/updates.js';
import { openObjectStore } from './io/index.js';
import type { ObjectStore } from './io/object-store.js';
import { compact, type CompactResult } from './maintenance/compact.js';
import type { MaintenanceContext } from './maintenance/context.js';
import { expireSnapshots, type ExpireResult } from './maintenance/expire.js';
import { removeOrphanFiles, type OrphanResult } from './maintenance/orphans.js';
import { applyRetention, type RetentionResult } from './maintenance/retention.js';
import {
  lastCommitMs,
  pruneHistory,
  queryHistory,
  queryVolume,
  type IngestHistoryQuery,
  type IngestHistoryRow,
  type IngestVolumeBucket,
  type IngestVolumeQuery,
} from './ledger/history.js';
import { DuckEngine } from './parquet/engine.js';
import { ParquetDataFileWriter, type DataFileWriter } from './parquet/writer.js';
import { commitSnapshots, commitUpdates, type RetryOptions } from './table/commit.js';
import { describe, type TableDescription } from './table/describe.js';
import { planScan, type ScanOptions, type ScanPlan } from './table/scan.js';
import { SnapshotProducer } from './table/snapshot-producer.js';
import { LoadedTableHandle, type Table } from './table/table.js';

export interface TableAppend {
  table: string;
  dataFiles: DataFile[];
  summary?: Record<string, string>;
  /**
   * Log source recorded in the ingest history. Default: the ledger entries' `logSource` when
   * they all agree, else the table's `lakewatch.log-source` property, else none.
   */
  logSource?: string;
}

/** Table property naming the log source a table belongs to (set by the ingest pipeline). */
export const LOG_SOURCE_PROPERTY = 'lakewatch.log-source';

export interface CommitResult {
  tables: {
    table: string;
    snapshotId: string;
    sequenceNumber: string;
    metadataLocation: string;
    addedFiles: number;
    addedRecords: number;
  }[];
  /** Number of attempts the commit took (1 = no conflict). */
  attempts: number;
}

export interface OpenLakeOptions {
  root: string;
  stateDir?: string;
  namespace?: string;
  /** DuckDB settings for the lake's Parquet writer. */
  duckdb?: { threads?: number; memoryLimit?: string };
  retry?: RetryOptions;
}

export interface Lake {
  readonly root: string;
  readonly stateDir: string;
  readonly warehouse: string;
  readonly namespace: string;
  listTables(): Promise<string[]>;
  tableExists(name: string): Promise<boolean>;
  loadTable(name: string): Promise<Table>;
  ensureTable(
    name: string,
    schema: UnboundField[],
    partitioning: UnboundPartitionField[],
    properties?: Record<string, string>,
  ): Promise<Table>;
  createWriter(
    table: Table,
    opts?: { targetFileSizeBytes?: number; maxBufferBytes?: number },
  ): DataFileWriter;
  /**
   * Appends data files to one or more tables and records ledger rows in ONE catalog transaction
   * (CAS per table, retried on conflicts). LedgerConflictError when a ledger key already exists;
   * on failure the caller still owns the data files (abort its writers).
   */
  commit(appends: TableAppend[], ledger?: LedgerEntry[]): Promise<CommitResult>;
  ledgerHas(key: string): Promise<boolean>;
  /**
   * Ingest history: one row per table per `commit` (committed in the same transaction), kept
   * after the snapshots expire. Rows in commit order.
   */
  ingestHistory(query: IngestHistoryQuery): Promise<IngestHistoryRow[]>;
  /** The ingest history summed per time bucket by the database (only buckets with commits). */
  ingestVolume(query: IngestVolumeQuery): Promise<IngestVolumeBucket[]>;
  /** Newest ingest-history commit time over the tables (epoch ms), null when none. */
  lastIngestMs(tables: string[]): Promise<number | null>;
  /** Deletes ingest-history rows committed before `beforeMs` (epoch ms); returns how many. */
  pruneIngestHistory(opts: { beforeMs: number }): Promise<number>;
  planScan(name: string, opts?: ScanOptions): Promise<ScanPlan>;
  describeTable(name: string): Promise<TableDescription>;
  compact(name: string, opts?: { targetFileSizeBytes?: number }): Promise<CompactResult>;
  /** Expires snapshots with timestamp-ms < `beforeMs` (an epoch-ms cutoff), keeping the newest `retainLast` (default 1). */
  expireSnapshots(name: string, opts: { beforeMs: number; retainLast?: number }): Promise<ExpireResult>;
  /** Deletes (in a `delete` snapshot) files whose every row has ts < now − retentionMs; straddling files are kept. */
  applyRetention(name: string, opts: { retentionMs: number; now?: Date }): Promise<RetentionResult>;
  /** Extra: delete unreferenced files under the table location last modified before `beforeMs` (epoch ms). */
  removeOrphanFiles(name: string, opts: { beforeMs: number }): Promise<OrphanResult>;
  /** Extra: the catalog (for tools that need namespaces or raw commits). */
  readonly catalog: Catalog;
  close(): Promise<void>;
}

export async function openLake(opts: OpenLakeOptions): Promise<Lake> {
  const root = path.resolve(opts.root);
  const stateDir = path.resolve(opts.stateDir ?? path.join(root, '.lakewatch'));
  const warehouse = path.join(stateDir, 'warehouse');
  const namespace = opts.namespace ?? 'lakewatch';
  await fs.mkdir(warehouse, { recursive: true });
  const tmpDir = path.join(stateDir, 'tmp');
  await fs.mkdir(tmpDir, { recursive: true });
  const store = openObjectStore(warehouse);
  const driver = new SqliteDriver(path.join(stateDir, 'catalog.db'));
  const catalog = await SqlCatalog.open('lakewatch', driver, store);
  if (!(await catalog.namespaceExists(namespace))) await catalog.createNamespace(namespace);
  let engine: DuckEngine | null = null;
  let enginePromise: Promise<DuckEngine> | null = null;
  const getEngine = () =>
    (enginePromise ??= DuckEngine.create({
      threads: opts.duckdb?.threads ?? 2,
      memoryLimit: opts.duckdb?.memoryLimit ?? '1GB',
      tempDirectory: tmpDir,
    }).then((e) => (engine = e)));
  return new EmbeddedLake(
    root,
    stateDir,
    warehouse,
    namespace,
    catalog,
    store,
    tmpDir,
    getEngine,
    () => engine,
    opts.retry ?? {},
    driver,
  );
}

class EmbeddedLake implements Lake {
  constructor(
    readonly root: string,
    readonly stateDir: string,
    readonly warehouse: string,
    readonly namespace: string,
    readonly catalog: Catalog,
    private readonly store: ObjectStore,
    private readonly tmpDir: string,
    private readonly getEngine: () => Promise<DuckEngine>,
    private readonly engineIfOpen: () => DuckEngine | null,
    private readonly retry: RetryOptions,
    private readonly sql: SqlExecutor,
  ) {}

  private id(name: string): TableIdentifier {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(name)) throw new Error(`invalid table name '${name}'`);
    return { namespace: this.namespace, name };
  }

  listTables(): Promise<string[]> {
    return this.catalog.listTables(this.namespace);
  }

  tableExists(name: string): Promise<boolean> {
    return this.catalog.tableExists(this.id(name));
  }

  async loadTable(name: string): Promise<Table> {
    return new LoadedTableHandle(await this.catalog.loadTable(this.id(name)));
  }

  async ensureTable(
    name: string,
    schema: UnboundField[],
    partitioning: UnboundPartitionField[],
    properties: Record<string, string> = {},
  ): Promise<Table> {
    const id = this.id(name);
    if (!(await this.catalog.tableExists(id))) {
      const bound = bindSchema(schema);
      const spec = bindPartitionSpec(partitioning, bound.schema);
      const meta = newTableMetadata({
        location: path.join(this.warehouse, this.namespace, name),
        schema: bound.schema,
        lastColumnId: bound.lastColumnId,
        spec: spec.spec,
        lastPartitionId: spec.lastPartitionId,
        properties: {
          'write.format.default': 'parquet',
          'write.parquet.compression-codec': 'zstd',
          ...properties,
        },
      });
      try {
        return new LoadedTableHandle(await this.catalog.createTable(id, meta));
      } catch (err) {
        if (!(err instanceof TableAlreadyExistsError)) throw err;
      }
    }
    const loaded = await commitUpdates(
      this.catalog,
      id,
      (base) => {
        const meta = base.metadata;
        const updates: TableUpdate[] = [];
        const requirements: TableRequirement[] = [
          { type: 'assert-current-schema-id', 'current-schema-id': meta['current-schema-id'] },
          { type: 'assert-last-assigned-field-id', 'last-assigned-field-id': meta['last-column-id'] },
          { type: 'assert-default-spec-id', 'default-spec-id': meta['default-spec-id'] },
        ];
        const cur = currentSchema(meta);
        const bound = bindSchema(schema, { schema: cur, lastColumnId: meta['last-column-id'] });
        if (bound.schema !== cur) {
          updates.push(
            { action: 'add-schema', schema: bound.schema, 'last-column-id': bound.lastColumnId },
            { action: 'set-current-schema', 'schema-id': -1 },
          );
        }
        const spec = bindPartitionSpec(partitioning, bound.schema, {
          specs: meta['partition-specs'],
          lastPartitionId: meta['last-partition-id'],
        });
        if (spec.spec['spec-id'] !== meta['default-spec-id']) {
          if (meta['partition-specs'].some((s) => s['spec-id'] === spec.spec['spec-id'])) {
            updates.push({ action: 'set-default-spec', 'spec-id': spec.spec['spec-id'] });
          } else {
            updates.push(
              { action: 'add-spec', spec: spec.spec, 'last-partition-id': spec.lastPartitionId },
              { action: 'set-default-spec', 'spec-id': -1 },
            );
          }
        }
        const changed = Object.entries(properties).filter(([k, v]) => meta.properties[k] !== v);
        if (changed.length) updates.push({ action: 'set-properties', updates: Object.fromEntries(changed) });
        return updates.length ? { requirements, updates } : null;
      },
      this.retry,
    );
    return new LoadedTableHandle(loaded);
  }

  createWriter(
    table: Table,
    opts: { targetFileSizeBytes?: number; maxBufferBytes?: number } = {},
  ): DataFileWriter {
    const { store, tmpDir, getEngine } = this;
    let inner: ParquetDataFileWriter | null = null;
    const get = async () =>
      (inner ??= new ParquetDataFileWriter({
        engine: await getEngine(),
        store,
        tableLocation: table.metadata.location,
        schema: table.schema(),
        spec: table.spec(),
        tmpDir,
        ...opts,
      }));
    return {
      write: async (row) => (inner ?? (await get())).write(row),
      finish: async () => (await get()).finish(),
      abort: async () => (inner ? inner.abort() : undefined),
    };
  }

  async commit(appends: TableAppend[], ledger: LedgerEntry[] = []): Promise<CommitResult> {
    const items = appends
      .filter((a) => a.dataFiles.length > 0)
      .map((a) => ({
        id: this.id(a.table),
        append: a,
        producer: new SnapshotProducer(this.store, 'append', a.dataFiles, new Set(), a.summary ?? {}),
      }));
    const names = new Set<string>();
    for (const i of items) {
      if (names.has(i.append.table))
        throw new Error(`table '${i.append.table}' appears twice in one commit; merge its data files`);
      names.add(i.append.table);
    }
    if (items.length === 0) {
      if (ledger.length) await this.catalog.commitTransaction([], ledger);
      return { tables: [], attempts: 1 };
    }
    const sources = new Set(ledger.map((l) => l.logSource));
    const agreed = sources.size === 1 ? [...sources][0]! : undefined;
    const history = (bases: LoadedTable[]) =>
      items.map((i, n) => ({
        table: i.append.table,
        logSource: i.append.logSource ?? agreed ?? bases[n]?.metadata.properties[LOG_SOURCE_PROPERTY] ?? null,
        snapshotId: i.producer.snapshotId,
        addedRecords: i.append.dataFiles.reduce((a, f) => a + f.recordCount, 0),
        addedBytes: i.append.dataFiles.reduce((a, f) => a + f.fileSizeInBytes, 0),
      }));
    const { tables, attempts } = await commitSnapshots(this.catalog, items, ledger, this.retry, history);
    return {
      attempts,
      tables: items.map((i, n) => ({
        table: i.append.table,
        snapshotId: i.producer.snapshotId,
        sequenceNumber: tables[n]!.metadata['last-sequence-number'],
        metadataLocation: tables[n]!.metadataLocation,
        addedFiles: i.append.dataFiles.length,
        addedRecords: i.append.dataFiles.reduce((a, f) => a + f.recordCount, 0),
      })),
    };
  }

  ledgerHas(key: string): Promise<boolean> {
    return this.catalog.ledgerHas(key);
  }

  ingestHistory(query: IngestHistoryQuery): Promise<IngestHistoryRow[]> {
    return queryHistory(this.sql, query);
  }

  ingestVolume(query: IngestVolumeQuery): Promise<IngestVolumeBucket[]> {
    return queryVolume(this.sql, query);
  }

  lastIngestMs(tables: string[]): Promise<number | null> {
    return lastCommitMs(this.sql, tables);
  }

  pruneIngestHistory(opts: { beforeMs: number }): Promise<number> {
    return pruneHistory(this.sql, opts.beforeMs);
  }

  async planScan(name: string, opts: ScanOptions = {}): Promise<ScanPlan> {
    const t = await this.catalog.loadTable(this.id(name));
    return planScan(this.store, name, t.metadata, opts);
  }

  async describeTable(name: string): Promise<TableDescription> {
    const t = await this.catalog.loadTable(this.id(name));
    return describe(name, t.metadataLocation, t.metadata);
  }

  private async ctx(name: string): Promise<MaintenanceContext> {
    return {
      catalog: this.catalog,
      store: this.store,
      engine: await this.getEngine(),
      tmpDir: this.tmpDir,
      id: this.id(name),
    };
  }

  async compact(name: string, opts: { targetFileSizeBytes?: number } = {}): Promise<CompactResult> {
    return compact(await this.ctx(name), opts);
  }

  async expireSnapshots(
    name: string,
    opts: { beforeMs: number; retainLast?: number },
  ): Promise<ExpireResult> {
    return expireSnapshots(await this.ctx(name), opts);
  }

  async applyRetention(name: string, opts: { retentionMs: number; now?: Date }): Promise<RetentionResult> {
    return applyRetention(await this.ctx(name), opts);
  }

  async removeOrphanFiles(name: string, opts: { beforeMs: number }): Promise<OrphanResult> {
    return removeOrphanFiles(await this.ctx(name), opts);
  }

  async close(): Promise<void> {
    await this.engineIfOpen()?.close();
    await this.catalog.close();
  }
}
