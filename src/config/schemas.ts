/**
 * Strict schemas of the lake directory's files: unknown keys are rejected (like serde's
 * `deny_unknown_fields`), every key has a description (it feeds the JSON Schemas in `schemas/`),
 * and Matano keys that Lakewatch does not use are declared and accepted, so a Matano directory
 * loads unchanged.
 */
import { z } from 'zod';
import { icebergFieldSchema } from '../schema/index.js';

const MATANO_ONLY = '(Matano key: accepted for compatibility; Lakewatch does not use it.)';

export const SEVERITIES = ['info', 'notice', 'low', 'medium', 'high', 'critical'] as const;
export const TABLE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const nameSchema = z.string().regex(TABLE_NAME_RE, {
  message: 'names may contain only letters, digits and underscores, and cannot start with a digit',
});

export const COMPRESSIONS = ['auto', 'infer', 'none', 'gzip', 'gz', 'zstd', 'zst'] as const;
export const FORMATS = ['auto', 'json', 'csv', 'text'] as const;

export const PARTITION_TRANSFORM_RE = /^(identity|year|month|day|hour|void|bucket\[\d+\]|truncate\[\d+\])$/;
/** `hour(ts)`, `day(ts)`, `identity(event.dataset)`, `bucket(16, user.id)`, `truncate(4, x)`, or a bare column. */
export const PARTITION_STRING_RE =
  /^\s*(?:(identity|year|month|day|hour|void)\(\s*([\w@.]+)\s*\)|(bucket|truncate)\(\s*(\d+)\s*,\s*([\w@.]+)\s*\)|([\w@.]+))\s*$/;

const s3SourceSchema = z
  .strictObject({
    bucket_name: z.string().optional().describe(`Existing S3 bucket to ingest from. ${MATANO_ONLY}`),
    key_prefix: z
      .string()
      .optional()
      .describe(`Object key prefix that belongs to this log source. ${MATANO_ONLY}`),
    key_pattern: z
      .string()
      .optional()
      .describe(`Regex matched against object keys (for non-consecutive prefixes). ${MATANO_ONLY}`),
    access_role_arn: z.string().optional().describe(`IAM role assumed to read the bucket. ${MATANO_ONLY}`),
    update: z.unknown().optional().describe(`Matano internal. ${MATANO_ONLY}`),
  })
  .describe('Bring-your-own S3 bucket (Matano `ingest.s3_source`).');

const sqsSourceSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .optional()
      .describe(`Create an SQS queue to push events to this log source. ${MATANO_ONLY}`),
  })
  .describe('SQS ingestion (Matano `ingest.sqs_source`).');

export const ingestSchema = z
  .strictObject({
    format: z
      .enum(FORMATS)
      .optional()
      .describe(
        'Lakewatch: how input bytes become records. `auto` (default) detects JSON lines, JSON arrays and plain text; `json`, `csv` (first row is the header unless `csv_headers` is set) or `text` (each line becomes `{ message }`).',
      ),
    csv_headers: z
      .array(z.string())
      .optional()
      .describe('Column names for CSV input without a header row (implies CSV).'),
    csv_delimiter: z
      .string()
      .length(1)
      .optional()
      .describe('Lakewatch: the field delimiter of CSV input (default `,`; e.g. `" "` for VPC flow logs).'),
    compression: z
      .enum(COMPRESSIONS)
      .optional()
      .describe(
        'Compression of the input (Matano: auto/infer, none, gzip/gz, zstd/zst). Accepted for compatibility: Lakewatch always detects gzip and zstd from the first bytes.',
      ),
    expand_records_from_payload: z
      .string()
      .optional()
      .describe(
        'VRL expression that receives the raw payload as `.__raw` and returns an array of records (e.g. `parse_json!(.__raw).Records`).',
      ),
    select_table_from_payload_metadata: z
      .string()
      .optional()
      .describe(
        'VRL expression over `.__metadata` (e.g. `.__metadata.s3.key`) that returns the table name for a whole input (multi-table log sources).',
      ),
    select_table_from_payload: z
      .string()
      .optional()
      .describe(
        'VRL expression over each record (`.json` or `.message`) that returns its table name (multi-table log sources).',
      ),
    s3_source: s3SourceSchema.optional(),
    sqs_source: sqsSourceSchema.optional(),
  })
  .describe('How data is read and split into records.');

export const tableSchemaSchema = z
  .strictObject({
    ecs_field_names: z
      .array(z.string())
      .optional()
      .describe(
        'ECS fields (`source.ip`) or whole field sets (`dns`) to include as columns. `ts`, `labels` and `tags` are always included.',
      ),
    fields: z
      .array(icebergFieldSchema)
      .optional()
      .describe(
        'Custom columns in Apache Iceberg schema syntax (`{ name, type }`), merged over the ECS fields.',
      ),
  })
  .describe('The table schema: a subset of ECS plus custom fields.');

