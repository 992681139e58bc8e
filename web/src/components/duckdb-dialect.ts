/**
 * A DuckDB-flavoured SQL dialect for CodeMirror: the keywords and types an analyst writes against
 * the lake, so completion stays short and column names like `message` are not painted as keywords.
 */
import { SQLDialect } from '@codemirror/lang-sql';

const KEYWORDS = [
  'select distinct on from where group by having order asc desc nulls first last limit offset',
  'union all intersect except with recursive as join inner left right full outer cross natural using on lateral',
  'and or not in is null true false like ilike glob similar to between case when then else end exists any some',
  'cast try_cast interval filter over partition window rows range unbounded preceding following current row',
  'qualify pivot unpivot sample tablesample values explain describe summarize show tables',
  'asof positional struct map list array unnest at time zone escape collate',
].join(' ');

const TYPES = [
  'boolean tinyint smallint integer int bigint hugeint utinyint usmallint uinteger ubigint float real double',
  'decimal numeric varchar text string blob bytea date time timestamp timestamptz uuid json',
].join(' ');

export const DuckDB = SQLDialect.define({
  keywords: KEYWORDS,
  types: TYPES,
  builtin: 'count sum avg min max coalesce now current_date current_timestamp',
  operatorChars: '*+-%<>!=&|~^/:',
  specialVar: '$?',
  doubleQuotedStrings: false,
  hashComments: false,
  slashComments: true,
  spaceAfterDashes: false,
  identifierQuotes: '"',
  caseInsensitiveIdentifiers: true,
});
