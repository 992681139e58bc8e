/**
 * Datadog's log search syntax, rule for rule as VRL's pest grammar (`datadog/search/grammar.pest`)
 * defines it, producing the same pairs tree (including its quirks: a term may not start with `AND`,
 * `OR`, `NOT` or `-`, and `UNICODE3000` is a literal word that ends a term).
 */
import { PegState, type Pair } from './peg.js';

export type Rule =
  | 'EOI'
  | 'LT'
  | 'LT_EQ'
  | 'GT'
  | 'GT_EQ'
  | 'LSQRBRACKET'
  | 'LBRACKET'
  | 'RSQRBRACKET'
  | 'RBRACKET'
  | 'STAR'
  | 'QUESTIONMARK'
  | 'AND'
  | 'OR'
  | 'NOT'
  | 'PLUS'
  | 'ESC_CHAR'
  | 'TERM'
  | 'TERM_PREFIX'
  | 'TERM_GLOB'
  | 'PHRASE'
  | 'NUMERIC_TERM'
  | 'queryroot'
  | 'query'
  | 'multitermlookahead'
  | 'multiterm'
  | 'modifiers'
  | 'conjunction'
  | 'clause'
  | 'matchall'
  | 'field'
  | 'value'
  | 'comparison'
  | 'operator'
  | 'range'
  | 'RANGE_VALUE';

/** Declaration order (pest sorts expected rules by it). */
export const RULE_ORDER: readonly Rule[] = [
  'EOI',
  'LT',
  'LT_EQ',
  'GT',
  'GT_EQ',
  'LSQRBRACKET',
  'LBRACKET',
  'RSQRBRACKET',
  'RBRACKET',
  'STAR',
  'QUESTIONMARK',
  'AND',
  'OR',
  'NOT',
  'PLUS',
  'ESC_CHAR',
  'TERM',
  'TERM_PREFIX',
  'TERM_GLOB',
  'PHRASE',
  'NUMERIC_TERM',
  'queryroot',
  'query',
  'multitermlookahead',
  'multiterm',
  'modifiers',
  'conjunction',
  'clause',
  'matchall',
  'field',
  'value',
  'comparison',
  'operator',
  'range',
  'RANGE_VALUE',
];

export type QueryPair = Pair<Rule>;

const isWhitespace = (c: string): boolean => c === ' ' || c === '\r' || c === '\n' || c === '\t';
const INVALID_SINGLE = new Set([
  ' ',
  '\r',
  '\n',
  '\t',
  '"',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '+',
  '-',
  '!',
  ':',
  '~',
  '^',
  '?',
  '*',
  '\\',
  '>',
  '=',
  '<',
]);

class Grammar extends PegState<Rule> {
  // --- tokens -------------------------------------------------------------------------------------
  LT = () => this.rule('LT', () => this.literal('<'));
  LT_EQ = () => this.rule('LT_EQ', () => this.literal('<='));
  GT = () => this.rule('GT', () => this.literal('>'));
  GT_EQ = () => this.rule('GT_EQ', () => this.literal('>='));
  LSQRBRACKET = () => this.rule('LSQRBRACKET', () => this.literal('['));
  LBRACKET = () => this.rule('LBRACKET', () => this.literal('{'));
  RSQRBRACKET = () => this.rule('RSQRBRACKET', () => this.literal(']'));
  RBRACKET = () => this.rule('RBRACKET', () => this.literal('}'));
  STAR = () => this.rule('STAR', () => this.literal('*'));
  QUESTIONMARK = () => this.rule('QUESTIONMARK', () => this.literal('?'));
  AND = () => this.rule('AND', () => this.literal('AND') || this.literal('&&'));
  OR = () => this.rule('OR', () => this.literal('OR') || this.literal('||'));
  NOT = () => this.rule('NOT', () => this.literal('NOT') || this.literal('-'));
  PLUS = () => this.rule('PLUS', () => this.literal('+'));
  ESC_CHAR = () =>
    this.rule('ESC_CHAR', () =>
      this.withAtomicity('atomic', () =>
        this.seq(
          () => this.literal('\\'),
          () => this.any(),
        ),
      ),
    );
  private WHITESPACE = () =>
    this.withAtomicity('atomic', () => this.at() !== undefined && isWhitespace(this.at()!) && this.any());
  private COLON = () => this.literal(':');

