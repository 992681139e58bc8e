/**
 * Case conversion as VRL does it (the `convert_case` 0.7 crate): split the text into words on boundaries
 * between graphemes, re-case each word, join with the target case's delimiter. Characters that are not
 * boundaries (e.g. `.`) stay inside words.
 */
import {
  FunctionCompileError,
  optional,
  required,
  type ArgumentInfo,
  type FunctionDef,
} from '../../function.js';
import { K, Kind } from '../../../types/index.js';
import type { Value } from '../../../value/index.js';
import { enumArgument, staticArgument } from './args.js';
import { graphemes, text } from './text.js';

type Pred = (g: string | undefined) => boolean;

const isDigit: Pred = (g) => g !== undefined && /^[0-9]+$/.test(g);
const isUpper: Pred = (g) => g !== undefined && g.toUpperCase() !== g.toLowerCase() && g === g.toUpperCase();
const isLower: Pred = (g) => g !== undefined && g.toUpperCase() !== g.toLowerCase() && g === g.toLowerCase();

interface Boundary {
  readonly name: string;
  readonly test: (g: readonly string[], i: number) => boolean;
  /** Graphemes from `i` where the split happens, and how many are dropped (delimiters). */
  readonly start: number;
  readonly len: number;
}

function pair(a: Pred, b: Pred, name: string): Boundary {
  return { name, test: (g, i) => a(g[i]) && b(g[i + 1]), start: 1, len: 0 };
}

function delimiter(d: string, name: string): Boundary {
  return { name, test: (g, i) => g[i] === d, start: 0, len: 1 };
}

export const BOUNDARY = {
  space: delimiter(' ', 'space'),
  hyphen: delimiter('-', 'hyphen'),
  underscore: delimiter('_', 'underscore'),
  lower_upper: pair(isLower, isUpper, 'lower_upper'),
  upper_lower: pair(isUpper, isLower, 'upper_lower'),
  acronym: {
    name: 'acronym',
    test: (g: readonly string[], i: number) => isUpper(g[i]) && isUpper(g[i + 1]) && isLower(g[i + 2]),
    start: 1,
    len: 0,
  },
  lower_digit: pair(isLower, isDigit, 'lower_digit'),
  upper_digit: pair(isUpper, isDigit, 'upper_digit'),
  digit_lower: pair(isDigit, isLower, 'digit_lower'),
  digit_upper: pair(isDigit, isUpper, 'digit_upper'),
} satisfies Record<string, Boundary>;

const CAMEL_BOUNDARIES: readonly Boundary[] = [
  BOUNDARY.lower_upper,
  BOUNDARY.acronym,
  BOUNDARY.lower_digit,
  BOUNDARY.upper_digit,
  BOUNDARY.digit_lower,
  BOUNDARY.digit_upper,
];

const DEFAULT_BOUNDARIES: readonly Boundary[] = [
  BOUNDARY.space,
  BOUNDARY.hyphen,
  BOUNDARY.underscore,
  ...CAMEL_BOUNDARIES,
];

/** VRL's names for `original_case`, in VRL's order. */
export const CASE_VARIANTS = [
  'camelCase',
  'PascalCase',
  'SCREAMING_SNAKE',
  'snake_case',
  'kebab-case',
] as const;
export type CaseName = (typeof CASE_VARIANTS)[number];

/** Boundaries a string in this case is split on (`from_case`). */
function caseBoundaries(name: CaseName): readonly Boundary[] {
  switch (name) {
    case 'camelCase':
    case 'PascalCase':
      return CAMEL_BOUNDARIES;
    case 'snake_case':
    case 'SCREAMING_SNAKE':
      return [BOUNDARY.underscore];
    case 'kebab-case':
      return [BOUNDARY.hyphen];
  }
}

