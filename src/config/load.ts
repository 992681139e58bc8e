/**
 * Loading the lake directory (Matano-compatible):
 *
 *   lakewatch.config.yml | matano.config.yml        project settings (exactly one of them)
 *   log_sources/<dir>/log_source.yml                one log source
 *   log_sources/<dir>/tables/<table>.yml            optional extra tables of that source
 *
 * Resolution follows Matano (infra/lib/log-source.ts):
 * - a log source needs a `name`; a table file needs a `name`; duplicate names are errors;
 * - a source without table files has one table, `default`, named after the source; with table
 *   files it has exactly those tables (a file with `name: default` is the source-named table);
 * - resolved table names are `<source>` for `default` and `<source>_<table>` otherwise;
 * - tables inherit the source's settings: `ecs_field_names` are unioned (source first), custom
 *   `fields` merged, the transforms composed (source's, then table's).
 * Lakewatch differs where Matano's result is accidental: a table's scalar settings (`ingest.*`,
 * `partitioning`, `retention`) override the source's (Matano's deep merge let the source win),
 * and a table's custom field overrides the source's field of the same name (Matano threw).
 *
 * Every problem in every file is collected and thrown at once as `ConfigErrors`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { UnboundField } from '../lake/iceberg/types.js';
import {
  buildTableSchema,
  EcsFieldError,
  icebergJsonToUnboundFields,
  icebergJsonToUnboundType,
  type IcebergFieldJson,
  type IcebergTypeJson,
  isEcsSelectable,
  mergeUnboundFields,
  SchemaBuildError,
  suggestEcsNames,
} from '../schema/index.js';
import { parseDuration } from '../util/duration.js';
import { parseSize } from '../util/size.js';
import { ConfigErrors } from './errors.js';
import { issueToProblems } from './issues.js';
import { partitionProblem, resolvePartitioning } from './partitioning.js';
import { closest } from 'fastest-levenshtein';
import {
  detectionFileSchema,
  logSourceFileSchema,
  projectFileSchema,
  tableFileSchema,
  type IngestFile,
  type LogSourceFile,
  type ProjectFile,
  type TableFile,
} from './schemas.js';
import type {
  ConfigProblem,
  DetectionConfig,
  IngestConfig,
  LakeDirectory,
  LogSource,
  ProjectConfig,
  ServiceConfig,
  TableConfig,
} from './types.js';
import { formatPath, locate, parseYamlFile, type YamlFile } from './yaml.js';
import {
  loadManagedSource,
  managedTypes,
  type ManagedSource,
  type ManagedTable,
} from '../managed/registry.js';

export const CONFIG_FILE_NAMES = ['lakewatch.config.yml', 'matano.config.yml'] as const;
export const DEFAULT_NAMESPACE = 'lakewatch';

/** The nearest directory (`start` or a parent) holding lakewatch.config.yml or matano.config.yml. */
export function findLakeDir(start: string): string | null {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    if (CONFIG_FILE_NAMES.some((name) => existsSync(path.join(dir, name)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

interface Loaded<T> {
  yaml: YamlFile;
  data: T;
}

class Loader {
  readonly problems: ConfigProblem[] = [];

  constructor(readonly dir: string) {}

  rel(abs: string): string {
    return path.relative(this.dir, abs).split(path.sep).join('/');
  }

  problem(
    yaml: YamlFile | string,
    keyPath: (string | number)[],
    message: string,
    extra: Partial<ConfigProblem> = {},
    at: 'key' | 'value' = 'value',
  ): void {
    const file = typeof yaml === 'string' ? yaml : yaml.file;
    const p: ConfigProblem = { file, path: formatPath(keyPath), message };
    if (extra.expected !== undefined) p.expected = extra.expected;
    if (extra.suggestion !== undefined) p.suggestion = extra.suggestion;
    if (typeof yaml !== 'string') {
      const loc = locate(yaml, keyPath, at);
      if (loc) {
        p.line = loc.line;
        p.column = loc.column;
      }
    }
    this.problems.push(p);
  }

  /** Reads, parses and validates one YAML file; undefined when it has problems (recorded). */
  read<S extends z.ZodType>(
    abs: string,
    schema: S,
    opts: { allowEmpty: boolean; whatFor: string; checkEcsNames?: boolean },
  ): Loaded<z.output<S>> | undefined {
    const file = this.rel(abs);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      this.problems.push({ file, path: '', message: `cannot read: ${(err as Error).message}` });
      return undefined;
    }
    const parsed = parseYamlFile(file, text);
    this.problems.push(...parsed.problems);
    const yaml = parsed.yaml;
    if (!yaml) return undefined;
    let value = yaml.value;
    if (value === undefined || value === null) {
      if (!opts.allowEmpty) {
        this.problems.push({
          file,
          path: '',
          message: 'the file is empty',
          expected: opts.whatFor,
          line: 1,
          column: 1,
        });
        return undefined;
      }
      value = {};
      yaml.value = value;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problem(
        yaml,
        [],
        `the file holds ${Array.isArray(value) ? 'a list' : 'a single value'}, not a mapping of keys`,
        {
          expected: opts.whatFor,
        },
      );
      return undefined;
    }
    // ECS names are checked even when other keys are invalid, so that every problem shows at once.
    if (opts.checkEcsNames) this.checkEcsNames(yaml);
    const result = schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) this.problems.push(...issueToProblems(issue, yaml, schema));
      return undefined;
    }
    return { yaml, data: result.data };
  }

  /**
   * Reports custom fields whose name repeats within one struct with a different type. Identical
   * repeats are accepted and collapsed (Matano did, and its managed log sources contain some).
   */
  checkDuplicateFields(
    yaml: YamlFile,
    fields: IcebergFieldJson[] | undefined,
    at: (string | number)[],
  ): void {
    if (!fields) return;
    const seen = new Map<string, number>();
    fields.forEach((field, i) => {
      const first = seen.get(field.name);
      if (first !== undefined && !sameType(fields[first]!.type, field.type)) {
        this.problem(
          yaml,
          [...at, i, 'name'],
          `duplicate field name \`${field.name}\` with a different type`,
          {
            expected: `names unique within the struct (first defined at ${formatPath([...at, first])})`,
          },
        );
      } else if (first === undefined) {
        seen.set(field.name, i);
      }
      this.checkNestedFields(yaml, field.type, [...at, i, 'type']);
    });
  }

  private checkNestedFields(yaml: YamlFile, type: IcebergTypeJson, at: (string | number)[]): void {
    if (typeof type === 'string') return;
    if (type.type === 'struct') this.checkDuplicateFields(yaml, type.fields, [...at, 'fields']);
    else if (type.type === 'list') this.checkNestedFields(yaml, type.element, [...at, 'element']);
    else {
      this.checkNestedFields(yaml, type.key, [...at, 'key']);
      this.checkNestedFields(yaml, type.value, [...at, 'value']);
    }
  }

  /** Checks each `schema.ecs_field_names` entry against the ECS catalog. */
  checkEcsNames(yaml: YamlFile): void {
    const names = (yaml.value as { schema?: { ecs_field_names?: unknown } }).schema?.ecs_field_names;
    if (!Array.isArray(names)) return;
    names.forEach((name, i) => {
      if (typeof name !== 'string' || isEcsSelectable(name.trim())) return;
      const guesses = suggestEcsNames(name.trim());
      this.problem(yaml, ['schema', 'ecs_field_names', i], `unknown ECS field or field set \`${name}\``, {
        expected: 'an ECS field (`source.ip`), an ECS field set (`dns`), or `ts`',
        ...(guesses.length > 0
          ? { suggestion: `did you mean ${guesses.map((g) => `\`${g}\``).join(' or ')}?` }
          : {}),
      });
    });
  }
}

function sameType(a: IcebergTypeJson, b: IcebergTypeJson): boolean {
  return JSON.stringify(icebergJsonToUnboundType(a)) === JSON.stringify(icebergJsonToUnboundType(b));
}

function toIngest(ingest: IngestFile | undefined): IngestConfig {
  const out: IngestConfig = {};
  if (!ingest) return out;
  if (ingest.format !== undefined) out.format = ingest.format;
  if (ingest.csv_headers !== undefined) out.csvHeaders = [...ingest.csv_headers];
  if (ingest.csv_delimiter !== undefined) out.csvDelimiter = ingest.csv_delimiter;
  if (ingest.compression !== undefined) out.compression = ingest.compression;
  if (ingest.select_table_from_payload_metadata !== undefined)
    out.selectTableFromPayloadMetadata = ingest.select_table_from_payload_metadata;
  if (ingest.select_table_from_payload !== undefined)
    out.selectTableFromPayload = ingest.select_table_from_payload;
  if (ingest.expand_records_from_payload !== undefined)
    out.expandRecordsFromPayload = ingest.expand_records_from_payload;
  if (ingest.s3_source !== undefined) out.s3Source = { ...ingest.s3_source };
  if (ingest.sqs_source !== undefined) out.sqsSource = { ...ingest.sqs_source };
  return out;
}

function composeTransforms(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || a.trim() === '') return b;
  if (b === undefined || b.trim() === '') return a;
  return `${a.replace(/\n*$/, '\n')}\n${b}`;
}

function toProject(root: string, data: ProjectFile): ProjectConfig {
  const project: ProjectConfig = {
    namespace: data.namespace ?? DEFAULT_NAMESPACE,
    service: toService(root, data.service),
    matano: {},
  };
  if (data.name !== undefined) project.name = data.name;
  if (data.vrl_version !== undefined) project.vrlVersion = data.vrl_version;
  const aws =
    data.aws ??
    (data.aws_account !== undefined || data.aws_region !== undefined || data.aws_tags !== undefined
      ? { account: data.aws_account, region: data.aws_region, tags: data.aws_tags }
      : undefined);
  if (aws !== undefined) project.matano.aws = { ...aws };
  if (data.project_label !== undefined) project.matano.projectLabel = data.project_label;
  if (data.is_production !== undefined) project.matano.isProduction = data.is_production;
  if (data.integrations !== undefined) project.matano.integrations = data.integrations;
  if (data.alerting?.routes !== undefined) project.alerting = { routes: { ...data.alerting.routes } };
  return project;
}

/** `service:` with every default filled in; paths resolved against the lake directory. */
export function toService(root: string, data: ProjectFile['service'] = {}): ServiceConfig {
  const maxBodyBytes = data.ingest?.max_body !== undefined ? parseSize(data.ingest.max_body) : 64 * 1024 ** 2;
  const dropPath = path.resolve(root, data.drop?.path ?? 'drop');
  const schedule = (v: string | false | undefined, dflt: string): number | null =>
    v === false ? null : parseDuration(v ?? dflt);
  return {
    host: data.host ?? '127.0.0.1',
    port: data.port ?? 8470,
    ingest: {
      ack: data.ingest?.ack ?? 'spool',
      maxBodyBytes,
      maxDecodedBodyBytes:
        data.ingest?.max_decoded_body !== undefined
          ? parseSize(data.ingest.max_decoded_body)
          : 4 * maxBodyBytes,
      flushIntervalMs: parseDuration(data.ingest?.flush_interval ?? '1s'),
      flushBytes:
        data.ingest?.flush_bytes !== undefined ? parseSize(data.ingest.flush_bytes) : 16 * 1024 ** 2,
    },
    drop: {
      enabled: data.drop?.enabled ?? true,
      path: dropPath,
      afterIngest: data.drop?.after_ingest ?? 'archive',
      archivePath: data.drop?.archive_path
        ? path.resolve(root, data.drop.archive_path)
        : path.join(dropPath, '.archive'),
      settleMs: parseDuration(data.drop?.settle ?? '2s'),
    },
    schedules: {
      compaction: schedule(data.schedules?.compaction, '1h'),
      expireSnapshots: schedule(data.schedules?.expire_snapshots, '5m'),
      retention: schedule(data.schedules?.retention, '1h'),
    },
    snapshotMaxAgeMs: parseDuration(data.snapshot_max_age ?? '30m'),
  };
}

interface TableSpec {
  shortName: string;
  loaded: Loaded<TableFile> | undefined;
  /** `log_source.yml` itself for the implicit default table. */
  implicit: boolean;
  /** The managed source's table this spec extends (or is). */
  managed?: ManagedTable;
  /** Left out by `managed.properties.tables`. */
  disabled?: boolean;
}

/** A managed source's files, validated with the same schemas as a user's. */
interface ManagedFiles {
  source: ManagedSource;
  file: LogSourceFile;
  tables: Map<string, TableFile>;
}

const managedFilesCache = new Map<string, ManagedFiles>();

function managedFiles(source: ManagedSource): ManagedFiles {
  const hit = managedFilesCache.get(source.dir);
  if (hit) return hit;
  const parse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
    const out = schema.safeParse(value);
    if (!out.success)
      throw new Error(
        `managed log source ${where} is invalid: ${out.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    return out.data;
  };
  const files: ManagedFiles = {
    source,
    file: parse(logSourceFileSchema, source.file, `${source.type}/log_source.yml`),
    tables: new Map(source.tables.map((t) => [t.name, parse(tableFileSchema, t.file, t.where)])),
  };
  managedFilesCache.set(source.dir, files);
  return files;
}

/** VRL that keeps the raw record in `event.original` (`managed.properties.preserve_original_event`). */
const PRESERVE_ORIGINAL =
  'if exists(.message) {\n  .event.original = .message\n} else {\n  .event.original = encode_json(.json)\n}\n';

/**
 * The tables of a managed log source merged with the user's table files: every managed table is
 * on unless `managed.properties.tables` lists a subset; a user table file with a managed table's
 * name extends it; other user table files are extra tables of the source.
 */
function managedSpecs(
  loader: Loader,
  source: Loaded<LogSourceFile>,
  managed: ManagedSource,
  userSpecs: TableSpec[],
): TableSpec[] {
  const wanted = source.data.managed?.properties?.tables;
  let narrowed: Set<string> | undefined;
  if (wanted !== undefined) {
    const known = managed.tables.map((t) => t.name);
    if (!Array.isArray(wanted) || wanted.some((t) => typeof t !== 'string')) {
      loader.problem(source.yaml, ['managed', 'properties', 'tables'], 'expected a list of table names', {
        expected: `some of ${known.join(', ')}`,
      });
    } else {
      narrowed = new Set(wanted as string[]);
      (wanted as string[]).forEach((t, i) => {
        if (!known.includes(t))
          loader.problem(
            source.yaml,
            ['managed', 'properties', 'tables', i],
            `managed type ${managed.type} has no table \`${t}\``,
            {
              expected: `one of ${known.join(', ')}`,
              suggestion: `did you mean \`${closest(t, known)}\`?`,
            },
          );
      });
    }
  }
  const users = new Map(userSpecs.filter((s) => !s.implicit).map((s) => [s.shortName, s]));
  const out: TableSpec[] = [];
  for (const table of managed.tables) {
    const user = users.get(table.name);
    users.delete(table.name);
    // a table left out stays known (disabled), so what the source sends there is dropped, not dead-lettered
    out.push({
      shortName: table.name,
      loaded: user?.loaded,
      implicit: user === undefined,
      managed: table,
      ...(narrowed && !narrowed.has(table.name) ? { disabled: true } : {}),
    });
  }
  out.push(...users.values());
  return out;
}

function listDirs(abs: string): string[] {
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

function listTableFiles(abs: string): string[] {
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name) && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

/** Loads and validates the lake directory; throws ConfigErrors listing every problem. */
export function loadLakeDirectory(dir: string): LakeDirectory {
  const root = path.resolve(dir);
  const loader = new Loader(root);

  // --- project settings
  const present = CONFIG_FILE_NAMES.filter((n) => existsSync(path.join(root, n)));
  let project: ProjectConfig = { namespace: DEFAULT_NAMESPACE, service: toService(root), matano: {} };
  const configFile = path.join(root, present[0] ?? CONFIG_FILE_NAMES[0]);
  if (present.length === 0) {
    loader.problems.push({
      file: CONFIG_FILE_NAMES[0],
      path: '',
      message: 'no lakewatch.config.yml or matano.config.yml in the lake directory',
      suggestion: 'create lakewatch.config.yml (it may be empty), or run `lakewatch init`',
    });
  } else {
    if (present.length > 1) {
      loader.problems.push({
        file: CONFIG_FILE_NAMES[1],
        path: '',
        message: 'both lakewatch.config.yml and matano.config.yml exist',
        expected: 'exactly one project settings file',
        suggestion: 'keep one of them: Lakewatch reads either, with the same keys',
      });
    }
    const loaded = loader.read(configFile, projectFileSchema, {
      allowEmpty: true,
      whatFor: 'project settings',
    });
    if (loaded) project = toProject(root, loaded.data);
  }

  // --- log sources
  const logSources: LogSource[] = [];
  const sourceNames = new Map<string, string>();
  const tableNames = new Map<string, string>();
  const sourcesRoot = path.join(root, 'log_sources');
  for (const dirName of listDirs(sourcesRoot)) {
    const sourceDir = path.join(sourcesRoot, dirName);
    const sourceFile = path.join(sourceDir, 'log_source.yml');
    const sourceRel = loader.rel(sourceFile);
    if (!existsSync(sourceFile)) {
      const alt = existsSync(path.join(sourceDir, 'log_source.yaml'));
      loader.problems.push({
        file: loader.rel(sourceDir),
        path: '',
        message: 'log source directory has no log_source.yml',
        expected: 'log_sources/<name>/log_source.yml',
        ...(alt ? { suggestion: 'rename log_source.yaml to log_source.yml' } : {}),
      });
      continue;
    }
    const source = loader.read(sourceFile, logSourceFileSchema, {
      allowEmpty: false,
      whatFor: 'a log source mapping with at least `name`',
      checkEcsNames: true,
    });
    if (!source) {
      fixMissingName(loader, sourceRel, `add \`name: ${dirName}\``);
    } else {
      loader.checkDuplicateFields(source.yaml, source.data.schema?.fields, ['schema', 'fields']);
    }

    // table files
    const specs: TableSpec[] = [];
    const shortNames = new Map<string, string>();
    for (const tableFileName of listTableFiles(path.join(sourceDir, 'tables'))) {
      const tableFile = path.join(sourceDir, 'tables', tableFileName);
      const tableRel = loader.rel(tableFile);
      const stem = tableFileName.replace(/\.ya?ml$/, '');
      const loaded = loader.read(tableFile, tableFileSchema, {
        allowEmpty: false,
        whatFor: 'a table mapping with at least `name`',
        checkEcsNames: true,
      });
      if (!loaded) {
        fixMissingName(
          loader,
          tableRel,
          `add \`name: ${stem}\` (Matano requires a name in every table file)`,
          'the table file has no `name`',
        );
        continue;
      }
      loader.checkDuplicateFields(loaded.yaml, loaded.data.schema?.fields, ['schema', 'fields']);
      const shortName = loaded.data.name;
      const earlier = shortNames.get(shortName);
      if (earlier) {
        loader.problem(
          loaded.yaml,
          ['name'],
          `table name \`${shortName}\` is already defined in ${earlier}`,
          {
            expected: 'a table name unique within the log source',
          },
        );
        continue;
      }
      shortNames.set(shortName, tableRel);
      specs.push({ shortName, loaded, implicit: false });
    }
    if (!source) continue;

    const src = source.data;
    let managed: ManagedFiles | undefined;
    if (src.managed !== undefined) {
      const found = loadManagedSource(src.managed.type);
      if (!found) {
        const types = managedTypes();
        loader.problem(
          source.yaml,
          ['managed', 'type'],
          `unknown managed log source type \`${src.managed.type}\``,
          {
            expected: `one of ${types.join(', ')} (\`lakewatch sources\` lists them)`,
            ...(types.length
              ? { suggestion: `did you mean \`${closest(src.managed.type.toUpperCase(), types)}\`?` }
              : {}),
          },
        );
        continue;
      }
      managed = managedFiles(found);
    }
    const earlierSource = sourceNames.get(src.name);
    if (earlierSource) {
      loader.problem(
        source.yaml,
        ['name'],
        `log source name \`${src.name}\` is already used by ${earlierSource}`,
        {
          expected: 'a unique log source name',
        },
      );
      continue;
    }
    sourceNames.set(src.name, sourceRel);
    if (specs.length === 0 && listTableFiles(path.join(sourceDir, 'tables')).length === 0) {
      specs.push({ shortName: 'default', loaded: undefined, implicit: true });
    }
    const tableSpecs = managed ? managedSpecs(loader, source, managed.source, specs) : specs;

    const logSource: LogSource = {
      name: src.name,
      dir: sourceDir,
      file: sourceRel,
      enabled: src.enabled ?? true,
      ingest: { ...toIngest(managed?.file.ingest), ...toIngest(src.ingest) },
      tables: [],
    };
    if (src.transform !== undefined) logSource.transform = src.transform;
    if (src.managed !== undefined) {
      logSource.managed = { type: managed?.source.type ?? src.managed.type };
      if (src.managed.properties !== undefined) logSource.managed.properties = { ...src.managed.properties };
    }

    for (const spec of tableSpecs) {
      const table = resolveTable(loader, source, spec, logSource, managed);
      if (!table) continue;
      const clash = tableNames.get(table.name);
      if (clash) {
        loader.problem(
          spec.loaded?.yaml ?? source.yaml,
          ['name'],
          `table name \`${table.name}\` is already used by ${clash}`,
          {
            expected: 'unique resolved table names (`<source>` and `<source>_<table>`)',
          },
        );
        continue;
      }
      tableNames.set(table.name, table.file);
      logSource.tables.push(table);
    }
    logSources.push(logSource);
  }

  const tables = logSources.flatMap((s) => s.tables);
  const detections = loadDetections(loader, root, tables);

  if (loader.problems.length > 0) throw new ConfigErrors(root, loader.problems);
  return { dir: root, configFile, project, logSources, tables, detections };
}

const DETECTION_CODE_FILES = [
  ['detect.py', 'python'],
  ['detect.ts', 'typescript'],
  ['detect.js', 'javascript'],
] as const;

/**
 * `detections/<dir>/detection.yml` (Matano's layout), each with exactly one code file beside it.
 * Table names must be tables of the lake directory; names must be unique.
 */
function loadDetections(loader: Loader, root: string, tables: TableConfig[]): DetectionConfig[] {
  const detectionsDir = path.join(root, 'detections');
  if (!existsSync(detectionsDir) || !statSync(detectionsDir).isDirectory()) return [];
  const tableNames = tables.map((t) => t.name);
  const out: DetectionConfig[] = [];
  const seen = new Map<string, string>();
  const dirs = readdirSync(detectionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
  for (const dirName of dirs) {
    const dir = path.join(detectionsDir, dirName);
    const file = path.join(dir, 'detection.yml');
    if (!existsSync(file)) {
      // A folder of shared helper modules has no detection.yml and no detect.* file.
      if (DETECTION_CODE_FILES.some(([name]) => existsSync(path.join(dir, name)))) {
        loader.problems.push({
          file: loader.rel(dir),
          path: '',
          message: 'a detection folder without detection.yml',
          suggestion: 'add detection.yml with at least `name` and `tables`',
        });
      }
      continue;
    }
    const loaded = loader.read(file, detectionFileSchema, {
      allowEmpty: false,
      whatFor: 'a detection with `name` and `tables`',
    });
    const codes = DETECTION_CODE_FILES.filter(([name]) => existsSync(path.join(dir, name)));
    const rel = loader.rel(file);
    if (codes.length !== 1) {
      loader.problems.push({
        file: rel,
        path: '',
        message:
          codes.length === 0
            ? 'no detection code beside detection.yml'
            : `more than one detection code file: ${codes.map(([n]) => n).join(', ')}`,
        expected: 'exactly one of detect.py, detect.ts, detect.js',
      });
    }
    if (!loaded) continue;
    const { data, yaml } = loaded;
    const previous = seen.get(data.name);
    if (previous !== undefined) {
      loader.problem(yaml, ['name'], `detection name "${data.name}" is also used by ${previous}`);
    } else seen.set(data.name, rel);
    const detectionTables: string[] = [];
    if (data.tables !== undefined && data.log_sources !== undefined) {
      loader.problem(
        yaml,
        ['log_sources'],
        'give `tables` or `log_sources` (its earlier Matano form), not both',
        {},
        'key',
      );
    } else if (data.tables === undefined && data.log_sources === undefined) {
      loader.problem(yaml, ['tables'], 'missing required key `tables`', {
        expected: "a list of resolved table names (or Matano's earlier `log_sources`)",
      });
    }
    (data.tables ?? []).forEach((table, i) => {
      if (tableNames.includes(table)) {
        detectionTables.push(table);
        return;
      }
      const guess = tableNames.length > 0 ? closest(table, tableNames) : undefined;
      loader.problem(yaml, ['tables', i], `no table named "${table}" in this lake directory`, {
        expected: 'a resolved table name (`<log source>` or `<log source>_<table>`)',
        ...(guess ? { suggestion: `did you mean \`${guess}\`?` } : {}),
      });
    });
    (data.tables === undefined ? (data.log_sources ?? []) : []).forEach((name, i) => {
      // Matano's earlier key: a table, or a log source standing for all of its tables
      if (tableNames.includes(name)) {
        detectionTables.push(name);
        return;
      }
      const ofSource = tables.filter((t) => t.logSource === name).map((t) => t.name);
      if (ofSource.length > 0) {
        detectionTables.push(...ofSource);
        return;
      }
      const candidates = [...new Set([...tableNames, ...tables.map((t) => t.logSource)])];
      const guess = candidates.length > 0 ? closest(name, candidates) : undefined;
      loader.problem(
        yaml,
        ['log_sources', i],
        `no log source or table named "${name}" in this lake directory`,
        {
          ...(guess ? { suggestion: `did you mean \`${guess}\`?` } : {}),
        },
      );
    });
    const alert = data.alert ?? {};
    if (alert.threshold !== undefined && alert.threshold_count !== undefined) {
      loader.problem(
        yaml,
        ['alert', 'threshold_count'],
        'give the threshold once: threshold or threshold_count',
        {},
        'key',
      );
    }
    if (alert.deduplication_window_minutes !== undefined && alert.deduplication_window !== undefined) {
      loader.problem(
        yaml,
        ['alert', 'deduplication_window'],
        'give the deduplication window once: deduplication_window_minutes or deduplication_window (seconds)',
        {},
        'key',
      );
    }
    if (codes.length !== 1) continue;
    const [codeName, language] = codes[0]!;
    const windowMs =
      alert.deduplication_window !== undefined
        ? alert.deduplication_window * 1000
        : (alert.deduplication_window_minutes ?? 60) * 60_000;
    const detection: DetectionConfig = {
      name: data.name,
      dir,
      file: rel,
      enabled: data.enabled ?? true,
      tables: [...new Set(detectionTables)],
      code: { language, path: path.join(dir, codeName) },
      alert: {
        severity: alert.severity ?? 'medium',
        threshold: alert.threshold ?? alert.threshold_count ?? 1,
        deduplicationWindowMs: windowMs,
        destinations: alert.destinations ?? [],
      },
      references: [...(data.reference !== undefined ? [data.reference] : []), ...(data.references ?? [])],
      falsePositives: data.false_positives ?? [],
      tags: data.tags ?? [],
      attack: data.reports?.attack ?? [],
    };
    if (data.display_name !== undefined) detection.displayName = data.display_name;
    if (data.description !== undefined) detection.description = data.description;
    if (data.runbook !== undefined) detection.runbook = data.runbook;
    if (data.id !== undefined) detection.id = String(data.id);
    out.push(detection);
  }
  return out;
}

/** Rewrites zod's generic "missing required key `name`" for a file into a specific message. */
function fixMissingName(loader: Loader, file: string, suggestion: string, message?: string): void {
  for (const p of loader.problems) {
    if (p.file === file && p.path === 'name' && p.message.startsWith('missing required key')) {
      if (message) p.message = message;
      p.suggestion = suggestion;
    }
  }
}

function resolveTable(
  loader: Loader,
  source: Loaded<LogSourceFile>,
  spec: TableSpec,
  logSource: LogSource,
  managed?: ManagedFiles,
): TableConfig | undefined {
  const src = source.data;
  const tbl: TableFile | undefined = spec.loaded?.data;
  const tableYaml = spec.loaded?.yaml ?? source.yaml;
  const before = loader.problems.length;
  // A managed source's files come first; the user's extend them (Matano's merge rules).
  const managedTable = spec.managed ? managed?.tables.get(spec.managed.name) : undefined;
  const preserveOriginal = managed !== undefined && src.managed?.properties?.preserve_original_event === true;
  const layers = [managed?.file, managedTable, src, tbl];

  const ecsFieldNames = [
    ...new Set(
      [
        ...layers.flatMap((l) => l?.schema?.ecs_field_names ?? []),
        // the footer sets ecs.version on every mapped record
        ...(managed ? ['ecs.version'] : []),
        ...(preserveOriginal ? ['event.original'] : []),
      ].map((n) => n.trim()),
    ),
  ];
  let fields: UnboundField[] = [];
  for (const layer of layers) {
    if (layer?.schema?.fields)
      fields = mergeUnboundFields(fields, icebergJsonToUnboundFields(layer.schema.fields));
  }
  let schema: UnboundField[] = [];
  try {
    schema = buildTableSchema({ ecsFieldNames, fields });
  } catch (err) {
    if (err instanceof EcsFieldError) {
      // reported per entry by checkEcsNames for the user's files; a managed file's is our bug
      if (managed)
        loader.problem(
          source.yaml,
          ['managed', 'type'],
          `managed log source ${managed.source.type}: ${err.message}`,
        );
      return undefined;
    }
    if (err instanceof SchemaBuildError) {
      const inTable = tbl?.schema?.fields?.some((f) => f.name === err.field);
      const yaml = inTable ? tableYaml : source.yaml;
      const list = (inTable ? tbl?.schema?.fields : src.schema?.fields) ?? [];
      const index = list.findIndex((f) => f.name === err.field);
      loader.problem(
        yaml,
        index >= 0 ? ['schema', 'fields', index, 'type'] : ['schema', 'fields'],
        err.message,
        {
          expected: 'ts: timestamp or timestamptz',
        },
      );
      return undefined;
    }
    throw err;
  }

  const partitionOwner = tbl?.partitioning !== undefined ? tableYaml : source.yaml;
  const partitionValue =
    tbl?.partitioning ?? src.partitioning ?? managedTable?.partitioning ?? managed?.file.partitioning;
  const partitioning = resolvePartitioning(partitionValue);
  partitioning.forEach((field, i) => {
    const why = partitionProblem(schema, field);
    if (why) {
      const keyPath: (string | number)[] =
        typeof partitionValue === 'string' || partitionValue === undefined
          ? ['partitioning']
          : ['partitioning', i];
      loader.problem(partitionOwner, keyPath, why, {
        expected: 'a primitive column of the table, e.g. `hour(ts)`',
      });
    }
  });

  if (loader.problems.length > before) return undefined;

  const name = spec.shortName === 'default' ? src.name : `${src.name}_${spec.shortName}`;
  const table: TableConfig = {
    name,
    shortName: spec.shortName,
    logSource: src.name,
    file: spec.loaded?.yaml.file ?? source.yaml.file,
    enabled: !spec.disabled && (src.enabled ?? true) && (tbl?.enabled ?? true),
    ingest: { ...logSource.ingest, ...toIngest(managedTable?.ingest), ...toIngest(tbl?.ingest) },
    schema,
    partitioning,
  };
  const transform = composeTransforms(src.transform, tbl?.transform);
  if (transform !== undefined) table.transform = transform;
  if (managed) {
    const mapping = composeTransforms(managed.source.transform, spec.managed?.transform);
    const program = preserveOriginal ? PRESERVE_ORIGINAL + (mapping ?? '') : mapping;
    if (program !== undefined) table.managedTransform = program;
  }
  const retention = tbl?.retention ?? src.retention;
  if (retention !== undefined) table.retention = { ms: parseDuration(retention), text: retention.trim() };
  return table;
}
