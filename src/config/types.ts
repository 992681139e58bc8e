import type { UnboundField, UnboundPartitionField } from '../lake/iceberg/types.js';

/** One problem in the lake directory. Paths are relative to the lake directory. */
export interface ConfigProblem {
  /** File relative to the lake directory, e.g. `log_sources/aws/log_source.yml`. */
  file: string;
  /** YAML key path, e.g. `schema.ecs_field_names[2]`; empty for the whole file. */
  path: string;
  message: string;
  /** What a valid value looks like. */
  expected?: string;
  /** A likely fix, e.g. "did you mean `source.ip`?". */
  suggestion?: string;
  /** 1-based line and column of the key or value, when known. */
  line?: number;
  column?: number;
}

/** Project settings (lakewatch.config.yml or matano.config.yml). */
export interface ProjectConfig {
  name?: string;
  /** Iceberg namespace of the tables; default `lakewatch`. */
  namespace: string;
  vrlVersion?: string;
  /** `alerting.routes`: default destinations by severity for alerts that name none. */
  alerting?: { routes: Partial<Record<Severity, string[]>> };
  /** `service`: settings of `lakewatch up`, every default filled in. */
  service: ServiceConfig;
  /** Matano keys, kept as written (Lakewatch does not use them). */
  matano: {
    aws?: Record<string, unknown>;
    projectLabel?: string;
    isProduction?: boolean;
    integrations?: Record<string, unknown>;
  };
}

export interface ServiceConfig {
  host: string;
  port: number;
  ingest: {
    ack: 'spool' | 'commit';
    maxBodyBytes: number;
    maxDecodedBodyBytes: number;
    flushIntervalMs: number;
    flushBytes: number;
  };
  drop: {
    enabled: boolean;
    /** Absolute path of the folder holding one folder per log source. */
    path: string;
    afterIngest: 'archive' | 'delete';
    /** Absolute path. */
    archivePath: string;
    settleMs: number;
  };
  /** Milliseconds between runs; null = never run from the service. */
  schedules: { compaction: number | null; expireSnapshots: number | null; retention: number | null };
  /** Snapshots older than this are expired by the `expireSnapshots` job (the newest is kept). */
  snapshotMaxAgeMs: number;
}

export interface IngestConfig {
  format?: 'auto' | 'json' | 'csv' | 'text';
  csvHeaders?: string[];
  /** One character; default `,`. */
  csvDelimiter?: string;
  compression?: string;
  selectTableFromPayloadMetadata?: string;
  selectTableFromPayload?: string;
  expandRecordsFromPayload?: string;
  /** Matano `ingest.s3_source`, kept as written. */
  s3Source?: Record<string, unknown>;
  /** Matano `ingest.sqs_source`, kept as written. */
  sqsSource?: Record<string, unknown>;
}

export interface TableConfig {
  /** Resolved: `<source>` for the default table, `<source>_<table>` otherwise. */
  name: string;
  /** `default` or the table file's `name`. */
  shortName: string;
  logSource: string;
  /** The table file (or `log_source.yml` for a source without table files), relative to the lake dir. */
  file: string;
  /** False when the table or its log source says `enabled: false`. */
  enabled: boolean;
  /** The log source's settings overridden key by key by the table's. */
  ingest: IngestConfig;
  /** The log source's transform followed by the table's (Matano composes them). */
  transform?: string;
  /**
   * A managed log source's mapping (its transform.vrl, then the table's .vrl), run before
   * `transform` as its own program in the current VRL dialect.
   */
  managedTransform?: string;
  /** From schema/buildTableSchema: ts, labels, tags, ECS fields, custom fields. */
  schema: UnboundField[];
  /** Default `[{ source: 'ts', transform: 'hour' }]`. */
  partitioning: UnboundPartitionField[];
  retention?: { ms: number; text: string };
}

export interface LogSource {
  name: string;
  /** Absolute path of the log source directory. */
  dir: string;
  /** `log_source.yml`, relative to the lake dir. */
  file: string;
  enabled: boolean;
  ingest: IngestConfig;
  transform?: string;
  managed?: { type: string; properties?: Record<string, unknown> };
  tables: TableConfig[];
}

export type Severity = 'info' | 'notice' | 'low' | 'medium' | 'high' | 'critical';

/** A realtime detection: `detections/<dir>/detection.yml` and its code. */
export interface DetectionConfig {
  name: string;
  /** Matano's `id`, as written. */
  id?: string;
  displayName?: string;
  description?: string;
  /** Absolute path of the detection's directory. */
  dir: string;
  /** `detection.yml`, relative to the lake dir. */
  file: string;
  enabled: boolean;
  /** Resolved table names. */
  tables: string[];
  /** The code file: detect.py (python) or detect.ts / detect.js (javascript), absolute. */
  code: { language: 'python' | 'typescript' | 'javascript'; path: string };
  alert: {
    severity: Severity;
    threshold: number;
    deduplicationWindowMs: number;
    destinations: string[];
  };
  runbook?: string;
  references: string[];
  falsePositives: string[];
  tags: string[];
  attack: string[];
}

export interface LakeDirectory {
  /** Absolute path of the lake directory. */
  dir: string;
  /** Absolute path of lakewatch.config.yml or matano.config.yml. */
  configFile: string;
  project: ProjectConfig;
  logSources: LogSource[];
  /** Every table of every log source, in log source order. */
  tables: TableConfig[];
  /** `detections/<dir>/detection.yml`, sorted by directory name. */
  detections: DetectionConfig[];
}
