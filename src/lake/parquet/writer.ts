/**
 * DataFileWriter: buffers conformed rows per partition as NDJSON lines (computing metrics as it
 * goes) and turns each partition's buffer into one zstd Parquet file with Iceberg field ids via
 * DuckDB (`COPY (SELECT ${jsonSelectList(schema)} FROM read_json(tmp, columns=…)) TO … (FIELD_IDS …)`).
 *
 * Memory stays bounded: when the buffered text exceeds `maxBufferBytes` (default 64 MiB) the
 * largest partitions are flushed until half the budget is free, and a partition is flushed as
 * soon as its estimated Parquet size (buffered text / 4) reaches `targetFileSizeBytes`.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { partitionFieldTypes, partitionPath, type BoundPartitionField } from '../iceberg/partitioning.js';
import { indexById } from '../iceberg/schema.js';
import { transformFn } from '../iceberg/transforms.js';
import type { DataFile, PartitionSpec, Schema } from '../iceberg/types.js';
import type { ObjectStore } from '../io/object-store.js';
import { compileEncoder, FileMetrics, type CompiledEncoder } from './encode.js';
import { fieldIdsLiteral, jsonSelectList, quoteString, readJsonColumns } from './duckdb-types.js';
import type { DuckEngine } from './engine.js';
import { LineBuffer } from './line-buffer.js';
import { finishMetrics } from './metrics.js';

export interface DataFileWriter {
  write(row: Record<string, unknown>): Promise<void>;
  finish(): Promise<DataFile[]>;
  abort(): Promise<void>;
}

export interface DataFileWriterOptions {
  engine: DuckEngine;
  store: ObjectStore;
  tableLocation: string;
  schema: Schema;
  spec: PartitionSpec;
  tmpDir: string;
  targetFileSizeBytes?: number;
  maxBufferBytes?: number;
}

/** Assumed ratio of buffered NDJSON text to zstd Parquet bytes, used to size files. */
const TEXT_PER_PARQUET_BYTE = 4;
export const DEFAULT_TARGET_FILE_SIZE = 128 * 1024 * 1024;
export const DEFAULT_MAX_BUFFER_BYTES = 64 * 1024 * 1024;

interface PartitionBuffer {
  values: unknown[];
  lines: LineBuffer;
  metrics: FileMetrics;
}

function getter(pathParts: string[]): (row: Record<string, unknown>) => unknown {
  return (row) => {
    let v: unknown = row;
    for (const p of pathParts) {
      if (v === null || v === undefined || typeof v !== 'object') return null;
      v = (v as Record<string, unknown>)[p];
    }
    return v ?? null;
  };
}

/** Map key of a partition tuple (distinguishes null, strings and numbers). */
function partitionKey(values: unknown[]): string {
  if (values.length === 1) {
    const v = values[0];
    if (typeof v === 'number') return String(v);
  }
  let key = '';
  for (const v of values) {
    if (v === null || v === undefined) key += '\u0000|';
    else if (typeof v === 'string') key += `s${v}\u0001`;
    else if (v instanceof Uint8Array) key += `b${Buffer.from(v).toString('base64')}\u0001`;
    else key += `${typeof v}${String(v)}\u0001`;
  }
  return key;
}

export function parquetCopySql(schema: Schema, jsonPath: string, outPath: string): string {
  const kv = `{'iceberg.schema': ${quoteString(JSON.stringify(schema))}}`;
  return (
    `COPY (SELECT ${jsonSelectList(schema)} FROM read_json(${quoteString(jsonPath)}, columns=${readJsonColumns(schema)}, ` +
    `format='newline_delimited', maximum_object_size=33554432)) TO ${quoteString(outPath)} ` +
    `(FORMAT parquet, COMPRESSION zstd, FIELD_IDS ${fieldIdsLiteral(schema)}, KV_METADATA ${kv})`
  );
}

export class ParquetDataFileWriter implements DataFileWriter {
  private readonly encoder: CompiledEncoder;
  private readonly partition: BoundPartitionField[];
  private readonly partitionOf: ((row: Record<string, unknown>) => unknown)[];
  private readonly buffers = new Map<string, PartitionBuffer>();
  private bufferedBytes = 0;
  private readonly written: DataFile[] = [];
  private readonly target: number;
  private readonly maxBuffer: number;
  private closed = false;
  /** The Parquet conversion in flight (resolved when none). */
  private pending: Promise<void> = Promise.resolve();
  /** Counters for benchmarks: time spent turning buffers into Parquet (NDJSON write + DuckDB COPY). */
  readonly stats = { flushes: 0, flushMs: 0, rows: 0 };

