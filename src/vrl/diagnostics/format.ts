/**
 * Renders diagnostics the way VRL prints them (VRL uses codespan-reporting without colours):
 *
 * ```text
 * error[E203]: syntax error
 *   ┌─ :1:5
 *   │
 * 1 │ .foo.
 *   │     ^
 *   │     │
 *   │     unexpected end of query path
 *   │     expected one of: "identifier", "path field", "string literal", "abort", "return"
 *   │
 *   = see language documentation at https://vrl.dev
 *   = try your code in the VRL REPL, learn more at https://vrl.dev/examples
 * ```
 *
 * Layout rules, per labelled source line: the caret line draws `^` under primary spans and `-` under
 * secondary ones; the label with the right-most end is written after the carets ("trailing") when it
 * overlaps no other label on that line; every other label with a message "hangs" below, right-most first,
 * with `│` pointers for the labels still to come. Line endings are trimmed, and the whole text starts
 * with a newline, as VRL's `Formatter` does.
 *
 * A label covering several lines gets a column in an inner gutter: `╭` where it starts (on the source line
 * when only whitespace precedes it, otherwise on a `╭───^` line below it), `│` down its lines, and
 * `╰───^ message` under its last line. Not reproduced: colours, tab expansion, and single-line labels
 * sharing a line with a multi-line label's start or end (they are drawn, but may be ordered differently).
 */
import { formatCode } from './codes.js';
import { standardNotes, type Diagnostic } from './diagnostic.js';

export interface FormatOptions {
  /** Append VRL's standard notes (code docs for E100–E110, language docs, REPL). Default `true`. */
  standardNotes?: boolean;
}

export function formatDiagnostics(
  source: string,
  diagnostics: readonly Diagnostic[],
  options: FormatOptions = {},
): string {
  if (diagnostics.length === 0) return '';
  const index = new LineIndex(source);
  const out: string[] = [];
  for (const diagnostic of diagnostics) out.push(...renderDiagnostic(index, diagnostic, options));
  return '\n' + out.map((line) => line.trimEnd()).join('\n');
}

/** 1-based line and code-point column of a UTF-16 offset. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const index = new LineIndex(source);
  const line = index.lineOf(offset);
  return { line: line + 1, column: index.column(line, offset) + 1 };
}

class LineIndex {
  readonly starts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  text(line: number): string {
    const start = this.starts[line]!;
    const next = this.starts[line + 1];
    const end = next === undefined ? this.source.length : next - 1;
    return this.source.slice(start, end).replace(/\r$/, '');
  }
  /** 0-based column in code points. */
  column(line: number, offset: number): number {
    const start = this.starts[line]!;
    return codePoints(this.source.slice(start, Math.max(start, offset)));
  }
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

interface LineLabel {
  start: number;
  end: number;
  primary: boolean;
  message: string;
}

/** A label whose span covers several lines, drawn with `╭`/`│`/`╰` in the inner gutter. */
interface MultiLabel {
  primary: boolean;
  message: string;
  startLine: number;
  startCol: number;
  /** Whether only whitespace precedes the start, so `╭` can sit on the source line itself. */
  simpleStart: boolean;
  endLine: number;
  /** Column of the span's last character. */
  endCol: number;
}

function renderDiagnostic(index: LineIndex, diagnostic: Diagnostic, options: FormatOptions): string[] {
  const out = [`${diagnostic.severity}[${formatCode(diagnostic.code)}]: ${diagnostic.message}`];
  const singles = new Map<number, LineLabel[]>();
  const multis: MultiLabel[] = [];
  const shown = new Set<number>();
  for (const label of diagnostic.labels) {
    const line = index.lineOf(label.span.start);
    const start = index.column(line, label.span.start);
    const last = Math.max(label.span.start, label.span.end - 1);
    const endLine = index.lineOf(last);
    if (endLine === line) {
      const end = Math.max(index.column(line, label.span.end), start + 1);
      singles.set(line, [
        ...(singles.get(line) ?? []),
        { start, end, primary: label.primary, message: label.message },
      ]);
      shown.add(line);
      continue;
    }
    const simpleStart =
      index
        .text(line)
        .slice(0, label.span.start - index.starts[line]!)
        .trim() === '';
    const endCol = index.column(endLine, last);
    multis.push({
      primary: label.primary,
      message: label.message,
      startLine: line,
      startCol: start,
      simpleStart,
      endLine,
      endCol,
    });
    for (let l = line; l <= endLine; l++) shown.add(l);
  }
  const lines = [...shown].sort((a, b) => a - b);
  const width = lines.length === 0 ? 1 : String(lines[lines.length - 1]! + 1).length;
  const pad = ' '.repeat(width);

  if (lines.length > 0) {
    const anchor = diagnostic.labels.find((l) => l.primary) ?? diagnostic.labels[0]!;
    const line = index.lineOf(anchor.span.start);
    out.push(`${pad} ┌─ :${line + 1}:${index.column(line, anchor.span.start) + 1}`, `${pad} │`);
    let previous: number | undefined;
    for (const line of lines) {
      if (previous !== undefined && line - previous === 2) {
        out.push(sourceLine(index, previous + 1, width, gutter(multis, previous + 1, 'source')));
      } else if (previous !== undefined && line - previous > 2) out.push(`${pad} ·`);
      out.push(sourceLine(index, line, width, gutter(multis, line, 'source')));
      multis.forEach((m, k) => {
        if (m.startLine === line && !m.simpleStart) out.push(`${pad} │ ${marker(multis, k, line, 'start')}`);
      });
      const labels = singles.get(line);
      if (labels) out.push(...labelLines(labels, `${pad} │ ${gutter(multis, line, 'active')}`));
      multis.forEach((m, k) => {
        if (m.endLine === line) out.push(`${pad} │ ${marker(multis, k, line, 'end')}`);
      });
      previous = line;
    }
    out.push(`${pad} │`);
  }
  const notes = [
    ...diagnostic.notes,
    ...(options.standardNotes === false ? [] : standardNotes(diagnostic.code)),
  ];
  for (const note of notes) out.push(`${pad} = ${note}`);
  out.push('');
  return out;
}

