/**
 * Conformance suite every Catalog implementation must pass. Run it from each backend's test
 * (sql/sqlite.test.ts today; sql/postgres.test.ts later) with a factory for a fresh catalog.
 */
import { describe, expect, it } from 'vitest';
import {
  CommitFailedError,
  LedgerConflictError,
  NoSuchNamespaceError,
  NoSuchTableError,
  TableAlreadyExistsError,
} from '../errors.js';
import { newTableMetadata } from '../iceberg/metadata.js';
import { bindPartitionSpec } from '../iceberg/partitioning.js';
import { bindSchema } from '../iceberg/schema.js';
import type { Snapshot } from '../iceberg/types.js';
import type { Catalog, TableIdentifier } from './catalog.js';

export interface CatalogFixture {
  catalog: Catalog;
  warehouse: string;
  /** A second, independent connection to the same catalog (for race tests). */
  reopen(): Promise<Catalog>;
  cleanup(): Promise<void>;
}

function metadataFor(warehouse: string, id: TableIdentifier) {
  const { schema, lastColumnId } = bindSchema([{ name: 'ts', type: 'timestamptz', required: true }]);
  const { spec, lastPartitionId } = bindPartitionSpec([{ source: 'ts', transform: 'hour' }], schema);
  return newTableMetadata({
    location: `${warehouse}/${id.namespace}/${id.name}`,
    schema,
    lastColumnId,
    spec,
    lastPartitionId,
  });
}

const snapshot = (id: string, seq: string): Snapshot => ({
  'snapshot-id': id,
  'sequence-number': seq,
  'timestamp-ms': Date.now(),
  'manifest-list': '/nowhere.avro',
  summary: { operation: 'append' },
});

function appendUpdates(id: string, seq: string) {
  return [
    { action: 'add-snapshot' as const, snapshot: snapshot(id, seq) },
    { action: 'set-snapshot-ref' as const, 'ref-name': 'main', type: 'branch' as const, 'snapshot-id': id },
  ];
}