function splitWords(s: string, boundaries: readonly Boundary[]): string[] {
  if (s === '') return [];
  const g = graphemes(s);
  const words: string[] = [];
  let lastEnd = 0;
  for (let i = 0; i < g.length; i++) {
    for (const b of boundaries) {
      if (b.test(g, i)) {
        const start = Math.min(i + b.start, g.length);
        words.push(g.slice(lastEnd, start).join(''));
        lastEnd = Math.min(i + b.start + b.len, g.length);
        break;
      }
    }
  }
  words.push(g.slice(lastEnd).join(''));
  return words.filter((w) => w !== '');
}

function capital(word: string): string {
  const g = graphemes(word);
  if (g.length === 0) return '';
  return g[0]!.toUpperCase() + g.slice(1).join('').toLowerCase();
}

type Pattern = 'lower' | 'upper' | 'capital' | 'camel';

export interface TargetCase {
  readonly pattern: Pattern;
  readonly delimiter: string;
}

export const TARGET = {
  camel: { pattern: 'camel', delimiter: '' },
  pascal: { pattern: 'capital', delimiter: '' },
  snake: { pattern: 'lower', delimiter: '_' },
  kebab: { pattern: 'lower', delimiter: '-' },
  screamingSnake: { pattern: 'upper', delimiter: '_' },
} satisfies Record<string, TargetCase>;

export function convertCase(
  s: string,
  target: TargetCase,
  from: CaseName | undefined,
  excluded: readonly Boundary[] = [],
): string {
  const boundaries = (from ? caseBoundaries(from) : DEFAULT_BOUNDARIES).filter((b) => !excluded.includes(b));
  const words = splitWords(s, boundaries);
  const cased = words.map((w, i) => {
    switch (target.pattern) {
      case 'lower':
        return w.toLowerCase();
      case 'upper':
        return w.toUpperCase();
      case 'capital':
        return capital(w);
      case 'camel':
        return i === 0 ? w.toLowerCase() : capital(w);
    }
  });
  return cased.join(target.delimiter);
}

/** VRL's names for `excluded_boundaries`, in VRL's order (as listed in its error message). */
export const BOUNDARY_NAMES = [
  'lower_upper',
  'upper_lower',
  'acronym',
  'lower_digit',
  'upper_digit',
  'digit_lower',
  'digit_upper',
] as const;

/** Parse a static `excluded_boundaries` array. */
export function excludedBoundaries(args: readonly (ArgumentInfo | undefined)[], index: number): Boundary[] {
  const value = staticArgument(args, index, 'excluded_boundaries');
  if (value === undefined || value === null) return [];
  const items: Value[] = Array.isArray(value) ? value : [];
  return items.map((item) => {
    const name = typeof item === 'string' ? item : undefined;
    if (name === undefined || !(BOUNDARY_NAMES as readonly string[]).includes(name)) {
      if (typeof item !== 'string' && !(item instanceof Uint8Array)) {
        throw new FunctionCompileError(610, 'expected static string for excluded_boundaries', index);
      }
      throw new FunctionCompileError(610, `boundary must match one of: ${BOUNDARY_NAMES.join(', ')}`, index);
    }
    return BOUNDARY[name as (typeof BOUNDARY_NAMES)[number]];
  });
}

/** A casing function: `value`, `original_case` (and `excluded_boundaries` for snakecase). */
export function casingFunction(
  name: string,
  target: TargetCase,
  examples: FunctionDef['examples'],
  withExcludedBoundaries = false,
): FunctionDef {
  const parameters = [required('value', K.BYTES), optional('original_case', K.BYTES)];
  if (withExcludedBoundaries) parameters.push(optional('excluded_boundaries', K.ARRAY));
  return {
    name,
    parameters,
    examples,
    compile(args) {
      const from = enumArgument(args, 1, 'original_case', CASE_VARIANTS);
      const excluded = withExcludedBoundaries ? excludedBoundaries(args, 2) : [];
      return {
        kind: Kind.bytes(),
        fallible: false,
        pure: true,
        call: (value) => convertCase(text(value), target, from, excluded),
      };
    },
  };
}
