/**
 * Write throughput of ~200k conformed CloudTrail-like rows (not a pass/fail test: runs only with
 * LAKE_BENCH=1 and prints rows/s).  LAKE_BENCH=1 npx vitest run src/lake/throughput.test.ts
 */
import { describe, expect, it } from 'vitest';
import type { UnboundField } from './iceberg/types.js';
import { openLake } from './index.js';
import { ParquetDataFileWriter } from './parquet/writer.js';
import { bindSchema } from './iceberg/schema.js';
import { bindPartitionSpec } from './iceberg/partitioning.js';
import { LocalObjectStore } from './io/local.js';
import { DuckEngine } from './parquet/engine.js';
import path from 'node:path';
import { HOURLY, T0, tempDir } from './test-helpers/helpers.js';

const s = (name: string, fields: UnboundField[]): UnboundField => ({
  name,
  type: { type: 'struct', fields },
});
const str = (name: string): UnboundField => ({ name, type: 'string' });

export const CLOUDTRAIL_SCHEMA: UnboundField[] = [
  { name: 'ts', type: 'timestamptz', required: true },
  s('event', [
    str('action'),
    str('outcome'),
    str('provider'),
    str('category'),
    str('id'),
    str('type'),
    { name: 'sequence', type: 'long' },
  ]),
  s('cloud', [str('provider'), str('region'), s('account', [str('id')])]),
  s('source', [str('ip'), str('address'), s('geo', [str('country_iso_code'), str('city_name')])]),
  s('user', [str('name'), str('id'), s('group', [str('name')])]),
  s('user_agent', [str('original')]),
  s('aws', [
    s('cloudtrail', [
      str('event_version'),
      str('event_type'),
      str('request_parameters'),
      str('response_elements'),
      { name: 'read_only', type: 'boolean' },
      s('user_identity', [
        str('type'),
        str('arn'),
        str('access_key_id'),
        s('session_context', [str('mfa_authenticated'), str('creation_date')]),
      ]),
      {
        name: 'resources',
        type: {
          type: 'list',
          element: { type: 'struct', fields: [str('arn'), str('type'), str('account_id')] },
        },
      },
    ]),
  ]),
  {
    name: 'related',
    type: {
      type: 'struct',
      fields: [
        { name: 'ip', type: { type: 'list', element: 'string' } },
        { name: 'user', type: { type: 'list', element: 'string' } },
      ],
    },
  },
  { name: 'tags', type: { type: 'list', element: 'string' } },
  { name: 'labels', type: { type: 'map', key: 'string', value: 'string' } },
];

const ACTIONS = [
  'GetObject',
  'PutObject',
  'AssumeRole',
  'ConsoleLogin',
  'DescribeInstances',
  'ListBuckets',
  'CreateUser',
];

export function cloudtrailRow(i: number): Record<string, unknown> {
  const ip = `${10 + (i % 200)}.${i % 251}.${(i >> 8) % 251}.${i % 7}`;
  return {
    ts: T0 + Math.floor(i / 50) * 1_000_000 + (i % 50) * 997,
    event: {
      action: ACTIONS[i % 7],
      outcome: i % 17 ? 'success' : 'failure',
      provider: 's3.amazonaws.com',
      category: 'authentication',
      id: `6b7f${i.toString(16).padStart(8, '0')}-1c2d-4e5f-8a9b-0c1d2e3f4a5b`,
      type: 'info',
      sequence: i,
    },
    cloud: {
      provider: 'aws',
      region: ['us-east-1', 'eu-west-1', 'ap-south-1'][i % 3],
      account: { id: `1234567890${i % 10}` },
    },
    source: { ip, address: ip, geo: i % 4 ? { country_iso_code: 'US', city_name: 'Ashburn' } : null },
    user: { name: `user-${i % 1000}`, id: `AIDA${i % 1000}`, group: null },
    user_agent: {
      original: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2023 prompt/off command/s3.cp',
    },
    aws: {
      cloudtrail: {
        event_version: '1.08',
        event_type: 'AwsApiCall',
        request_parameters: `{"bucketName":"bucket-${i % 50}","key":"logs/2024/01/01/object-${i}.json.gz"}`,
        response_elements: i % 3 ? null : '{"credentials":{"expiration":"Jan 1, 2024 11:00:00 AM"}}',
        read_only: i % 2 === 0,
        user_identity: {
          type: 'IAMUser',
          arn: `arn:aws:iam::123456789012:user/user-${i % 1000}`,
          access_key_id: `AKIA${i % 5000}`,
          session_context: { mfa_authenticated: 'false', creation_date: '2024-01-01T09:00:00Z' },
        },
        resources: [
          {
            arn: `arn:aws:s3:::bucket-${i % 50}/object-${i}`,
            type: 'AWS::S3::Object',
            account_id: '123456789012',
          },
        ],
      },
    },
    related: { ip: [ip], user: [`user-${i % 1000}`] },
    tags: ['cloudtrail'],
    labels: new Map([
      ['source', 'aws'],
      ['env', i % 2 ? 'prod' : 'dev'],
    ]),
  };
}

describe.skipIf(!process.env.LAKE_BENCH)('write throughput', () => {
  it('writes ~200k CloudTrail-like rows', async () => {
    const N = Number(process.env.LAKE_BENCH_ROWS ?? 200_000);
    const rows = Array.from({ length: N }, (_, i) => cloudtrailRow(i));
    const { dir, cleanup } = await tempDir();
    const lake = await openLake({ root: dir });
    try {
      const t = await lake.ensureTable('aws_cloudtrail', CLOUDTRAIL_SCHEMA, HOURLY);
      const start = performance.now();
      const w = lake.createWriter(t);
      for (const r of rows) await w.write(r);
      const encoded = performance.now();
      const files = await w.finish();
      const written = performance.now();
      await lake.commit([{ table: 'aws_cloudtrail', dataFiles: files }]);
      const end = performance.now();
      const bytes = files.reduce((a, f) => a + f.fileSizeInBytes, 0);
      console.log(
        `rows=${N} files=${files.length} parquet=${(bytes / 1e6).toFixed(1)}MB ` +
          `encode=${(encoded - start).toFixed(0)}ms parquet=${(written - encoded).toFixed(0)}ms commit=${(end - written).toFixed(0)}ms ` +
          `total=${(end - start).toFixed(0)}ms → ${Math.round(N / ((end - start) / 1000))} rows/s`,
      );
      expect((await lake.describeTable('aws_cloudtrail')).rows).toBe(N);

      // Phase split with the writer used directly (encode+metrics vs NDJSON→Parquet flushes).
      const engine = await DuckEngine.create();
      const { schema } = bindSchema(CLOUDTRAIL_SCHEMA);
      const { spec } = bindPartitionSpec(HOURLY, schema);
      const direct = new ParquetDataFileWriter({
        engine,
        store: new LocalObjectStore(),
        tableLocation: path.join(dir, 'direct'),
        schema,
        spec,
        tmpDir: path.join(dir, 'tmp2'),
      });
      const t0 = performance.now();
      for (const r of rows) await direct.write(r);
      await direct.finish();
      const total = performance.now() - t0;
      console.log(
        `direct writer: total=${total.toFixed(0)}ms flushes=${direct.stats.flushes} flush=${direct.stats.flushMs.toFixed(0)}ms ` +
          `encode+metrics=${(total - direct.stats.flushMs).toFixed(0)}ms → ${Math.round(N / (total / 1000))} rows/s`,
      );
      await engine.close();
    } finally {
      await lake.close();
      await cleanup();
    }
  });
});
