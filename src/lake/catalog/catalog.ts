/**
 * Catalog: maps table identifiers to their current metadata file and swaps that pointer
 * atomically. A commit is data (requirements + updates); the catalog validates, writes the new
 * metadata file, and compare-and-swaps. Implementations: `sql/` (JDBC-catalog tables).
 */
import type { TableMetadata } from '../iceberg/types.js';
import type { TableRequirement, TableUpdate } from '../iceberg/updates.js';

export interface TableIdentifier {
  namespace: string;
  name: string;
}

export interface LoadedTable {
  identifier: TableIdentifier;
  metadataLocation: string;
  metadata: TableMetadata;
}

export interface TableCommit {
  identifier: TableIdentifier;
  /** The metadata the updates were computed against (its location is the CAS expectation). */
  base: LoadedTable;
  requirements: TableRequirement[];
  updates: TableUpdate[];
}

/** An ingest-ledger row, committed in the same transaction as the tables (exactly-once input). */
export interface LedgerEntry {
  key: string;
  logSource: string;
  input: string;
  details?: Record<string, unknown>;
}

/** One table's share of a commit, recorded durably (outlives snapshot expiry) in the same transaction. */
export interface IngestHistoryEntry {
  table: string;
  logSource: string | null;
  snapshotId: string;
  addedRecords: number;
  addedBytes: number;
}

export interface Catalog {
  readonly name: string;
  createNamespace(namespace: string, properties?: Record<string, string>): Promise<void>;
  namespaceExists(namespace: string): Promise<boolean>;
  listNamespaces(): Promise<string[]>;
  loadNamespaceProperties(namespace: string): Promise<Record<string, string>>;
  listTables(namespace: string): Promise<string[]>;
  tableExists(id: TableIdentifier): Promise<boolean>;
  /** NoSuchTableError when missing. */
  loadTable(id: TableIdentifier): Promise<LoadedTable>;
  /** Writes the first metadata file and registers it; TableAlreadyExistsError / NoSuchNamespaceError. */
  createTable(id: TableIdentifier, metadata: TableMetadata): Promise<LoadedTable>;
  /**
   * Commits all tables (and ledger rows) atomically, or nothing: CommitFailedError when any
   * table's pointer moved or a requirement fails (refresh and retry), LedgerConflictError when a
   * ledger key exists, CommitStateUnknownError when the outcome is unknown. `history` rows are
   * written in the same transaction, stamped with the commit time.
   */
  commitTransaction(
    commits: TableCommit[],
    ledger?: LedgerEntry[],
    history?: IngestHistoryEntry[],
  ): Promise<LoadedTable[]>;
  /** Removes the table from the catalog (files stay unless purge). */
  dropTable(id: TableIdentifier, purge?: boolean): Promise<void>;
  ledgerHas(key: string): Promise<boolean>;
  close(): Promise<void>;
}
