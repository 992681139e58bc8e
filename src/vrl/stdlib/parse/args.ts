/** Argument helpers for the parse functions: the stdlib's shared ones (`../args.ts`). */
export { constantOf, displayValue, expectedStatic, invalidArgument, staticEnum, textOf } from '../args.js';
