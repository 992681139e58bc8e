import type { FunctionDef } from '../function.js';

/** The string functions. */
export const functions: readonly FunctionDef[] = [];
