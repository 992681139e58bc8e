import type { FunctionDef } from '../function.js';
import { basename } from './basename.js';
import { camelcase } from './camelcase.js';
import { contains } from './contains.js';
import { contains_all } from './contains_all.js';
import { dirname } from './dirname.js';
import { downcase } from './downcase.js';
import { ends_with } from './ends_with.js';
import { find } from './find.js';
import { format_int } from './format_int.js';
import { format_number } from './format_number.js';
import { join } from './join.js';
import { kebabcase } from './kebabcase.js';
import { match } from './match.js';
import { match_any } from './match_any.js';
import { match_array } from './match_array.js';
import { pascalcase } from './pascalcase.js';
import { redact } from './redact.js';
import { replace } from './replace.js';
import { screamingsnakecase } from './screamingsnakecase.js';
import { shannon_entropy } from './shannon_entropy.js';
import { sieve } from './sieve.js';
import { slice } from './slice.js';
import { snakecase } from './snakecase.js';
import { split } from './split.js';
import { split_path } from './split_path.js';
import { starts_with } from './starts_with.js';
import { strip_ansi_escape_codes } from './strip_ansi_escape_codes.js';
import { strip_whitespace } from './strip_whitespace.js';
import { strlen } from './strlen.js';
import { truncate } from './truncate.js';
import { upcase } from './upcase.js';

/** The string functions. */
export const functions: readonly FunctionDef[] = [
  basename,
  camelcase,
  contains,
  contains_all,
  dirname,
  downcase,
  ends_with,
  find,
  format_int,
  format_number,
  join,
  kebabcase,
  match,
  match_any,
  match_array,
  pascalcase,
  redact,
  replace,
  screamingsnakecase,
  shannon_entropy,
  sieve,
  slice,
  snakecase,
  split,
  split_path,
  starts_with,
  strip_ansi_escape_codes,
  strip_whitespace,
  strlen,
  truncate,
  upcase,
];
