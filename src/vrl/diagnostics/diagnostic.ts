import type { Span } from './span.js';

export type Severity = 'bug' | 'error' | 'warning' | 'note';

/** A message attached to a span; primary labels render as `^^^`, secondary (context) ones as `---`. */
export interface Label {
  message: string;
  span: Span;
  primary: boolean;
}

/** One compiler/parser message, shaped like VRL's `Diagnostic { severity, code, message, labels, notes }`. */
export interface Diagnostic {
  severity: Severity;
  code: number;
  message: string;
  labels: Label[];
  /** Rendered as `= {note}` lines, in order. The formatter appends VRL's standard doc/REPL notes. */
  notes: string[];
}

export function primary(message: string, span: Span): Label {
  return { message, span, primary: true };
}

export function context(message: string, span: Span): Label {
  return { message, span, primary: false };
}

export function errorDiagnostic(
  code: number,
  message: string,
  labels: Label[],
  notes: string[] = [],
): Diagnostic {
  return { severity: 'error', code, message, labels, notes };
}

/** VRL's documentation addresses, used by the standard notes. */
export const Urls = {
  root: 'https://vrl.dev',
  examples: 'https://vrl.dev/examples',
  errorHandling: 'https://errors.vrl.dev/#handling',
  errorCode: (code: number) => `https://errors.vrl.dev/${code}`,
  expression: (anchor: string) => `https://vrl.dev/expressions/#${anchor}`,
} as const;

/** Note texts as VRL renders them (`src/diagnostic/note.rs`). */
export const Notes = {
  hint: (text: string) => `hint: ${text}`,
  example: (text: string) => `example: ${text}`,
  seeDocs: (kind: string, url: string) => `see documentation about ${kind} at ${url}`,
  seeErrorDocs: () => `see documentation about error handling at ${Urls.errorHandling}`,
  seeCodeDocs: (code: number) => `learn more about error code ${code} at ${Urls.errorCode(code)}`,
  seeLangDocs: () => `see language documentation at ${Urls.root}`,
  seeRepl: () => `try your code in the VRL REPL, learn more at ${Urls.examples}`,
} as const;

/**
 * The notes VRL appends to every rendered diagnostic: a link to the code's page (only codes 100–110 have
 * one), the language docs, and the REPL.
 */
export function standardNotes(code: number): string[] {
  const notes: string[] = [];
  if (code >= 100 && code <= 110) notes.push(Notes.seeCodeDocs(code));
  notes.push(Notes.seeLangDocs(), Notes.seeRepl());
  return notes;
}

/**
 * Diagnostics of a program that had `offset` characters of other text before it (a prelude, earlier
 * REPL lines), re-pointed into the program alone; labels inside the preceding text are dropped.
 */
export function shiftDiagnostics(diagnostics: readonly Diagnostic[], offset: number): Diagnostic[] {
  return diagnostics.map((d) => ({
    ...d,
    labels: d.labels
      .filter((l) => l.span.start >= offset)
      .map((l) => ({ ...l, span: { start: l.span.start - offset, end: l.span.end - offset } })),
  }));
}
