export { GROK_PATTERNS, isStandardPattern } from './patterns.js';
export {
  compileGrok,
  GrokError,
  type CompiledGrok,
  type GrokCompileOptions,
  type GrokConvert,
  type GrokDialect,
  type GrokField,
} from './compile.js';
export { grokMatch, parseGrok, parseGroks, type GrokObject, type GrokValue } from './match.js';
