/** The compiler's diagnostics, with VRL's codes, messages, labels and notes. */
import {
  Notes,
  Urls,
  context,
  errorDiagnostic,
  primary,
  type Diagnostic,
  type Span,
} from '../diagnostics/index.js';
import { K, type Kind } from '../types/index.js';
import { compareKeys } from '../value/index.js';

const NAMES: [number, string][] = [
  [K.BYTES, 'string'],
  [K.INTEGER, 'integer'],
  [K.FLOAT, 'float'],
  [K.BOOLEAN, 'boolean'],
  [K.TIMESTAMP, 'timestamp'],
  [K.REGEX, 'regex'],
  [K.NULL, 'null'],
  [K.UNDEFINED, 'undefined'],
  [K.ARRAY, 'array'],
  [K.OBJECT, 'object'],
];

const ANY_OR_UNDEFINED = K.ANY | K.UNDEFINED;

/** VRL's `Kind` display: `integer`, `string or null`, `string, integer or null`, `any` (every kind, undefined too). */
export function kindList(bits: number): string {
  if ((bits & ANY_OR_UNDEFINED) === ANY_OR_UNDEFINED) return 'any';
  const names = NAMES.filter(([b]) => bits & b).map(([, n]) => n);
  if (names.length === 0) return 'never';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * A kind as VRL displays it: a single array/object kind whose elements are all known is shown in
 * detail (`[integer, string]`, `{ a: integer }`), anything else by its names (`kindList`).
 */
export function kindText(kind: Kind | number): string {
  if (typeof kind === 'number') return kindList(kind);
  if (kind.bits === K.ARRAY && kind.array && kind.array.unknown === undefined && kind.array.known.size > 0) {
    const items = [...kind.array.known.entries()].sort((a, b) => a[0] - b[0]).map(([, k]) => kindText(k));
    return `[${items.join(', ')}]`;
  }
  if (
    kind.bits === K.OBJECT &&
    kind.object &&
    kind.object.unknown === undefined &&
    kind.object.known.size > 0
  ) {
    const keys = [...kind.object.known.keys()].sort(compareKeys);
    const fields = keys.map(
      (k) => `${/^[A-Za-z0-9_]+$/.test(k) ? k : JSON.stringify(k)}: ${kindText(kind.object!.known.get(k)!)}`,
    );
    return `{ ${fields.join(', ')} }`;
  }
  return kindList(kind.bits);
}

/** `any`, `the exact type string`, `one of string or null`. */
export function kindPhrase(kind: Kind | number): string {
  const bits = typeof kind === 'number' ? kind : kind.bits;
  if ((bits & ANY_OR_UNDEFINED) === ANY_OR_UNDEFINED) return 'any';
  const single = NAMES.filter(([b]) => bits & b).length === 1;
  return single ? `the exact type ${kindText(kind)}` : `one of ${kindList(bits)}`;
}

/** The kinds a value of this kind can have at runtime: a missing value reads as null. */
export function kindBits(kind: Kind): number {
  return (kind.bits & ~K.UNDEFINED) | (kind.bits & K.UNDEFINED ? K.NULL : 0);
}

export function unhandledError(span: Span, message = 'unhandled error'): Diagnostic {
  return errorDiagnostic(
    100,
    message,
    [
      primary('expression can result in runtime error', span),
      context('handle the error case to ensure runtime success', span),
    ],
    [Notes.seeErrorDocs()],
  );
}

/** What an E110 knew, for the richer E103 labels when an assignment's fallibility comes from it. */
export interface ArgumentContext {
  firstArgument: string;
  got: Kind;
  keyword: string;
  expected: number;
  functionIdent: string;
}

export const argumentContexts = new WeakMap<Diagnostic, ArgumentContext>();

export function fallibleAssignment(
  exprSpan: Span,
  targetSpan: Span,
  target: string,
  expression: string,
  ctx?: ArgumentContext,
): Diagnostic {
  const extra = ctx
    ? [
        primary(
          `\`${ctx.firstArgument}\` argument type is \`${kindText(ctx.got)}\` and this function expected a parameter \`${ctx.keyword}\` of type \`${kindList(ctx.expected)}\``,
          exprSpan,
        ),
        primary(
          `update the expression to be infallible by adding a \`!\`: \`${expression.split(ctx.functionIdent).join(`${ctx.functionIdent}!`)}\``,
          exprSpan,
        ),
      ]
    : [];
  return errorDiagnostic(
    103,
    'unhandled fallible assignment',
    [
      primary(
        "this expression is fallible because at least one argument's type cannot be verified to be valid",
        exprSpan,
      ),
      ...extra,
      context('or change this to an infallible assignment:', targetSpan),
      context(`${target}, err = ${expression}`, targetSpan),
    ],
    [
      Notes.seeErrorDocs(),
      'see functions characteristics documentation at https://vrl.dev/expressions/#function-call-characteristics',
    ],
  );
}

export function infallibleAssignment(
  errSpan: Span,
  exprSpan: Span,
  okSpan: Span,
  target: string,
  expr: string,
): Diagnostic {
  return errorDiagnostic(
    104,
    'unnecessary error assignment',
    [
      primary('this error assignment is unnecessary', errSpan),
      context("because this expression can't fail", exprSpan),
      context(`use: ${target} = ${expr}`, okSpan),
    ],
    [Notes.seeErrorDocs()],
  );
}

export function nonBooleanPredicate(span: Span, kind: Kind): Diagnostic {
  return errorDiagnostic(
    102,
    'non-boolean predicate',
    [
      primary('this predicate must resolve to a boolean', span),
      context(`instead it resolves to ${kindText(kind)}`, span),
    ],
    [coerceNote(), Notes.seeDocs('if expressions', Urls.expression('if'))],
  );
}

function coerceNote(): string {
  return 'hint: coerce the value to the required type using a coercion function';
}

export function undefinedFunction(span: Span, name: string, names: readonly string[]): Diagnostic {
  const labels = [primary('undefined function', span)];
  const guess = closest(name, names);
  if (guess !== undefined) labels.push(context(`did you mean "${guess}"?`, span));
  return errorDiagnostic(105, 'call to undefined function', labels);
}

export function undefinedVariable(span: Span, name: string, names: readonly string[]): Diagnostic {
  const labels = [primary('undefined variable', span)];
  const guess = closest(name, [...names, 'null', 'true', 'false']);
  if (guess !== undefined) labels.push(context(`did you mean "${guess}"?`, span));
  return errorDiagnostic(701, 'call to undefined variable', labels);
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best;
}

/** Damerau–Levenshtein (optimal string alignment), as upstream `levenstein.rs`. */
export function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const m = x.length + 1;
  const n = y.length + 1;
  const d: number[] = new Array(m * n).fill(0);
  const pos = (i: number, j: number) => j * m + i;
  for (let i = 1; i < m; i++) d[pos(i, 0)] = i;
  for (let j = 1; j < n; j++) d[pos(0, j)] = j;
  for (let j = 1; j < n; j++) {
    for (let i = 1; i < m; i++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[pos(i - 1, j)]! + 1, d[pos(i, j - 1)]! + 1, d[pos(i - 1, j - 1)]! + cost);
      if (j > 1 && i > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        v = Math.min(v, d[pos(i - 2, j - 2)]! + 1);
      d[pos(i, j)] = v;
    }
  }
  return d[m * n - 1]!;
}

