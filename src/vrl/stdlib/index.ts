/**
 * VRL's standard library: one file per function, grouped by folder; each folder's `index.ts` lists its
 * functions. Closure-taking and path-taking functions (`for_each`, `del`, `exists`, …) live in the
 * compiler, which needs to see their arguments as expressions.
 */
import type { FunctionDef } from './function.js';
import { functions as codec } from './codec/index.js';
import { functions as data } from './data/index.js';
import { functions as extra } from './extra/index.js';
import { functions as parse } from './parse/index.js';
import { functions as string } from './string/index.js';
import { functions as value } from './value/index.js';

export const STDLIB: readonly FunctionDef[] = [...string, ...codec, ...parse, ...data, ...value, ...extra];

export {
  defineFunction,
  FunctionCompileError,
  optional,
  required,
  type ArgumentInfo,
  type Call,
  type CompileContext,
  type EnrichmentTable,
  type FunctionDef,
  type FunctionExample,
  type FunctionImpl,
  type Parameter,
  type SimpleFunction,
} from './function.js';
