/**
 * Runs a managed source's sample through the real ingest path and describes what came out: the
 * golden tests compare it with `<case>.expected.json`, and `lakewatch sources --coverage` reads
 * the same files to tell which ECS fields each table fills.
 *
 * A sample `samples/<table>/<case>.<ext>` is ingested into a fresh lake whose only log source is
 * `{ name: <folder>, managed: { type } }`. When the source chooses tables itself
 * (`select_table_from_payload_metadata` / `select_table_from_payload`), the sample goes through
 * that choice; otherwise it is pinned to `<table>`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLakeDirectory, type LakeDirectory } from '../config/index.js';
import { RecordReader } from '../detect/records.js';
import { openLake, type Lake } from '../lake/index.js';
import { ingestFiles } from '../pipeline/index.js';
import { DEAD_LETTER_TABLE } from '../pipeline/system-tables.js';
import { folderOf, loadManagedSource, MANAGED_ROOT } from './registry.js';

/** The ingest clock of every golden run: 2024-01-01T00:00:00Z. */
export const GOLDEN_NOW_MICROS = 1_704_067_200_000_000;

export interface SampleCase {
  type: string;
  /** Short table name (the folder under samples/). */
  table: string;
  /** Case name: the file name without its extension(s). */
  name: string;
  input: string;
  expected: string;
}

export interface GoldenOutput {
  summary: {
    read: number;
    committed: number;
    filtered: number;
    deadLettered: number;
    conformWarnings: number;
    droppedFields: Record<string, number>;
  };
  /** Resolved table name → the records as detections see them (nulls removed). */
  tables: Record<string, unknown[]>;
  dead_letters: { line: number; table: string | null; stage: string; reason: string }[];
}

/** What a sample's file name ends with; the rest is its case name (`conn.2024-03-05.log.gz` → `conn.2024-03-05`). */
const SAMPLE_EXTENSIONS = /(\.(log|json|ndjson|jsonl|csv|tsv|txt|gz|zst|zstd))+$/i;

/** Every sample of a managed type (sorted), with where its golden output lives. */
export function sampleCases(type: string, root = MANAGED_ROOT): SampleCase[] {
  const dir = path.join(root, folderOf(type), 'samples');
  if (!existsSync(dir)) return [];
  const out: SampleCase[] = [];
  for (const table of readdirSync(dir).sort()) {
    const tableDir = path.join(dir, table);
    if (!statSync(tableDir).isDirectory()) continue;
    for (const file of readdirSync(tableDir).sort()) {
      if (file.endsWith('.expected.json') || file.startsWith('.')) continue;
      const name = file.replace(SAMPLE_EXTENSIONS, '');
      const twin = out.find((c) => c.table === table && c.name === name);
      if (twin)
        throw new Error(
          `samples/${table}: ${file} and ${path.basename(twin.input)} would share ${name}.expected.json; rename one`,
        );
      out.push({
        type: type.toUpperCase(),
        table,
        name,
        input: path.join(tableDir, file),
        expected: path.join(tableDir, `${name}.expected.json`),
      });
    }
  }
  return out;
}

/**
 * A lake holding one managed source, for running its samples one after another: its tables are
 * created once (Zeek has 43), and each sample's output is read from the data files its own
 * commit added, so samples never see each other's rows.
 */
export class GoldenLake {
  private constructor(
    readonly type: string,
    private readonly root: string,
    private readonly lakeDir: LakeDirectory,
    private readonly lake: Lake,
    private readonly reader: RecordReader,
  ) {}

  static async open(type: string): Promise<GoldenLake> {
    const managed = loadManagedSource(type);
    if (!managed) throw new Error(`no managed log source ${type}`);
    const name = folderOf(type);
    const root = mkdtempSync(path.join(tmpdir(), `lw-golden-${name}-`));
    writeFileSync(path.join(root, 'lakewatch.config.yml'), 'name: golden\n');
    mkdirSync(path.join(root, 'log_sources', name), { recursive: true });
    writeFileSync(
      path.join(root, 'log_sources', name, 'log_source.yml'),
      `name: ${name}\nmanaged:\n  type: ${managed.type}\n`,
    );
    const lakeDir = loadLakeDirectory(root);
    const lake = await openLake({ root, namespace: lakeDir.project.namespace });
    return new GoldenLake(managed.type, root, lakeDir, lake, await RecordReader.open());
  }

  async close(): Promise<void> {
    await this.reader.close();
    await this.lake.close();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Ingests one sample through the real path and returns what it added to the lake. */
  async run(sample: SampleCase): Promise<GoldenOutput> {
    const name = folderOf(this.type);
    const source = this.lakeDir.logSources[0]!;
    const selects =
      source.ingest.selectTableFromPayloadMetadata !== undefined ||
      source.ingest.selectTableFromPayload !== undefined;
    const watched = [...source.tables.map((t) => t.name), DEAD_LETTER_TABLE];
    const before = new Map<string, Set<string>>();
    for (const table of watched) before.set(table, await this.files(table));
    const size = statSync(sample.input).size;
    const summary = await ingestFiles({
      lake: this.lake,
      lakeDir: this.lakeDir,
      logSource: name,
      // a unique identity: the ledger must not skip a sample another case already ingested
      inputs: [
        {
          path: sample.input,
          size,
          mtimeMs: 0,
          identity: `golden:${sample.table}/${sample.name}:${Math.random()}`,
        },
      ],
      ...(selects ? {} : { table: sample.table }),
      workers: 1,
      nowMicros: () => GOLDEN_NOW_MICROS,
    });
    const added = async (table: string): Promise<string[]> => {
      const old = before.get(table) ?? new Set<string>();
      const plan = await this.lake.planScan(table);
      const files = plan.files.filter((f) => !old.has(f.path)).map((f) => f.path);
      return (await this.reader.read(plan.schema, files)).map((r) => r.json);
    };
    const tables: Record<string, unknown[]> = {};
    for (const [table, count] of Object.entries(summary.tables)) {
      if (count === 0) continue;
      tables[table] = (await added(table)).map((json) => JSON.parse(json) as unknown);
    }
    const deadLetters: GoldenOutput['dead_letters'] = [];
    if (summary.deadLettered > 0) {
      const base = path.basename(sample.input);
      for (const json of await added(DEAD_LETTER_TABLE)) {
        const row = JSON.parse(json) as Record<string, unknown>;
        deadLetters.push({
          line: Number(row.line),
          table: (row.table_name as string | undefined) ?? null,
          stage: String(row.stage),
          reason: stableReason(String(row.reason).split(sample.input).join(base)),
        });
      }
      deadLetters.sort((a, b) => a.line - b.line);
    }
    return {
      summary: {
        read: summary.read,
        committed: summary.committed,
        filtered: summary.filtered,
        deadLettered: summary.deadLettered,
        conformWarnings: summary.conformWarnings,
        droppedFields: summary.droppedFields,
      },
      tables,
      dead_letters: deadLetters,
    };
  }

  private async files(table: string): Promise<Set<string>> {
    if (!(await this.lake.tableExists(table))) return new Set();
    return new Set((await this.lake.planScan(table)).files.map((f) => f.path));
  }
}

/** VRL runtime errors name a span of the program (`at (8790:8909)`), which moves with every edit. */
function stableReason(reason: string): string {
  return reason.replace(/ at \(\d+:\d+\)/g, '');
}

/** Dotted paths of every leaf in a record (list elements share their list's path). */
export function leafPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) leafPaths(item, prefix, out);
    if (value.length > 0 && value.every((v) => v === null || typeof v !== 'object')) out.add(prefix);
    return out;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  if (prefix) out.add(prefix);
  return out;
}