  private INVALID_TERM_STARTS = () => {
    const c = this.at();
    if (c === undefined) return false;
    if (INVALID_SINGLE.has(c)) return this.any();
    return this.literal('UNICODE3000');
  };
  private TERM_START_CHAR = () =>
    this.choice(this.ESC_CHAR, () =>
      this.seq(
        () => this.lookahead(false, this.INVALID_TERM_STARTS),
        () => this.any(),
      ),
    );
  private TERM_END_CHAR = () =>
    this.choice(this.WHITESPACE, () => this.literal(')'), this.RSQRBRACKET, this.RBRACKET, this.EOI);
  private TERM_CHAR = () =>
    this.choice(
      this.TERM_START_CHAR,
      () => this.literal('-'),
      () => this.literal('+'),
      () => this.literal('='),
    );
  private TERM_START_CHAR_GLOB = () => this.choice(this.TERM_START_CHAR, this.STAR, this.QUESTIONMARK);
  private TERM_CHAR_GLOB = () => this.choice(this.TERM_CHAR, this.STAR, this.QUESTIONMARK);

  EOI = () => this.rule('EOI', () => this.endOfInput());

  TERM = () =>
    this.rule('TERM', () =>
      this.withAtomicity('atomic', () =>
        this.seq(
          () => this.lookahead(false, () => this.choice(this.AND, this.OR, this.NOT)),
          this.TERM_START_CHAR,
          () => this.repeat(this.TERM_CHAR),
        ),
      ),
    );
  TERM_PREFIX = () =>
    this.rule('TERM_PREFIX', () =>
      this.withAtomicity('atomic', () =>
        this.seq(
          this.TERM_START_CHAR,
          () => this.repeat(this.TERM_CHAR),
          this.STAR,
          () => this.lookahead(true, this.TERM_END_CHAR),
        ),
      ),
    );
  TERM_GLOB = () =>
    this.rule('TERM_GLOB', () =>
      this.withAtomicity('atomic', () =>
        this.seq(
          this.TERM_START_CHAR_GLOB,
          () => this.repeat(this.TERM_CHAR_GLOB),
          () => this.lookahead(true, this.TERM_END_CHAR),
        ),
      ),
    );
  PHRASE = () =>
    this.rule('PHRASE', () =>
      this.withAtomicity('atomic', () =>
        this.seq(
          () => this.literal('"'),
          () =>
            this.repeat(() =>
              this.choice(this.ESC_CHAR, () =>
                this.seq(
                  () => this.lookahead(false, () => this.literal('"')),
                  () => this.any(),
                ),
              ),
            ),
          () => this.literal('"'),
        ),
      ),
    );

  private digits = () =>
    this.repeat1(() => this.at() !== undefined && /^[0-9]$/.test(this.at()!) && this.any());
  private NUM_VALUE = () =>
    this.seq(
      () => this.optional(() => this.literal('-') || this.literal('\\-')),
      this.digits,
      () => this.optional(() => this.seq(() => this.literal('.'), this.digits)),
    );
  NUMERIC_TERM = () =>
    this.rule('NUMERIC_TERM', () =>
      this.withAtomicity('compound', () =>
        this.seq(this.NUM_VALUE, () =>
          this.optional(() => this.seq(() => this.literal('E'), this.NUM_VALUE)),
        ),
      ),
    );

  // --- structure ----------------------------------------------------------------------------------
  queryroot = () => this.rule('queryroot', () => this.seq(this.query, this.EOI));

  query = (): boolean =>
    this.rule('query', () =>
      this.seq(
        () => this.choice(this.multiterm, () => this.seq(() => this.optional(this.modifiers), this.clause)),
        () =>
          this.repeat(() =>
            this.choice(this.multiterm, () =>
              this.seq(
                () => this.optional(this.conjunction),
                () => this.optional(this.modifiers),
                this.clause,
              ),
            ),
          ),
      ),
    );

