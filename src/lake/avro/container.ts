/**
 * Avro object container files (spec: header magic, metadata map, sync marker, blocks), encoded
 * with avsc. The header's `avro.schema` is our schema JSON verbatim, so Iceberg's `field-id`
 * attributes survive. Avro `long` values are JS bigints (snapshot ids exceed 2^53).
 */
import avro from 'avsc';
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AvroSchema } from './schemas.js';

const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]);

const BigLong = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(n);
    return b;
  },
  fromJSON: (x: unknown) => BigInt(x as number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

/** avsc type for an Avro schema, with longs as bigint. */
export function avroType(schema: AvroSchema): avro.Type {
  return avro.Type.forSchema(
    schema as avro.Schema,
    {
      wrapUnions: false,
      typeHook: (s: avro.Schema) => {
        if (
          s === 'long' ||
          (typeof s === 'object' && s !== null && (s as { type?: unknown }).type === 'long')
        )
          return BigLong;
        return undefined;
      },
    } as Partial<avro.ForSchemaOptions>,
  );
}

const META_TYPE = avro.Type.forSchema({ type: 'map', values: 'bytes' });
const NUM_LONG = avro.Type.forSchema('long');

export function writeContainer(
  schema: AvroSchema,
  records: unknown[],
  metadata: Record<string, string>,
  codec: 'deflate' | 'null' = 'deflate',
): Buffer {
  const type = avroType(schema);
  const meta: Record<string, Buffer> = {
    'avro.schema': Buffer.from(JSON.stringify(schema)),
    'avro.codec': Buffer.from(codec),
  };
  for (const [k, v] of Object.entries(metadata)) meta[k] = Buffer.from(v);
  const sync = randomBytes(16);
  const parts: Buffer[] = [MAGIC, META_TYPE.toBuffer(meta), sync];
  const BLOCK = 4096;
  for (let i = 0; i < records.length; i += BLOCK) {
    const chunk = records.slice(i, i + BLOCK);
    let data = Buffer.concat(chunk.map((r) => type.toBuffer(r)));
    if (codec === 'deflate') data = deflateRawSync(data);
    parts.push(NUM_LONG.toBuffer(chunk.length), NUM_LONG.toBuffer(data.length), data, sync);
  }
  return Buffer.concat(parts);
}

export interface ContainerContents<T> {
  metadata: Record<string, string>;
  schema: AvroSchema;
  records: T[];
}

export function readContainer<T = Record<string, unknown>>(buf: Buffer): ContainerContents<T> {
  if (buf.length < 4 || !buf.subarray(0, 4).equals(MAGIC))
    throw new Error('not an Avro object container file');
  const m = META_TYPE.decode(buf, 4);
  if (m.offset < 0) throw new Error('truncated Avro header');
  const rawMeta = m.value as Record<string, Buffer>;
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawMeta)) metadata[k] = v.toString('utf8');
  const schema = JSON.parse(metadata['avro.schema'] ?? 'null') as AvroSchema;
  const codec = metadata['avro.codec'] ?? 'null';
  if (codec !== 'null' && codec !== 'deflate') throw new Error(`unsupported Avro codec ${codec}`);
  const type = avroType(schema);
  let pos = m.offset;
  const sync = buf.subarray(pos, pos + 16);
  pos += 16;
  const records: T[] = [];
  while (pos < buf.length) {
    const c = NUM_LONG.decode(buf, pos);
    const s = NUM_LONG.decode(buf, c.offset);
    const count = c.value as number;
    const size = s.value as number;
    let data = buf.subarray(s.offset, s.offset + size);
    pos = s.offset + size;
    if (codec === 'deflate') data = inflateRawSync(data);
    let p = 0;
    for (let i = 0; i < count; i++) {
      const r = type.decode(data, p);
      if (r.offset < 0) throw new Error('truncated Avro block');
      records.push(r.value as T);
      p = r.offset;
    }
    if (!buf.subarray(pos, pos + 16).equals(sync)) throw new Error('Avro sync marker mismatch');
    pos += 16;
  }
  return { metadata, schema, records };
}