export function wrongNumberOfArgs(span: Span, max: number): Diagnostic {
  return errorDiagnostic(
    106,
    'wrong number of function arguments',
    [
      primary('too many function arguments', span),
      context(`this function takes a maximum of ${max} ${max === 1 ? 'argument' : 'arguments'}`, span),
    ],
    [Notes.seeDocs('function arguments', Urls.expression('arguments'))],
  );
}

export function missingArgument(span: Span, keyword: string, position: number): Diagnostic {
  return errorDiagnostic(107, 'missing function argument', [
    primary(`required argument missing: "${keyword}" (position ${position})`, span),
  ]);
}

export function unknownKeyword(span: Span, identSpan: Span, keywords: readonly string[]): Diagnostic {
  return errorDiagnostic(108, 'unknown function argument keyword', [
    primary('unknown keyword', span),
    context(
      `this function accepts the following keywords: ${keywords.map((k) => `"${k}"`).join(', ')}`,
      identSpan,
    ),
  ]);
}

export function unexpectedClosure(closureSpan: Span, callSpan: Span): Diagnostic {
  return errorDiagnostic(109, 'unexpected closure', [
    primary('unexpected closure', closureSpan),
    context('this function does not accept a closure', callSpan),
  ]);
}

export function missingClosure(callSpan: Span, example?: string): Diagnostic {
  return errorDiagnostic(
    111,
    'missing closure',
    [primary('this function expects a closure', callSpan)],
    example ? [Notes.example(example)] : [],
  );
}