const partitionFieldSchema = z
  .strictObject({
    source: z.string().min(1).describe('Dotted path of the source column, e.g. `ts` or `event.dataset`.'),
    transform: z
      .string()
      .regex(PARTITION_TRANSFORM_RE, {
        message: 'expected identity, year, month, day, hour, void, bucket[N] or truncate[W]',
      })
      .describe(
        'Iceberg partition transform: identity, year, month, day, hour, void, bucket[N], truncate[W].',
      ),
    name: z
      .string()
      .optional()
      .describe('Partition field name (default `<source>_<transform>`, or `<source>` for identity).'),
  })
  .describe('A partition field.');

const partitionStringSchema = z
  .string()
  .regex(PARTITION_STRING_RE, {
    message: 'expected e.g. `hour(ts)`, `identity(event.dataset)` or `bucket(16, user.id)`',
  })
  .describe(
    'A partition field in Iceberg SQL form: `hour(ts)`, `day(ts)`, `identity(col)`, `bucket(N, col)`, `truncate(W, col)`.',
  );

export const partitioningSchema = z
  .union([partitionStringSchema, z.array(z.union([partitionStringSchema, partitionFieldSchema]))])
  .describe(
    'Lakewatch: the Iceberg partition spec of the table, as a list (or one string). Default: `hour(ts)`.',
  );

const durationSchema = (what: string) =>
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w|y)\s*$/i, {
      message: 'expected a number and a unit, e.g. 2s, 30m, 6h',
    })
    .describe(what);

const sizeSchema = (what: string) =>
  z
    .union([
      z.number().int().nonnegative(),
      z.string().regex(/^\s*\d+(\.\d+)?\s*(b|kb|mb|gb|kib|mib|gib)?\s*$/i, {
        message: 'expected a size, e.g. 64MiB, 512KB or a number of bytes',
      }),
    ])
    .describe(what);

const scheduleSchema = (what: string) =>
  z
    .union([z.literal(false), durationSchema('')])
    .describe(`${what} Every this long (e.g. \`1h\`), or \`false\` to never run it from the service.`);

export const serviceSchema = z.strictObject({
  host: z.string().min(1).optional().describe('Address to listen on. Default: 127.0.0.1 (loopback only).'),
  port: z.number().int().min(0).max(65535).optional().describe('TCP port. Default: 8470.'),
  ingest: z
    .strictObject({
      ack: z
        .enum(['spool', 'commit'])
        .optional()
        .describe(
          'When a POST is answered: `spool` (default) once the body is fsynced to the local spool, `commit` once its batch is committed to the lake.',
        ),
      max_body: sizeSchema(
        'Largest request body accepted (compressed size on the wire); larger gets 413. Default: 64MiB.',
      ).optional(),
      max_decoded_body: sizeSchema(
        'Largest body after decompression; larger gets 413. Default: 4 times max_body.',
      ).optional(),
      flush_interval: durationSchema(
        'A table batch is committed at most this long after its first event arrived. Default: 1s.',
      ).optional(),
      flush_bytes: sizeSchema(
        'A table batch is committed once this much input is waiting. Default: 16MiB.',
      ).optional(),
    })
    .optional()
    .describe('HTTP ingest (`POST /ingest/<log_source>`, Splunk HEC) and batching.'),
  drop: z
    .strictObject({
      enabled: z.boolean().optional().describe('Watch drop folders. Default: true.'),
      path: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Folder holding one folder per log source, relative to the lake directory. Default: `drop`.',
        ),
      after_ingest: z
        .enum(['archive', 'delete'])
        .optional()
        .describe('What happens to a file once it is committed. Default: archive.'),
      archive_path: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Where archived files go (`<archive_path>/<log_source>/<date>/`). Default: `<path>/.archive`.',
        ),
      settle: durationSchema(
        'A file is ingested once its size and modification time have not changed for this long. Default: 2s.',
      ).optional(),
    })
    .optional()
    .describe('Drop folders: files copied into `<path>/<log_source>/` are ingested exactly once.'),
  schedules: z
    .strictObject({
      compaction: scheduleSchema('Compact small data files.').optional(),
      expire_snapshots: scheduleSchema(
        'Expire snapshots older than `snapshot_max_age` (keeping the newest).',
      ).optional(),
      retention: scheduleSchema("Delete data older than each table's `retention`.").optional(),
    })
    .optional()
    .describe('Maintenance run by the service. Defaults: compaction 1h, expire_snapshots 5m, retention 1h.'),
  snapshot_max_age: durationSchema(
    "How long the service's snapshot expiry keeps a table's snapshots (time travel window; the newest is always kept). Every snapshot adds to each commit's metadata file, so keep it short for a service committing every second. Default: 30m.",
  ).optional(),
});

