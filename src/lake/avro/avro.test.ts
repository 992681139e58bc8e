import { describe, expect, it } from 'vitest';
import { bindPartitionSpec, partitionFieldTypes } from '../iceberg/partitioning.js';
import { bindSchema } from '../iceberg/schema.js';
import type { DataFile, ManifestFile } from '../iceberg/types.js';
import { readContainer } from './container.js';
import { decodeManifest, decodeManifestList, encodeManifest, encodeManifestList } from './manifest.js';

const { schema } = bindSchema([
  { name: 'ts', type: 'timestamptz', required: true },
  { name: 'region', type: 'string' },
]);
const { spec } = bindPartitionSpec(
  [
    { source: 'ts', transform: 'hour' },
    { source: 'region', transform: 'identity' },
  ],
  schema,
);
const partition = partitionFieldTypes(spec, schema);

const file = (p: string, hour: number, region: string | null): DataFile => ({
  content: 0,
  filePath: p,
  fileFormat: 'PARQUET',
  specId: 0,
  partition: [hour, region],
  recordCount: 10,
  fileSizeInBytes: 1234,
  valueCounts: new Map([[1, 10]]),
  nullValueCounts: new Map([[1, 0]]),
  nanValueCounts: new Map(),
  lowerBounds: new Map([[1, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)]]),
  upperBounds: new Map([[1, Uint8Array.of(9, 2, 3, 4, 5, 6, 7, 8)]]),
});

describe('manifests', () => {
  it('writes v2 manifests whose header schema keeps field ids, and inherits sequence numbers', () => {
    const snapshotId = '9123456789012345678';
    const { bytes, stats } = encodeManifest({
      entries: [
        {
          status: 1,
          snapshotId: null,
          sequenceNumber: null,
          fileSequenceNumber: null,
          dataFile: file('/a.parquet', 473000, 'eu'),
        },
        {
          status: 0,
          snapshotId: '77',
          sequenceNumber: '3',
          fileSequenceNumber: '3',
          dataFile: file('/b.parquet', 473001, null),
        },
        {
          status: 2,
          snapshotId: snapshotId,
          sequenceNumber: '2',
          fileSequenceNumber: '2',
          dataFile: file('/c.parquet', 473002, 'us'),
        },
      ],
      schema,
      spec,
      partition,
      addedSnapshotId: snapshotId,
    });
    const c = readContainer(bytes);
    expect(c.metadata['format-version']).toBe('2');
    expect(c.metadata.content).toBe('data');
    expect(c.metadata['partition-spec-id']).toBe('0');
    expect(JSON.parse(c.metadata['partition-spec']!)).toEqual(spec.fields);
    expect(JSON.parse(c.metadata.schema!)).toEqual(schema);
    const header = c.metadata['avro.schema']!;
    for (const s of [
      '"field-id":0',
      '"field-id":2',
      '"field-id":100',
      '"field-id":1000',
      '"field-id":1001',
      '"name":"k117_v118"',
      '"field-id":117',
      '"element-id":133',
    ])
      expect(header).toContain(s);
    expect(stats).toMatchObject({
      addedFilesCount: 1,
      existingFilesCount: 1,
      deletedFilesCount: 1,
      addedRowsCount: 10,
      existingRowsCount: 10,
      deletedRowsCount: 10,
    });
    expect(stats.partitions![0]).toMatchObject({ containsNull: false });
    expect(stats.partitions![1]!.containsNull).toBe(true);
    expect(Buffer.from(stats.partitions![1]!.lowerBound!).toString()).toBe('eu');

    const { minExplicitSequenceNumber, ...rest } = stats;
    expect(minExplicitSequenceNumber).toBe('3'); // live entries only
    const mf: ManifestFile = {
      ...rest,
      manifestPath: '/m.avro',
      manifestLength: bytes.length,
      sequenceNumber: '5',
      minSequenceNumber: '3',
    };
    const entries = decodeManifest(bytes, mf, partition);
    expect(entries[0]).toMatchObject({ status: 1, snapshotId, sequenceNumber: '5', fileSequenceNumber: '5' });
    expect(entries[0]!.dataFile.partition).toEqual([473000, 'eu']);
    expect(entries[1]).toMatchObject({ status: 0, snapshotId: '77', sequenceNumber: '3' });
    expect(entries[1]!.dataFile.partition).toEqual([473001, null]);
    expect(entries[2]).toMatchObject({ status: 2, snapshotId, sequenceNumber: '2' });
    expect(entries[0]!.dataFile.lowerBounds.get(1)).toEqual(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));

    const list = encodeManifestList([mf], { snapshotId, parentSnapshotId: null, sequenceNumber: '5' });
    const lc = readContainer(list);
    expect(lc.metadata['snapshot-id']).toBe(snapshotId);
    expect(lc.metadata['avro.schema']).toContain('"field-id":500');
    expect(lc.metadata['avro.schema']).toContain('"element-id":508');
    const back = decodeManifestList(list);
    expect(back[0]).toEqual({
      ...mf,
      partitions: mf.partitions!.map((p) => ({
        ...p,
        lowerBound: p.lowerBound && new Uint8Array(p.lowerBound),
        upperBound: p.upperBound && new Uint8Array(p.upperBound),
      })),
    });
    expect(back[0]!.addedSnapshotId).toBe(snapshotId);
  });
});
