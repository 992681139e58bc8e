/**
 * Fallibility against upstream: each example call with literal arguments is type-checked by the oracle
 * without `!` (an unhandled-error diagnostic, E100, means the call is fallible) and compared with what
 * our definition reports for the same argument kinds.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse, type Expr, type Node } from '../../parser/index.js';
import type { ArgumentInfo } from '../function.js';
import { functions } from './index.js';
import { runExample, TEST_CONTEXT } from './test-helpers/run-example.js';
import { kindOfValue } from './util/kinds.js';

const verel = createRequire(import.meta.url)('@bpinternal/verel') as {
  check(src: string): { errors: { code: number }[] };
};

function isLiteral(expr: Expr): boolean {
  switch (expr.kind) {
    case 'literal':
      return true;
    case 'array':
      return expr.elements.every((e) => isLiteral(e.node));
    case 'object':
      return expr.entries.every((e) => isLiteral(e.value.node));
    default:
      return false;
  }
}

interface Case {
  name: string;
  source: string;
  args: { keyword?: string; source: string }[];
}

const cases: Case[] = [];
for (const def of functions) {
  for (const example of def.examples ?? []) {
    let program;
    try {
      program = parse(example.source);
    } catch {
      continue;
    }
    if (program.expressions.length !== 1) continue;
    const node: Node<Expr> = program.expressions[0]!;
    if (node.node.kind !== 'functionCall' || node.node.call.ident.node !== def.name) continue;
    const call = node.node.call;
    if (!call.arguments.every((a) => isLiteral(a.node.expr.node))) continue;
    const args = call.arguments.map((a) => ({
      keyword: a.node.name?.node,
      source: example.source.slice(a.node.expr.span.start, a.node.expr.span.end),
    }));
    const text = `${def.name}(${args.map((a) => (a.keyword ? `${a.keyword}: ${a.source}` : a.source)).join(', ')})`;
    if (!cases.some((c) => c.source === text)) cases.push({ name: def.name, source: text, args });
  }
}

describe('fallibility matches upstream for literal arguments', () => {
  for (const c of cases) {
    it(c.source, () => {
      const errors = verel.check(c.source).errors.map((e) => e.code);
      if (errors.some((code) => code === 105 || code === 108)) return; // not in the oracle's VRL
      const upstreamFallible = errors.includes(100);
      const def = functions.find((f) => f.name === c.name)!;
      const infos: (ArgumentInfo | undefined)[] = def.parameters.map(() => undefined);
      let position = 0;
      for (const arg of c.args) {
        const index = arg.keyword ? def.parameters.findIndex((p) => p.keyword === arg.keyword) : position++;
        const value = runExample(arg.source, functions);
        infos[index] = { kind: kindOfValue(value), constant: { value }, span: { start: 0, end: 0 } };
      }
      expect(def.compile(infos, TEST_CONTEXT).fallible).toBe(upstreamFallible);
    });
  }
});