export const retentionSchema = z
  .string()
  .regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w|y)\s*$/i, {
    message: 'expected a number and a unit, e.g. 90d, 12h, 2w, 1y',
  })
  .describe(
    'Lakewatch: how long data is kept, e.g. `90d`, `12h`, `2w`, `1y` (365 days); `lakewatch maintain` deletes older data. Default: forever.',
  );

const enabledSchema = z
  .boolean()
  .optional()
  .describe('Lakewatch: `false` keeps the configuration but ingests nothing into it. Default: true.');

const metaSchema = z
  .record(z.string(), z.unknown())
  .optional()
  .describe(`Display metadata (display_name, description) of managed log sources. ${MATANO_ONLY}`);

export const logSourceFileSchema = z
  .strictObject({
    name: nameSchema.describe('The unique name of the log source; also the name of its default table.'),
    enabled: enabledSchema,
    managed: z
      .strictObject({
        type: z.string().min(1).describe('The managed log source type, e.g. `AWS_CLOUDTRAIL`.'),
        properties: z
          .record(z.string(), z.unknown())
          .optional()
          .describe(
            'Settings of the managed log source type. Lakewatch: `tables` (keep only these of its tables), `preserve_original_event: true` (keep the raw record in `event.original`), and for API sources the collector settings (`base_url`, ids, `poll_interval`; secrets come from `LAKEWATCH_<NAME>_<SECRET>` environment variables).',
          ),
      })
      .optional()
      .describe('Use a managed log source: its transform and schema are applied, yours extend them.'),
    ingest: ingestSchema.optional(),
    transform: z.string().optional().describe('VRL program that normalizes each record (e.g. to ECS).'),
    schema: tableSchemaSchema.optional(),
    partitioning: partitioningSchema.optional(),
    retention: retentionSchema.optional(),
    meta: metaSchema,
  })
  .meta({
    title: 'Lakewatch log source (log_sources/<name>/log_source.yml)',
    description:
      'A log source: where data comes from, how it is parsed and transformed, and its table schema (Matano-compatible).',
  });

export const tableFileSchema = z
  .strictObject({
    name: nameSchema.describe(
      'The table name; the resolved table is `<log source>_<name>`, or `<log source>` for `default`.',
    ),
    enabled: enabledSchema,
    ingest: ingestSchema.optional().describe('Overrides the log source’s `ingest` settings key by key.'),
    transform: z
      .string()
      .optional()
      .describe(
        'VRL program for this table; runs after the log source’s `transform` (Matano composes the two).',
      ),
    schema: tableSchemaSchema
      .optional()
      .describe(
        'Merged with the log source’s schema: ECS names are added, custom fields merged (the table’s win).',
      ),
    partitioning: partitioningSchema.optional(),
    retention: retentionSchema.optional(),
    meta: metaSchema,
  })
  .meta({
    title: 'Lakewatch table (log_sources/<name>/tables/<table>.yml)',
    description:
      'An extra table of a log source; inherits the log source’s settings and overrides or extends them.',
  });

export const projectFileSchema = z
  .strictObject({
    name: z
      .string()
      .optional()
      .describe('Lakewatch: a name for this lake (shown by the CLI and web console).'),
    namespace: z
      .string()
      .regex(TABLE_NAME_RE, { message: 'expected letters, digits and underscores' })
      .optional()
      .describe('Lakewatch: the Iceberg namespace of the tables. Default: `lakewatch`.'),
    vrl_version: z
      .string()
      .optional()
      .describe('Lakewatch: the VRL language version transforms are written for.'),
    aws: z
      .strictObject({
        account: z
          .union([z.string(), z.number()])
          .optional()
          .describe(`AWS account to deploy to. ${MATANO_ONLY}`),
        region: z.string().optional().describe(`AWS region to deploy to. ${MATANO_ONLY}`),
        tags: z.record(z.string(), z.unknown()).optional().describe(`Tags for all resources. ${MATANO_ONLY}`),
        set_block_public_access: z
          .boolean()
          .optional()
          .describe(`Block public access on created buckets. ${MATANO_ONLY}`),
      })
      .optional()
      .describe(`AWS deployment settings. ${MATANO_ONLY}`),
    aws_account: z
      .union([z.string(), z.number()])
      .optional()
      .describe(`Legacy form of aws.account. ${MATANO_ONLY}`),
    aws_region: z.string().optional().describe(`Legacy form of aws.region. ${MATANO_ONLY}`),
    aws_tags: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(`Legacy form of aws.tags. ${MATANO_ONLY}`),
    project_label: z
      .string()
      .optional()
      .describe(`Label prefixed to deployed resource names. ${MATANO_ONLY}`),
    is_production: z.boolean().optional().describe(`Retain stateful resources on deletion. ${MATANO_ONLY}`),
    integrations: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(`Integration settings. ${MATANO_ONLY}`),
    alerting: z
      .strictObject({
        routes: z
          .partialRecord(z.enum(SEVERITIES), z.array(z.string().min(1)))
          .optional()
          .describe(
            'Lakewatch: default destinations by severity, for alerts whose detection names none (`alert.destinations` and `destinations()` take precedence).',
          ),
      })
      .optional()
      .describe('Lakewatch: alert delivery settings.'),
    service: serviceSchema
      .optional()
      .describe('Lakewatch: settings of `lakewatch up`, the always-on service.'),
  })
  .meta({
    title: 'Lakewatch project settings (lakewatch.config.yml or matano.config.yml)',
    description: 'Settings of a lake directory. An empty file is valid: every key has a default.',
  });

