/** RFC 4180 CSV of a result (client-side export of what the grid holds). */
import type { QueryColumn } from '../api/types';
import { cellText } from './format';

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = cellText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: QueryColumn[], rows: unknown[][]): string {
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const r of rows) lines.push(r.map(field).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
