/** Shared helpers for the compiler's tests. */
import { parseVrlJson, toVrlJson, type Value } from '../../value/index.js';
import { compileVrl, VrlCompileError, type CompileOptions } from '../index.js';
import { TEST_FUNCTIONS } from './test-functions.js';

export function compile(src: string, options: CompileOptions = {}) {
  return compileVrl(src, { functions: TEST_FUNCTIONS, ...options });
}

/** Runs `src` on the event (JSON text or a VRL value) and returns the result as VRL JSON text. */
export function run(src: string, event: string | Value = '{}', options: CompileOptions = {}): string {
  const input = typeof event === 'string' ? parseVrlJson(event) : event;
  const out = compile(src, options).run(input, { metadata: {} });
  if (!out.ok) throw new Error(`runtime error: ${out.error.message}`);
  return toVrlJson(out.value);
}

/** Runs `src` and returns the final event as VRL JSON text. */
export function runEvent(src: string, event = '{}'): string {
  const out = compile(src).run(parseVrlJson(event), { metadata: {} });
  if (!out.ok) throw new Error(`runtime error: ${out.error.message}`);
  return toVrlJson(out.event);
}

/** The runtime error of `src` (`{ message, abort }`). */
export function runError(src: string, event = '{}'): { message: string; abort?: boolean } {
  const out = compile(src).run(parseVrlJson(event), { metadata: {} });
  if (out.ok) throw new Error(`expected a runtime error, got ${toVrlJson(out.value)}`);
  return out.error;
}

/** The compile diagnostics' codes of `src` (empty when it compiles). */
export function codes(src: string, options: CompileOptions = {}): number[] {
  try {
    compile(src, options);
    return [];
  } catch (e) {
    if (e instanceof VrlCompileError) return e.diagnostics.map((d) => d.code);
    throw e;
  }
}

export function diagnostics(src: string, options: CompileOptions = {}) {
  try {
    compile(src, options);
    return [];
  } catch (e) {
    if (e instanceof VrlCompileError) return e.diagnostics;
    throw e;
  }
}
