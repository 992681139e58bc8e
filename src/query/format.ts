/**
 * Rendering a QueryResult for people (aligned table) and programs (JSON, CSV). Values are
 * already JSON-safe (see values.ts); nested values render as compact JSON.
 */
import type { QueryResult } from './types.js';

export type ResultFormat = 'table' | 'json' | 'csv';

export interface FormatOptions {
  /** Terminal width for `table`; defaults to `process.stdout.columns` or 120. */
  width?: number;
  /** Longest cell in `table` before truncation with "…". Default 60. */
  maxCellWidth?: number;
}

export function formatResult(result: QueryResult, format: ResultFormat, opts: FormatOptions = {}): string {
  switch (format) {
    case 'table':
      return formatTable(result, opts);
    case 'json':
      return formatJson(result);
    case 'csv':
      return formatCsv(result);
  }
}

/** Text of a single value: strings as is, null as empty/"NULL", nested values as JSON. */
function cellText(value: unknown, nullText: string): string {
  if (value === null || value === undefined) return nullText;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

export function formatJson(result: QueryResult): string {
  const names = uniqueNames(result.columns.map((c) => c.name));
  const objects = result.rows.map((row) =>
    Object.fromEntries(names.map((name, i) => [name, row[i] ?? null])),
  );
  return JSON.stringify(objects, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

export function formatCsv(result: QueryResult): string {
  const lines = [result.columns.map((c) => csvField(c.name))];
  for (const row of result.rows) lines.push(row.map((v) => csvField(cellText(v, ''))));
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180: quote fields holding a comma, quote, CR or LF; double embedded quotes. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatTable(result: QueryResult, opts: FormatOptions = {}): string {
  const width = Math.max(20, opts.width ?? process.stdout.columns ?? 120);
  const maxCell = Math.max(4, opts.maxCellWidth ?? 60);
  const header = result.columns.map((c) => c.name);
  const body = result.rows.map((row) => header.map((_, i) => oneLine(cellText(row[i], 'NULL'))));
  const widths = header.map((h, i) =>
    Math.min(maxCell, Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i]!)))),
  );
  // Shrink the widest columns until the table fits the terminal (2 spaces between columns).
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * Math.max(0, widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 4) break;
    widths[widest]!--;
  }
  const numeric = result.columns.map((c) =>
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(
      c.type,
    ),
  );
  const line = (cells: string[], align: boolean) =>
    cells
      .map((cell, i) => pad(truncate(cell, widths[i]!), widths[i]!, align && numeric[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header, false), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of body) out.push(line(row, true));
  const n = result.rows.length;
  out.push(`(${n} row${n === 1 ? '' : 's'}${result.truncated ? ', truncated' : ''})`);
  return out.join('\n') + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, ' ');
}

function displayWidth(text: string): number {
  return [...text].length;
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : chars.slice(0, Math.max(0, width - 1)).join('') + '…';
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}
