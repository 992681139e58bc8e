/**
 * Differential test: every program in `oracle-programs.ts` goes through our compiler and through
 * upstream VRL compiled to WebAssembly (`@bpinternal/verel`); diagnostics codes, results, final events
 * and runtime error messages must agree.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseVrlJson, toVrlJson, type Value } from '../value/index.js';
import { compileVrl, VrlCompileError } from './index.js';
import { ORACLE_EVENT, ORACLE_PROGRAMS } from './test-helpers/oracle-programs.js';
import { TEST_FUNCTIONS } from './test-helpers/test-functions.js';

interface OracleDiagnostic {
  code: number;
  message: string;
  labels: { message: string; primary: boolean; span: [number, number] }[];
  notes?: { message: string; note_type: string }[];
}

/** An oracle note as VRL renders it (`src/diagnostic/note.rs`). */
function noteText(note: { message: string; note_type: string }): string {
  switch (note.note_type) {
    case 'SeeErrorDocs':
      return 'see documentation about error handling at https://errors.vrl.dev/#handling';
    case 'CoerceValue':
      return 'hint: coerce the value to the required type using a coercion function';
    case 'SeeDocs': {
      const i = note.message.lastIndexOf(' ');
      return `see documentation about ${note.message.slice(0, i)} at ${note.message.slice(i + 1)}`;
    }
    case 'SeeCodeDocs':
      return `learn more about error code ${note.message} at https://errors.vrl.dev/${note.message}`;
    case 'SeeFunctionCharacteristicsDocs':
      return 'see functions characteristics documentation at https://vrl.dev/expressions/#function-call-characteristics';
    case 'Example':
      return `example: ${note.message}`;
    case 'Hint':
      return `hint: ${note.message}`;
    default:
      return note.message;
  }
}
interface OracleCheck {
  errors: OracleDiagnostic[];
  warnings: OracleDiagnostic[];
}
interface Oracle {
  check(src: string): OracleCheck;
  execute(src: string, event: unknown): { event: unknown; result: unknown };
}
const verel = createRequire(import.meta.url)('@bpinternal/verel') as Oracle;

type Outcome =
  | { kind: 'compile'; codes: number[] }
  | { kind: 'ok'; result: unknown; event: unknown; warnings: number[] }
  | { kind: 'error'; message: string };

/** What the oracle's error text holds after its `Termination;` prefix. */
function oracleMessage(e: unknown): string {
  const text = String(e instanceof Error ? e.message : e);
  return text.replace(/^Termination;\s*/, '').trim();
}

function plain(value: Value): unknown {
  return JSON.parse(toVrlJson(value));
}

/**
 * Codes that current VRL (0.35, what Vector runs today) gives differently from the oracle's older VRL:
 * a non-string `abort` message became E113 (upstream corpus `diagnostics/abort_with_non_string_message`).
 */
function currentCode(code: number): number {
  return code === 300 ? 113 : code;
}

function oracle(src: string, input: unknown): Outcome {
  const check = verel.check(src);
  if (check.errors.length > 0)
    return { kind: 'compile', codes: check.errors.map((e) => currentCode(e.code)) };
  try {
    const out = verel.execute(src, structuredClone(input));
    return {
      kind: 'ok',
      result: JSON.parse(JSON.stringify(out.result ?? null)),
      event: JSON.parse(JSON.stringify(out.event ?? null)),
      warnings: check.warnings.map((w) => w.code).filter((c) => c !== 900),
    };
  } catch (e) {
    return { kind: 'error', message: oracleMessage(e) };
  }
}

function ours(src: string, input: unknown): Outcome {
  let program;
  try {
    program = compileVrl(src, { functions: TEST_FUNCTIONS });
  } catch (e) {
    if (e instanceof VrlCompileError) return { kind: 'compile', codes: e.diagnostics.map((d) => d.code) };
    throw e;
  }
  const event = parseVrlJson(JSON.stringify(input));
  const out = program.run(event, { metadata: {} });
  if (!out.ok) return { kind: 'error', message: out.error.message };
  return {
    kind: 'ok',
    result: plain(out.value),
    event: plain(out.event),
    warnings: program.warnings.map((w) => w.code).filter((c) => c !== 900),
  };
}

describe('VRL oracle differential', () => {
  it('has at least 200 programs', () => {
    expect(ORACLE_PROGRAMS.length).toBeGreaterThanOrEqual(200);
  });

  for (const { src, input } of ORACLE_PROGRAMS) {
    it(src.replace(/\n/g, '; '), () => {
      const event = input ?? ORACLE_EVENT;
      expect(ours(src, event)).toEqual(oracle(src, event));
    });
  }
});

/** For programs that fail to compile: message, labels (text, primary, span) and notes must match too. */
describe('VRL oracle diagnostics (message and labels)', () => {
  for (const { src } of ORACLE_PROGRAMS) {
    const check = verel.check(src);
    if (check.errors.length === 0) continue;
    it(src.replace(/\n/g, '; '), () => {
      let got: unknown[] = [];
      try {
        compileVrl(src, { functions: TEST_FUNCTIONS });
      } catch (e) {
        if (!(e instanceof VrlCompileError)) throw e;
        got = e.diagnostics.map((d) => ({
          code: d.code,
          message: d.message,
          labels: d.labels.map((l) => ({
            message: l.message,
            primary: l.primary,
            span: [l.span.start, l.span.end],
          })),
          notes: d.notes,
        }));
      }
      const want = check.errors.map((d) => ({
        code: currentCode(d.code),
        message: d.message,
        labels: d.labels.map((l) => ({ message: l.message, primary: l.primary, span: l.span })),
        notes: (d.notes ?? []).map(noteText),
      }));
      expect(got).toEqual(want);
    });
  }
});