/** The inner gutter (two columns per multi-line label) on a source line or under it. */
function gutter(multis: MultiLabel[], line: number, at: 'source' | 'active'): string {
  return multis
    .map((m) => {
      if (m.startLine < line && line <= m.endLine) return '│ ';
      if (m.startLine !== line) return '  ';
      if (at === 'active') return '│ ';
      return m.simpleStart ? '╭ ' : '  ';
    })
    .join('');
}

/** `╭──^` (start) or `╰──^ message` (end) for multi-line label `k`, crossing the other labels' columns. */
function marker(multis: MultiLabel[], k: number, line: number, kind: 'start' | 'end'): string {
  const m = multis[k]!;
  let text = '';
  multis.forEach((other, j) => {
    const started = other.startLine < line || (other.startLine === line && (other.simpleStart || j < k));
    if (j === k) text += kind === 'start' ? '╭─' : '╰─';
    else if (j < k)
      text += started && (kind === 'start' ? other.endLine >= line : other.endLine > line) ? '│ ' : '  ';
    else text += started && other.endLine >= line ? '│─' : '──';
  });
  const col = kind === 'start' ? m.startCol : m.endCol;
  text += '─'.repeat(col) + (m.primary ? '^' : "'");
  return kind === 'end' && m.message !== '' ? `${text} ${m.message}` : text;
}

function sourceLine(index: LineIndex, line: number, width: number, inner: string): string {
  return `${String(line + 1).padStart(width)} │ ${inner}${index.text(line)}`;
}

/** Caret line and hanging messages for the single-line labels of one line; `prefix` ends with the gutter. */
function labelLines(labels: LineLabel[], prefix: string): string[] {
  const caretWidth = Math.max(...labels.map((l) => l.end));
  const carets: string[] = Array.from({ length: caretWidth }, () => ' ');
  for (const label of labels) {
    for (let col = label.start; col < label.end; col++) {
      if (label.primary) carets[col] = '^';
      else if (carets[col] !== '^') carets[col] = '-';
    }
  }
  let trailing: LineLabel | undefined;
  for (const label of labels) if (!trailing || label.end >= trailing.end) trailing = label;
  const overlaps = (a: LineLabel, b: LineLabel) => a.start < b.end && b.start < a.end;
  if (trailing && (trailing.message === '' || labels.some((l) => l !== trailing && overlaps(l, trailing!)))) {
    trailing = undefined;
  }
  const out = [`${prefix}${carets.join('')}${trailing ? ` ${trailing.message}` : ''}`];

  const hanging = labels
    .filter((l) => l !== trailing && l.message !== '')
    .map((label, order) => ({ label, order }))
    .sort((a, b) => b.label.start - a.label.start || a.order - b.order)
    .map(({ label }) => label);
  if (hanging.length === 0) return out;
  out.push(`${prefix}${pointers(hanging, Infinity)}`);
  hanging.forEach((label, i) => {
    const pending = hanging.slice(i + 1).filter((l) => l.start < label.start);
    const indent = pointers(pending, label.start).padEnd(label.start);
    for (const text of label.message.split('\n')) out.push(`${prefix}${indent}${text}`);
  });
  return out;
}

/** A row with `│` at the start column of each label, up to (not including) column `limit`. */
function pointers(labels: LineLabel[], limit: number): string {
  const row: string[] = [];
  for (const label of labels) {
    if (label.start >= limit) continue;
    while (row.length < label.start) row.push(' ');
    row[label.start] = '│';
  }
  return row.join('');
}
