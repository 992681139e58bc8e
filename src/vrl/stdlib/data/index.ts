import type { FunctionDef } from '../function.js';

/** The data functions. */
export const functions: readonly FunctionDef[] = [];
