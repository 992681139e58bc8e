/** The upstream VRL oracle (`@bpinternal/verel`), loaded once per test file. */
import { createRequire } from 'node:module';

interface Verel {
  execute(src: string, event: unknown): { event: unknown; result: unknown };
}

const verel = createRequire(import.meta.url)('@bpinternal/verel') as Verel;

export type OracleOutcome = { ok: true; result: unknown } | { ok: false; error: string };

/** Runs a program upstream; a runtime error comes back as its message (without the call-site prefix). */
export function runOracle(source: string, event: unknown = {}): OracleOutcome {
  try {
    return { ok: true, result: verel.execute(source, event).result };
  } catch (error) {
    const text = String((error as Error)?.message ?? error);
    const m = /function call error for "[^"]+" at \(\d+:\d+\): ([\s\S]*)$/.exec(text);
    return { ok: false, error: m ? m[1]!.trim() : text };
  }
}
