export { RegexSyntaxError } from './errors.js';
export { translateRustRegex, type TranslatedRegex, type TranslateOptions } from './translate.js';
export {
  compileRustRegex,
  clearRustRegexCache,
  rustRegexCacheSize,
  type CompiledRustRegex,
  type CompileOptions,
} from './compile.js';