export function closureArity(
  identSpan: Span,
  varsSpan: Span,
  expected: number,
  supplied: number,
): Diagnostic {
  return errorDiagnostic(120, 'invalid closure arity', [
    primary(`this function requires a closure with ${expected} argument(s)`, identSpan),
    context(`but ${supplied} argument(s) are supplied`, varsSpan),
  ]);
}

export function invalidArgumentKind(
  span: Span,
  argumentSpan: Span,
  got: Kind,
  keyword: string,
  expected: number,
  argText: string,
  callText: string,
): Diagnostic {
  const notes: string[] = [];
  const guard = guardFor(expected);
  // Upstream prints an argument's expression without `!` on calls.
  argText = argText.replace(/([A-Za-z0-9_])!\(/g, '$1(');
  callText = callText.replace(
    /^([A-Za-z0-9_]+!?)\((.*)\)$/s,
    (_m, ident: string, args: string) => `${ident}(${args.replace(/([A-Za-z0-9_])!\(/g, '$1(')})`,
  );
  if (guard) {
    notes.push(
      'try: ensuring an appropriate type at runtime',
      ' ',
      `    ${argText} = ${guard[0]}(${argText})`,
      `    ${callText}`,
      ' ',
    );
    if (guard[1]) {
      notes.push(
        'try: coercing to an appropriate type and specifying a default value as a fallback in case coercion fails',
        ' ',
        `    ${argText} = ${guard[1].replace('$', argText)}`,
        `    ${callText}`,
        ' ',
      );
    }
  }
  if (guard) notes.push(Notes.seeErrorDocs());
  return errorDiagnostic(
    110,
    'invalid argument type',
    [
      primary(`this expression resolves to ${kindPhrase(got)}`, span),
      context(`but the parameter "${keyword}" expects ${kindPhrase(expected)}`, argumentSpan),
    ],
    notes,
  );
}

function guardFor(bits: number): [string, string | undefined] | undefined {
  switch (bits) {
    case K.BYTES:
      return ['string!', 'to_string($) ?? "default"'];
    case K.INTEGER:
      return ['int!', 'to_int($) ?? 0'];
    case K.FLOAT:
      return ['float!', 'to_float($) ?? 0'];
    case K.BOOLEAN:
      return ['bool!', 'to_bool($) ?? false'];
    case K.OBJECT:
      return ['object!', undefined];
    case K.ARRAY:
      return ['array!', undefined];
    case K.TIMESTAMP:
      return ['timestamp!', 'to_unix_timestamp($) ?? now()'];
    default:
      return undefined;
  }
}

export function fallibleArgument(span: Span): Diagnostic {
  return errorDiagnostic(
    630,
    'fallible argument',
    [
      primary('this expression can fail', span),
      context('handle the error before passing it in as an argument', span),
    ],
    [Notes.seeErrorDocs()],
  );
}

export function abortInfallible(identSpan: Span, bangSpan: Span): Diagnostic {
  return {
    severity: 'warning',
    code: 620,
    message: "can't abort infallible function",
    labels: [
      primary("this function can't fail", identSpan),
      context('remove this abort (!) instruction', bangSpan),
    ],
    notes: [Notes.seeErrorDocs()],
  };
}

export function unnecessaryCoalesce(lhs: Span, rhs: Span, op: Span): Diagnostic {
  return errorDiagnostic(651, 'unnecessary error coalescing operation', [
    primary("this expression can't fail", lhs),
    context('this expression never resolves', rhs),
    context('remove this error coalescing operation', op),
  ]);
}

export function mergeNonObjects(spans: Span[]): Diagnostic {
  return errorDiagnostic(
    652,
    'only objects can be merged',
    spans.map((s) => primary('this expression must resolve to an object', s)),
  );
}

export function chainedComparison(span: Span): Diagnostic {
  return errorDiagnostic(
    650,
    "comparison operators can't be chained together",
    [primary('', span)],
    [Notes.seeDocs('comparisons', Urls.expression('comparison'))],
  );
}

export function nonBooleanNegation(bangSpan: Span, exprSpan: Span, kind: Kind): Diagnostic {
  return errorDiagnostic(
    660,
    'non-boolean negation',
    [
      primary('negation only works on boolean values', bangSpan),
      context(`this expression resolves to ${kindText(kind)}`, exprSpan),
    ],
    [coerceNote(), Notes.seeDocs('type coercion', 'https://functions.vrl.dev/#coerce-functions')],
  );
}

export function nonStringAbortMessage(span: Span, kind: Kind): Diagnostic {
  // E113 in current VRL; the VRL of the oracle (0.25) still said E300.
  return errorDiagnostic(
    113,
    'non-string abort message',
    [
      primary('abort only accepts an expression argument resolving to a string', span),
      context(`this expression resolves to ${kindText(kind)}`, span),
    ],
    [coerceNote(), Notes.seeDocs('type coercion', 'https://functions.vrl.dev/#coerce-functions')],
  );
}

export function fallibleAbortMessage(span: Span, what: 'abort' | 'return' = 'abort'): Diagnostic {
  return errorDiagnostic(
    631,
    'unhandled fallible expression',
    [
      primary(`${what} only accepts an infallible expression argument`, span),
      context(
        what === 'abort'
          ? 'handle errors before using the expression as an abort message'
          : 'handle errors before using the expression as a return value',
        span,
      ),
    ],
    [Notes.seeErrorDocs()],
  );
}

const FUNCTION_ERRORS: Record<number, string> = {
  400: 'unexpected expression type',
  401: 'invalid enum variant',
  402: 'this argument must be a static expression',
  403: 'invalid argument',
  420: 'missing function closure',
};

/** A stdlib function's compile-time error, wrapped as VRL does: E610 naming the inner code. */
export function functionCompileError(code: number, message: string, span: Span, notes: string[]): Diagnostic {
  if (code === 610) return errorDiagnostic(610, message, [primary(message, span)], notes);
  const short = FUNCTION_ERRORS[code] ?? message;
  return errorDiagnostic(
    610,
    `function compilation error: error[E${code}] ${short}`,
    [primary(message, span)],
    [...notes, Notes.seeCodeDocs(code)],
  );
}

export function invalidRegex(span: Span, message: string, pattern: string): Diagnostic {
  const reason = message.replace(/ \(at offset \d+\)$/, '');
  return errorDiagnostic(
    101,
    'invalid regular expression',
    [primary(`regex parse error: ${reason}: ${pattern}`, span)],
    [Notes.seeDocs('regular expressions', Urls.expression('regular-expression'))],
  );
}

export function invalidTimestamp(span: Span, message: string): Diagnostic {
  const reason = message.includes('": ') ? message.slice(message.lastIndexOf('": ') + 3) : message;
  return errorDiagnostic(
    601,
    'invalid timestamp',
    [primary(`invalid timestamp format: ${reason}`, span)],
    [Notes.seeDocs('timestamps', Urls.expression('timestamp'))],
  );
}

export function unusedWarning(span: Span, message: string, label: string, note: string): Diagnostic {
  return { severity: 'warning', code: 900, message, labels: [primary(label, span)], notes: [note] };
}

/** E121. Upstream's text always says "an array or object", whatever the function expects. */
export function closureParameterMismatch(callSpan: Span, got: Kind, _expected: number): Diagnostic {
  return errorDiagnostic(121, 'type mismatch in closure parameter', [
    primary('the closure tied to this function call expects a different input value', callSpan),
    context(
      `expression has an inferred type of ${kindText(got)} where an array or object was expected`,
      callSpan,
    ),
  ]);
}
