/** Test helpers: temp dirs and a CloudTrail-like table. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { UnboundField, UnboundPartitionField } from '../iceberg/types.js';

export async function tempDir(
  prefix = 'lakewatch-lake-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const HOUR_US = 3_600_000_000;
export const T0 = Date.UTC(2024, 0, 1, 10) * 1000; // 2024-01-01T10:00Z in micros

export const TRAIL_SCHEMA: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true },
  {
    name: 'event',
    type: {
      type: 'struct',
      fields: [
        { name: 'action', type: 'string' },
        { name: 'outcome', type: 'string' },
        { name: 'sequence', type: 'long' },
      ],
    },
  },
  {
    name: 'source',
    type: {
      type: 'struct',
      fields: [
        { name: 'ip', type: 'string' },
        { name: 'port', type: 'int' },
      ],
    },
  },
  { name: 'score', type: 'double' },
  { name: 'ok', type: 'boolean' },
  { name: 'tags', type: { type: 'list', element: 'string' } },
  { name: 'labels', type: { type: 'map', key: 'string', value: 'string' } },
  {
    name: 'resources',
    type: {
      type: 'list',
      element: {
        type: 'struct',
        fields: [
          { name: 'arn', type: 'string' },
          { name: 'type', type: 'string' },
        ],
      },
    },
  },
];

export const HOURLY: UnboundPartitionField[] = [{ source: 'ts', transform: 'hour' }];

export function trailRow(i: number, hour = 0): Record<string, unknown> {
  return {
    ts: T0 + hour * HOUR_US + i * 1000,
    event: { action: `Action${i % 7}`, outcome: i % 3 === 0 ? null : 'success', sequence: i },
    source: i % 5 === 0 ? null : { ip: `10.0.${i % 255}.${(i * 7) % 255}`, port: 1000 + (i % 100) },
    score: i % 11 === 0 ? null : i / 3,
    ok: i % 2 === 0,
    tags: i % 4 === 0 ? null : [`t${i % 3}`, `u${i % 2}`],
    labels: new Map([
      ['env', i % 2 ? 'prod' : 'dev'],
      ['n', String(i)],
    ]),
    resources: [{ arn: `arn:aws:s3:::bucket-${i}`, type: 'AWS::S3::Bucket' }],
  };
}
