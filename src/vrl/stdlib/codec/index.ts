import type { FunctionDef } from '../function.js';

/** The codec functions. */
export const functions: readonly FunctionDef[] = [];
