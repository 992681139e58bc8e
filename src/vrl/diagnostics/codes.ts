/**
 * Stable VRL diagnostic codes, numbered exactly as upstream VRL (`src/compiler/codes.rs`).
 *
 * Each code is rendered as `E{code:03}` and documented at https://errors.vrl.dev/{code}.
 * Never renumber and never reuse a code: programs, docs and golden tests refer to these numbers.
 */

/** Expression, assignment and function-call errors (100–). */
export const ExprCode = {
  /** E100: an expression that can fail is not handled (`!`, `??` or `ok, err =`). */
  FallibleExpression: 100,
  /** E101: a regex literal does not compile. */
  InvalidRegex: 101,
  /** E102: an `if` predicate does not resolve to a boolean. */
  NonBooleanPredicate: 102,
  /** E103: a fallible expression is assigned without handling its error. */
  FallibleAssignment: 103,
  /** E104: `ok, err =` used on an expression that cannot fail. */
  InfallibleAssignment: 104,
  /** E105: call to a function that does not exist. */
  UndefinedFunction: 105,
  /** E106: too many arguments for the function. */
  WrongNumberOfArgs: 106,
  /** E107: a required argument is missing. */
  MissingArgument: 107,
  /** E108: a named argument's keyword is not a parameter of the function. */
  UnknownKeyword: 108,
  /** E109: a closure was given to a function that takes none. */
  UnexpectedClosure: 109,
  /** E110: an argument's type is not accepted by the parameter. */
  InvalidArgumentKind: 110,
  /** E111: the function requires a closure and none was given. */
  MissingClosure: 111,
  /** E112: a grok pattern does not compile. */
  InvalidGrokPattern: 112,
  /** E113: `abort` message does not resolve to a string. */
  NonStringAbortMessage: 113,
  /** E114: the type of an expression is not available. */
  ExpressionTypeUnavailable: 114,
  /** E120: a closure declares the wrong number of parameters. */
  ClosureArityMismatch: 120,
  /** E121: a closure parameter has the wrong type. */
  ClosureParameterTypeMismatch: 121,
  /** E122: a closure returns the wrong type. */
  ReturnTypeMismatch: 122,
} as const;

/** Lexer and parser errors (200–). */
export const ParserCode = {
  /** E200: a character that starts no token. */
  InvalidToken: 200,
  /** E201: a token after the end of a complete program. */
  ExtraToken: 201,
  /** E202: an error raised inside the grammar (user error). */
  User: 202,
  /** E203: syntax error, an unexpected token. */
  UnrecognizedToken: 203,
  /** E204: the program ended while more input was expected. */
  UnrecognizedEof: 204,
  /** E205: an identifier that is reserved for future use (`array`, `for`, `while`, …). */
  ReservedKeyword: 205,
  /** E206: a numeric literal that does not fit (e.g. integer overflow). */
  NumericLiteral: 206,
  /** E207: an unterminated string literal `"…`. */
  StringLiteral: 207,
  /** E208: an unterminated `s'…'`, `r'…'` or `t'…'` literal. */
  Literal: 208,
  /** E209: an unknown escape sequence in a string literal. */
  EscapeChar: 209,
  /** E210: an unexpected internal parse failure. */
  UnexpectedParse: 210,
  /** E211: a malformed `\u{…}` escape. */
  UnicodeEscape: 211,
} as const;

/** Value and runtime operation errors (300–). */
export const ValueCode = {
  ExpectedType: 300,
  Coerce: 301,
  Remainder: 302,
  Multiply: 303,
  Divide: 304,
  DivideByZero: 305,
  NanFloat: 306,
  Add: 307,
  Subtract: 308,
  Or: 309,
  And: 310,
  GreaterThan: 311,
  GreaterThanOrEqual: 312,
  LessThan: 313,
  LessThanOrEqual: 314,
  /** E315: mutation of a read-only value. */
  ReadOnlyMutation: 315,
  OutOfRange: 316,
} as const;

/** Function-argument compilation errors (400–). */
export const FunctionCode = {
  UnexpectedExpression: 400,
  InvalidEnumVariant: 401,
  /** E402: the argument must be a literal/static expression. */
  ExpectedStaticExpression: 402,
  InvalidArgument: 403,
  ExpectedFunctionClosure: 420,
} as const;

/** Compiler and type-checking errors (600–). */
export const CompilerCode = {
  /** E601: a `t'…'` literal is not a valid RFC 3339 timestamp. */
  InvalidTimestamp: 601,
  /** E602: a float literal is NaN. */
  NanFloatLiteral: 602,
  /** E610: a function's own `compile` step failed. */
  FunctionCompilation: 610,
  /** E620: `!` used on a function that cannot fail. */
  AbortInfallible: 620,
  /** E630: a fallible expression passed as a function argument. */
  FallibleArgument: 630,
  /** E631: a fallible expression where only infallible ones are allowed (abort/return message). */
  FallibleExpr: 631,
  /** E640: an expression with no effect, e.g. assigning to `_` something infallible. */
  UnnecessaryNoop: 640,
  /** E641: an invalid assignment target. */
  InvalidTarget: 641,
  /** E642: assignment through a parent path segment of the wrong type. */
  InvalidParentPathSegment: 642,
  /** E650: comparison operators chained, e.g. `1 < 2 < 3`. */
  ChainedComparison: 650,
  /** E651: `??` on an expression that cannot fail. */
  UnnecessaryCoalesce: 651,
  /** E652: `|` / `|=` on values that are not objects. */
  MergeNonObjects: 652,
  /** E660: `!` applied to a non-boolean. */
  NonBooleanNot: 660,
} as const;

/** Variable errors (700–). */
export const VariableCode = {
  /** E701: read of a variable that was never assigned. */
  UndefinedVariable: 701,
} as const;

/** Warnings (800–). */
export const WarningCode = {
  Deprecation: 801,
  UnusedCode: 900,
} as const;

/** Every code, for uniqueness checks and docs. */
export const ALL_CODES: readonly number[] = [
  ExprCode,
  ParserCode,
  ValueCode,
  FunctionCode,
  CompilerCode,
  VariableCode,
  WarningCode,
].flatMap((group) => Object.values(group));

/** `E203` for 203. */
export function formatCode(code: number): string {
  return `E${String(code).padStart(3, '0')}`;
}
