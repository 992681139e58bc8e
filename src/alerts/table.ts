/**
 * `lakewatch_alerts`: every rule match as a row in the lake — the original record's fields
 * (the union of the schemas of the tables detections read) plus the alert fields under
 * `lakewatch.alert`, so alerts can be queried with SQL next to the logs they came from.
 */
import type { TableConfig } from '../config/types.js';
import type { UnboundField, UnboundPartitionField, UnboundType } from '../lake/iceberg/types.js';
import { isPrimitive } from '../lake/iceberg/types.js';
import { stringifyJson } from '../lake/iceberg/json.js';
import type { RuleMatch } from './types.js';

export const ALERTS_TABLE = 'lakewatch_alerts';
export const ALERTS_PARTITIONING: UnboundPartitionField[] = [{ source: 'ts', transform: 'day' }];

const ALERT_FIELDS: UnboundField = {
  name: 'lakewatch',
  type: {
    type: 'struct',
    fields: [
      {
        name: 'alert',
        type: {
          type: 'struct',
          fields: [
            { name: 'id', type: 'string', doc: 'Alert id (deterministic)' },
            { name: 'title', type: 'string' },
            { name: 'severity', type: 'string', doc: 'info | notice | low | medium | high | critical' },
            { name: 'dedupe', type: 'string' },
            {
              name: 'rule',
              type: {
                type: 'struct',
                fields: [
                  { name: 'name', type: 'string', doc: 'Detection name' },
                  {
                    name: 'match',
                    type: {
                      type: 'struct',
                      fields: [{ name: 'id', type: 'string', doc: 'Rule match id (deterministic)' }],
                    },
                  },
                ],
              },
            },
            { name: 'created', type: 'timestamptz', doc: 'When the record matched' },
            { name: 'first_matched_at', type: 'timestamptz', doc: "The alert's first match" },
            { name: 'activated', type: 'boolean', doc: 'The alert had reached its threshold at this match' },
            { name: 'activated_at', type: 'timestamptz' },
            { name: 'context', type: 'string', doc: 'alert_context() as JSON text' },
            { name: 'description', type: 'string' },
            { name: 'runbook', type: 'string' },
            { name: 'reference', type: 'string' },
            { name: 'destinations', type: { type: 'list', element: 'string' } },
            { name: 'source_table', type: 'string', doc: 'Table of the matched record' },
            { name: 'source_file', type: 'string', doc: 'Data file of the matched record' },
            { name: 'source_position', type: 'long', doc: 'Row of the matched record in its data file' },
            { name: 'original_event', type: 'string', doc: 'The matched record as JSON text' },
          ],
        },
      },
    ],
  },
};

function sameType(a: UnboundType, b: UnboundType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Merges `add` into `into` by name: structs merge field by field; a type clash keeps the first. */
function mergeFields(into: UnboundField[], add: readonly UnboundField[]): void {
  for (const f of add) {
    const existing = into.find((x) => x.name === f.name);
    if (!existing) {
      into.push(structuredClone({ ...f, required: false }));
      continue;
    }
    if (
      !isPrimitive(existing.type) &&
      existing.type.type === 'struct' &&
      !isPrimitive(f.type) &&
      f.type.type === 'struct'
    ) {
      mergeFields(existing.type.fields, f.type.fields);
    } else if (!sameType(existing.type, f.type)) {
      // a clash between tables' custom fields: the row keeps the value in original_event
    }
  }
}

/** The alerts table schema for the tables detections read. */
export function alertsTableSchema(tables: readonly TableConfig[]): UnboundField[] {
  const fields: UnboundField[] = [{ name: 'ts', type: 'timestamptz', required: true }];
  for (const t of tables)
    mergeFields(
      fields,
      t.schema.filter((f) => f.name !== 'lakewatch'),
    );
  fields.push(ALERT_FIELDS);
  return fields;
}

/** RFC 3339, which the conformer reads for timestamp columns. */
const micros = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** The row for one rule match: the record's fields, then the alert fields. */
export function alertRow(
  m: RuleMatch,
  record: Record<string, unknown>,
  source: { file: string; position: number },
  originalJson: string,
): Record<string, unknown> {
  const row: Record<string, unknown> = { ...record };
  delete row.lakewatch;
  row.lakewatch = {
    alert: {
      id: m.alertId,
      title: m.title,
      severity: m.severity,
      dedupe: m.dedupe,
      rule: { name: m.detection, match: { id: m.id } },
      created: micros(m.matchedAt),
      first_matched_at: micros(m.firstMatchedAt),
      activated: m.activated,
      activated_at: micros(m.activatedAt),
      context: m.alertContext === undefined ? null : stringifyJson(m.alertContext),
      description: m.description ?? null,
      runbook: m.runbook ?? null,
      reference: m.reference ?? null,
      destinations: m.destinations ?? [],
      source_table: m.table,
      source_file: source.file,
      source_position: source.position,
      original_event: originalJson,
    },
  };
  return row;
}
