/**
 * A raw vendor log through the real ingest path: decode → transform → conform → commit, into a
 * throwaway lake, then read back exactly as detections receive records in production.
 */
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LakeDirectory } from '../../config/types.js';
import { openLake } from '../../lake/index.js';
import { ingestFiles } from '../../pipeline/index.js';
import { readTableRecords } from '../records.js';

export interface RawLogOutcome {
  /** Records per table they landed in (tables with none are left out), in commit order. */
  tables: { table: string; records: string[] }[];
  /** Lines (or elements) the decoder read. */
  read: number;
  /** Records dead-lettered, with the first reasons. */
  deadLettered: number;
  deadLetters: { line: number; reason: string }[];
  /** Records a VRL program dropped on purpose (`abort`). */
  dropped: number;
}

/**
 * Ingests `text` (or the file `logFile`) for `logSource` into a new lake under `workDir` (which
 * must be a fresh directory) and returns what was committed.
 */
export async function ingestRawLog(opts: {
  lakeDir: LakeDirectory;
  logSource: string;
  table?: string;
  text?: string;
  logFile?: string;
  workDir: string;
}): Promise<RawLogOutcome> {
  mkdirSync(opts.workDir, { recursive: true });
  let input = opts.logFile;
  if (input === undefined) {
    input = path.join(opts.workDir, 'input.log');
    const text = opts.text ?? '';
    writeFileSync(input, text.endsWith('\n') || text === '' ? text : text + '\n');
  }
  const st = statSync(input);
  const lake = await openLake({
    root: path.join(opts.workDir, 'lake'),
    namespace: opts.lakeDir.project.namespace,
    duckdb: { threads: 1 },
  });
  try {
    const summary = await ingestFiles({
      lake,
      lakeDir: opts.lakeDir,
      logSource: opts.logSource,
      inputs: [{ path: input, size: st.size, mtimeMs: st.mtimeMs }],
      ...(opts.table !== undefined ? { table: opts.table } : {}),
      workers: 1,
    });
    const tables: RawLogOutcome['tables'] = [];
    for (const [table, n] of Object.entries(summary.tables)) {
      if (n > 0) tables.push({ table, records: await readTableRecords(lake, table) });
    }
    return {
      tables,
      read: summary.read,
      deadLettered: summary.deadLettered,
      deadLetters: summary.sampleErrors.map((e) => ({ line: e.line, reason: e.reason })),
      dropped: summary.filtered,
    };
  } finally {
    await lake.close();
  }
}