export type LogSourceFile = z.infer<typeof logSourceFileSchema>;
export type TableFile = z.infer<typeof tableFileSchema>;
export type ProjectFile = z.infer<typeof projectFileSchema>;
export type IngestFile = z.infer<typeof ingestSchema>;
export type PartitioningFile = z.infer<typeof partitioningSchema>;

const stringList = z.array(z.string().min(1));

export const detectionFileSchema = z
  .strictObject({
    name: z
      .string()
      .regex(TABLE_NAME_RE, { message: 'expected letters, digits and underscores' })
      .describe('Unique detection name (Matano: the rule name); alerts are grouped by it.'),
    display_name: z.string().min(1).optional().describe('Human-readable title; the default alert title.'),
    description: z.string().optional().describe('What the detection finds and why it matters.'),
    enabled: z.boolean().optional().describe('Set to false to keep the detection without running it.'),
    id: z
      .union([z.string(), z.number()])
      .optional()
      .describe('A stable id for the rule (Matano), kept as written.'),
    created: z
      .union([z.string(), z.number()])
      .optional()
      .describe('When the rule was written (Matano), free text.'),
    modified: z
      .union([z.string(), z.number()])
      .optional()
      .describe('When the rule last changed (Matano), free text.'),
    tables: z
      .array(z.string().regex(TABLE_NAME_RE, { message: 'expected a resolved table name' }))
      .min(1)
      .optional()
      .describe(
        'Resolved table names whose events the detection sees (`aws_cloudtrail`, `okta_system`). Required unless `log_sources` is given.',
      ),
    log_sources: z
      .array(z.string().regex(TABLE_NAME_RE, { message: 'expected a log source or table name' }))
      .min(1)
      .optional()
      .describe(
        "Matano's earlier form of `tables`: a table name, or a log source name meaning all of that source's tables.",
      ),
    alert: z
      .strictObject({
        severity: z
          .enum(SEVERITIES)
          .optional()
          .describe('Default severity (`severity()` in code overrides it).'),
        threshold: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Matches in one deduplication window before the alert activates. Default 1.'),
        threshold_count: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("Matano's name for `threshold` (accepted for compatibility)."),
        deduplication_window_minutes: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Matches of the same dedupe string join one alert for this long. Default 60.'),
        deduplication_window: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('The same window in seconds (accepted for compatibility).'),
        destinations: stringList
          .optional()
          .describe('Names of `integrations/destinations/<name>.yml` to deliver alerts to.'),
      })
      .optional()
      .describe('How matches become alerts (Matano-compatible).'),
    runbook: z.string().optional().describe('What a responder should do; shown with every alert.'),
    reference: z.string().optional().describe('A link with background (one).'),
    references: stringList.optional().describe('Links with background.'),
    false_positives: stringList.optional().describe('Known benign causes of matches.'),
    tags: stringList.optional().describe('Free-form labels.'),
    reports: z
      .strictObject({
        attack: stringList
          .optional()
          .describe('MITRE ATT&CK tactics and techniques, e.g. `TA0006:T1110.003` or `T1078`.'),
      })
      .optional()
      .describe('Frameworks the detection maps to.'),
  })
  .meta({
    title: 'Lakewatch detection (detections/<name>/detection.yml)',
    description:
      'A realtime detection: its code (detect.py, detect.ts or detect.js beside this file), the tables it runs on, and how its matches become alerts (Matano-compatible).',
  });