export function catalogSuite(name: string, make: () => Promise<CatalogFixture>): void {
  describe(`Catalog conformance: ${name}`, () => {
    const withFixture = (fn: (f: CatalogFixture) => Promise<void>) => async () => {
      const f = await make();
      try {
        await fn(f);
      } finally {
        await f.cleanup();
      }
    };

    it(
      'manages namespaces',
      withFixture(async ({ catalog }) => {
        expect(await catalog.namespaceExists('ns')).toBe(false);
        await catalog.createNamespace('ns', { owner: 'sec' });
        expect(await catalog.namespaceExists('ns')).toBe(true);
        expect(await catalog.listNamespaces()).toContain('ns');
        expect(await catalog.loadNamespaceProperties('ns')).toMatchObject({ owner: 'sec', exists: 'true' });
        await expect(catalog.loadNamespaceProperties('nope')).rejects.toBeInstanceOf(NoSuchNamespaceError);
      }),
    );

    it(
      'creates, lists, loads and drops tables',
      withFixture(async ({ catalog, warehouse }) => {
        const id = { namespace: 'ns', name: 't1' };
        await expect(catalog.createTable(id, metadataFor(warehouse, id))).rejects.toBeInstanceOf(
          NoSuchNamespaceError,
        );
        await catalog.createNamespace('ns');
        const created = await catalog.createTable(id, metadataFor(warehouse, id));
        expect(created.metadataLocation).toMatch(/\/metadata\/00000-[0-9a-f-]{36}\.metadata\.json$/);
        await expect(catalog.createTable(id, metadataFor(warehouse, id))).rejects.toBeInstanceOf(
          TableAlreadyExistsError,
        );
        expect(await catalog.listTables('ns')).toEqual(['t1']);
        expect(await catalog.tableExists(id)).toBe(true);
        const loaded = await catalog.loadTable(id);
        expect(loaded.metadata).toEqual(created.metadata);
        await expect(catalog.loadTable({ namespace: 'ns', name: 'zz' })).rejects.toBeInstanceOf(
          NoSuchTableError,
        );
        await catalog.dropTable(id);
        expect(await catalog.tableExists(id)).toBe(false);
        await expect(catalog.dropTable(id)).rejects.toBeInstanceOf(NoSuchTableError);
      }),
    );

    it(
      'commits with compare-and-swap and rejects stale bases',
      withFixture(async ({ catalog, warehouse, reopen }) => {
        await catalog.createNamespace('ns');
        const id = { namespace: 'ns', name: 't' };
        const base = await catalog.createTable(id, metadataFor(warehouse, id));
        const [next] = await catalog.commitTransaction([
          { identifier: id, base, requirements: [], updates: appendUpdates('1', '1') },
        ]);
        expect(next!.metadataLocation).toMatch(/\/00001-[0-9a-f-]{36}\.metadata\.json$/);
        expect(next!.metadata['metadata-log']).toEqual([
          { 'timestamp-ms': base.metadata['last-updated-ms'], 'metadata-file': base.metadataLocation },
        ]);
        // A second connection that still holds the old base loses the race.
        const other = await reopen();
        try {
          await expect(
            other.commitTransaction([
              { identifier: id, base, requirements: [], updates: appendUpdates('2', '1') },
            ]),
          ).rejects.toBeInstanceOf(CommitFailedError);
        } finally {
          await other.close();
        }
        const cur = await catalog.loadTable(id);
        expect(cur.metadataLocation).toBe(next!.metadataLocation);
        await expect(
          catalog.commitTransaction([
            {
              identifier: id,
              base: cur,
              requirements: [{ type: 'assert-ref-snapshot-id', ref: 'main', 'snapshot-id': null }],
              updates: appendUpdates('3', '2'),
            },
          ]),
        ).rejects.toBeInstanceOf(CommitFailedError);
      }),
    );

    it(
      'commits several tables and ledger rows atomically',
      withFixture(async ({ catalog, warehouse }) => {
        await catalog.createNamespace('ns');
        const a = { namespace: 'ns', name: 'a' };
        const b = { namespace: 'ns', name: 'b' };
        const baseA = await catalog.createTable(a, metadataFor(warehouse, a));
        const baseB = await catalog.createTable(b, metadataFor(warehouse, b));
        await catalog.commitTransaction(
          [
            { identifier: a, base: baseA, requirements: [], updates: appendUpdates('1', '1') },
            { identifier: b, base: baseB, requirements: [], updates: appendUpdates('2', '1') },
          ],
          [{ key: 'in-1', logSource: 'src', input: 'file-1', details: { n: 1 } }],
        );
        expect(await catalog.ledgerHas('in-1')).toBe(true);
        const curA = await catalog.loadTable(a);
        const curB = await catalog.loadTable(b);
        // b's base is stale → nothing lands: not a, not the ledger row.
        await expect(
          catalog.commitTransaction(
            [
              { identifier: a, base: curA, requirements: [], updates: appendUpdates('3', '2') },
              { identifier: b, base: baseB, requirements: [], updates: appendUpdates('4', '2') },
            ],
            [{ key: 'in-2', logSource: 'src', input: 'file-2' }],
          ),
        ).rejects.toBeInstanceOf(CommitFailedError);
        expect((await catalog.loadTable(a)).metadataLocation).toBe(curA.metadataLocation);
        expect(await catalog.ledgerHas('in-2')).toBe(false);
        // A duplicate ledger key also rolls back the table swaps.
        await expect(
          catalog.commitTransaction(
            [{ identifier: a, base: curA, requirements: [], updates: appendUpdates('5', '2') }],
            [{ key: 'in-1', logSource: 'src', input: 'file-1' }],
          ),
        ).rejects.toBeInstanceOf(LedgerConflictError);
        expect((await catalog.loadTable(a)).metadataLocation).toBe(curA.metadataLocation);
        expect((await catalog.loadTable(b)).metadataLocation).toBe(curB.metadataLocation);
      }),
    );
  });
}
