/** `schema/conform`: conform decoded/transformed JSON objects to a bound Iceberg schema. */
export { createConformer } from './conformer.js';
export type { Conformer, ConformResult, ConformWarning } from './types.js';
