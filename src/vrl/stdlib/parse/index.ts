import type { FunctionDef } from '../function.js';

/** The parse functions. */
export const functions: readonly FunctionDef[] = [];
