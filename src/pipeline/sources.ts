import type { LakeDirectory, LogSource, TableConfig } from '../config/index.js';

export class IngestConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestConfigError';
  }
}

export function findLogSource(lakeDir: LakeDirectory, name: string): LogSource {
  const source = lakeDir.logSources.find((s) => s.name === name);
  if (!source) {
    const known = lakeDir.logSources.map((s) => s.name).join(', ') || '(none)';
    throw new IngestConfigError(`no log source named "${name}" in ${lakeDir.dir} (log sources: ${known})`);
  }
  if (!source.enabled)
    throw new IngestConfigError(`log source "${name}" is disabled (enabled: false in ${source.file})`);
  return source;
}

/** A table of the source by short name (`digest`) or resolved name (`aws_cloudtrail_digest`). */
export function findTable(source: LogSource, name: string): TableConfig {
  const table = source.tables.find((t) => t.name === name || t.shortName === name);
  if (!table) {
    const known = source.tables.map((t) => t.name).join(', ');
    throw new IngestConfigError(`log source "${source.name}" has no table "${name}" (tables: ${known})`);
  }
  if (!table.enabled)
    throw new IngestConfigError(`table "${table.name}" is disabled (enabled: false in ${table.file})`);
  return table;
}
