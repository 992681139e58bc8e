import type { FunctionDef } from '../function.js';

/** Less common functions: Datadog search queries, JSON Schema validation, IP address encryption. */
export const functions: readonly FunctionDef[] = [];