  constructor(private readonly opts: DataFileWriterOptions) {
    this.encoder = compileEncoder(opts.schema);
    this.partition = partitionFieldTypes(opts.spec, opts.schema);
    const byId = indexById(opts.schema);
    this.partitionOf = this.partition.map((pf) => {
      const src = byId.get(pf.field['source-id'])!;
      const get = getter(src.path.split('.'));
      const t = transformFn(pf.field.transform, pf.sourceType);
      return (row) => t(get(row));
    });
    this.target = opts.targetFileSizeBytes ?? DEFAULT_TARGET_FILE_SIZE;
    this.maxBuffer = opts.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES;
  }

  async write(row: Record<string, unknown>): Promise<void> {
    if (this.closed) throw new Error('writer is finished');
    const values = this.partitionOf.map((f) => f(row));
    const key = partitionKey(values);
    let buf = this.buffers.get(key);
    if (!buf) {
      buf = { values, lines: new LineBuffer(), metrics: new FileMetrics(this.encoder.leafDefs) };
      this.buffers.set(key, buf);
    }
    this.bufferedBytes += buf.lines.append(this.encoder.encode(row, buf.metrics));
    this.stats.rows++;
    if (buf.lines.bytes / TEXT_PER_PARQUET_BYTE >= this.target) await this.flushPartition(key);
    else if (this.bufferedBytes >= this.maxBuffer) await this.flushLargest();
  }

  async finish(): Promise<DataFile[]> {
    await this.flushAll();
    await this.pending;
    this.closed = true;
    return [...this.written];
  }

  async abort(): Promise<void> {
    this.closed = true;
    this.buffers.clear();
    this.bufferedBytes = 0;
    await this.pending.catch(() => undefined);
    for (const f of this.written.splice(0)) await this.opts.store.delete(f.filePath);
  }

  /** Flushes the largest partition buffers until at most half the budget is in use. */
  private async flushLargest(): Promise<void> {
    const bySize = [...this.buffers.entries()].sort((a, b) => b[1].lines.bytes - a[1].lines.bytes);
    for (const [key] of bySize) {
      if (this.bufferedBytes <= this.maxBuffer / 2) break;
      await this.flushPartition(key);
    }
  }

  private async flushAll(): Promise<void> {
    for (const key of [...this.buffers.keys()]) await this.flushPartition(key);
  }

  /**
   * Detaches a partition's buffer and converts it in the background, so encoding the next rows
   * (JS, main thread) overlaps with DuckDB writing Parquet (its own threads). One conversion
   * runs at a time and the caller waits for the previous one first, which bounds buffered text
   * at about twice `maxBufferBytes`. A failed conversion surfaces at the next flush or finish.
   */
  private async flushPartition(key: string): Promise<void> {
    const buf = this.buffers.get(key);
    if (!buf) return;
    this.buffers.delete(key);
    this.bufferedBytes -= buf.lines.bytes;
    if (buf.lines.lines === 0) return;
    const previous = this.pending;
    await previous;
    const next = previous.then(() => this.convert(buf));
    next.catch(() => undefined); // handled: rethrown where `pending` is awaited
    this.pending = next;
  }

  private async convert(buf: PartitionBuffer): Promise<void> {
    const started = performance.now();
    const { store, schema, spec, tableLocation, tmpDir } = this.opts;
    const id = randomUUID();
    const partPath = partitionPath(this.partition, buf.values);
    const location = `${tableLocation}/data/${partPath ? partPath + '/' : ''}${id}.parquet`;
    await fs.mkdir(tmpDir, { recursive: true });
    const jsonPath = path.join(tmpDir, `${id}.ndjson`);
    const local = store.localPath(location);
    const outPath = local ?? path.join(tmpDir, `${id}.parquet`);
    try {
      // Every line ends with '\n': DuckDB's read_json misreads a final unterminated line that
      // straddles its buffer boundary (seen with ~64 MiB files).
      const fh = await fs.open(jsonPath, 'w');
      try {
        await buf.lines.writeTo(fh);
      } finally {
        await fh.close();
      }
      await fs.mkdir(path.dirname(outPath), { recursive: true });
      await this.opts.engine.run(parquetCopySql(schema, jsonPath, outPath));
      if (!local) await store.write(location, await fs.readFile(outPath));
      const size = (await fs.stat(outPath)).size;
      this.written.push({
        content: 0,
        filePath: location,
        fileFormat: 'PARQUET',
        specId: spec['spec-id'],
        partition: buf.values,
        recordCount: buf.metrics.rows,
        fileSizeInBytes: size,
        ...finishMetrics(buf.metrics),
      });
    } finally {
      await fs.rm(jsonPath, { force: true });
      if (!local) await fs.rm(outPath, { force: true });
      this.stats.flushes++;
      this.stats.flushMs += performance.now() - started;
    }
  }
}