  multitermlookahead = () =>
    this.rule('multitermlookahead', () =>
      this.withAtomicity('atomic', () =>
        this.seq(this.TERM, () =>
          this.lookahead(false, () =>
            this.choice(this.COLON, this.STAR, () =>
              this.seq(
                () => this.repeat1(this.WHITESPACE),
                () => this.choice(this.AND, this.OR),
              ),
            ),
          ),
        ),
      ),
    );
  multiterm = () =>
    this.rule('multiterm', () =>
      this.repeat1(() => this.seq(() => this.lookahead(true, this.multitermlookahead), this.TERM)),
    );
  modifiers = () => this.rule('modifiers', () => this.choice(this.PLUS, this.NOT));
  conjunction = () => this.rule('conjunction', () => this.choice(this.AND, this.OR));
  clause = (): boolean =>
    this.rule('clause', () =>
      this.choice(
        this.matchall,
        () => this.seq(() => this.optional(this.field), this.value),
        () =>
          this.seq(
            () => this.optional(this.field),
            () => this.literal('('),
            this.query,
            () => this.literal(')'),
          ),
      ),
    );
  matchall = () =>
    this.rule('matchall', () =>
      this.withAtomicity('atomic', () => this.seq(this.STAR, this.COLON, this.STAR)),
    );
  field = () =>
    this.rule('field', () => this.withAtomicity('compound', () => this.seq(this.TERM, this.COLON)));
  value = () =>
    this.rule('value', () =>
      this.withAtomicity('compound', () =>
        this.choice(
          () => this.seq(this.STAR, () => this.lookahead(true, this.TERM_END_CHAR)),
          this.PHRASE,
          this.TERM_PREFIX,
          this.comparison,
          this.range,
          () => this.seq(this.TERM, () => this.lookahead(true, this.TERM_END_CHAR)),
          this.TERM_GLOB,
        ),
      ),
    );
  comparison = () =>
    this.rule('comparison', () => this.seq(this.operator, () => this.choice(this.NUMERIC_TERM, this.TERM)));
  operator = () => this.rule('operator', () => this.choice(this.GT_EQ, this.LT_EQ, this.GT, this.LT));
  range = () =>
    this.rule('range', () =>
      this.withAtomicity('non', () =>
        this.seq(
          () => this.choice(this.LSQRBRACKET, this.LBRACKET),
          this.RANGE_VALUE,
          () => this.literal('TO'),
          this.RANGE_VALUE,
          () => this.choice(this.RSQRBRACKET, this.RBRACKET),
        ),
      ),
    );
  RANGE_VALUE = () =>
    this.rule('RANGE_VALUE', () =>
      this.withAtomicity('atomic', () =>
        this.repeat1(() =>
          this.seq(
            () => this.lookahead(false, () => this.choice(this.WHITESPACE, this.RSQRBRACKET, this.RBRACKET)),
            () => this.any(),
          ),
        ),
      ),
    );
}

/** Parse failure, rendered as pest renders its errors. */
export class SearchSyntaxError extends Error {
  override readonly name = 'SearchSyntaxError';
}

/** Parse `queryroot`; returns its pairs tree (the `queryroot` pair) or throws `SearchSyntaxError`. */
export function parseQueryRoot(chars: readonly string[]): QueryPair {
  const g = new Grammar(chars, isWhitespace);
  if (g.queryroot()) return g.pairs[0]!;
  throw new SearchSyntaxError(formatPestError(chars, g.attemptPos, g.posAttempts, g.negAttempts));
}

function enumerate(rules: readonly Rule[]): string {
  const sorted = [...new Set(rules)].sort((a, b) => RULE_ORDER.indexOf(a) - RULE_ORDER.indexOf(b));
  if (sorted.length === 1) return sorted[0]!;
  if (sorted.length === 2) return `${sorted[0]} or ${sorted[1]}`;
  return `${sorted.slice(0, -1).join(', ')}, or ${sorted[sorted.length - 1]}`;
}

function formatPestError(
  chars: readonly string[],
  pos: number,
  positives: Rule[],
  negatives: Rule[],
): string {
  let message: string;
  if (positives.length === 0 && negatives.length === 0) message = 'unknown parsing error';
  else if (negatives.length === 0) message = `expected ${enumerate(positives)}`;
  else if (positives.length === 0) message = `unexpected ${enumerate(negatives)}`;
  else message = `unexpected ${enumerate(negatives)}; expected ${enumerate(positives)}`;

  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < chars.length; i++) {
    if (chars[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  const col = pos - lineStart + 1;
  let lineEnd = lineStart;
  while (lineEnd < chars.length && chars[lineEnd] !== '\n') lineEnd++;
  const rawLine = chars.slice(lineStart, Math.min(lineEnd + 1, chars.length)).join('');
  const atNewline = chars[pos] === '\n' || chars[pos] === '\r';
  const shown = atNewline ? rawLine.replace(/\r/g, '␍').replace(/\n/g, '␊') : rawLine.replace(/[\r\n]/g, '');
  const underline =
    [...shown]
      .slice(0, col - 1)
      .map((c) => (c === '\t' ? '\t' : ' '))
      .join('') + '^---';
  const spacing = ' '.repeat(String(line).length);
  return `${spacing}--> ${line}:${col}\n${spacing} |\n${line} | ${shown}\n${spacing} | ${underline}\n${spacing} |\n${spacing} = ${message}`;
}
