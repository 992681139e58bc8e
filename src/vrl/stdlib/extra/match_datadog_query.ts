import { FunctionCompileError, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { Value } from '../../value/index.js';
import { invalidArgument } from '../codec/util.js';
import { staticText } from './args.js';
import { SearchSyntaxError } from './datadog/grammar.js';
import { buildMatcher, InvalidFieldPath } from './datadog/matcher.js';
import { parseQuery, QueryBuildError, type QueryNode } from './datadog/node.js';

/** `match_datadog_query(value, query)`: does the object match a Datadog log search query? */
export const match_datadog_query: FunctionDef = {
  name: 'match_datadog_query',
  parameters: [required('value', K.OBJECT), required('query', K.BYTES)],
  compile(args) {
    const query = staticText(args, 1, 'query') ?? '';
    let node: QueryNode;
    try {
      node = parseQuery(query);
    } catch (e) {
      if (e instanceof SearchSyntaxError) {
        throw new FunctionCompileError(610, `function compilation error: error[E0] ${e.message}`, 1);
      }
      if (e instanceof QueryBuildError) throw new FunctionCompileError(610, e.message, 1);
      throw e;
    }
    let matcher;
    try {
      matcher = buildMatcher(node);
    } catch (e) {
      if (e instanceof InvalidFieldPath) throw invalidArgument(1, 'query', query, 'failed to build matcher');
      throw e;
    }
    return { kind: Kind.boolean(), fallible: false, pure: true, call: (value) => matcher(value as Value) };
  },
  examples: [
    {
      title: 'OR query',
      source: 'match_datadog_query({"message": "contains this and that"}, "this OR that")',
      result: 'true',
    },
    {
      title: 'AND query',
      source: 'match_datadog_query({"message": "contains only this"}, "this AND that")',
      result: 'false',
    },
    {
      title: 'Attribute wildcard',
      source: 'match_datadog_query({"name": "foobar"}, "@name:foo*")',
      result: 'true',
    },
    {
      title: 'Tag range',
      source: `match_datadog_query({"tags": ["a:x", "b:y", "c:z"]}, s'b:["x" TO "z"]')`,
      result: 'true',
    },
  ],
};
