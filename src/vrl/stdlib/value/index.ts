import type { FunctionDef } from '../function.js';

/** The value functions. */
export const functions: readonly FunctionDef[] = [];
