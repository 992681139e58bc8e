/**
 * Compact S-expression rendering of the AST, for tests and debugging: `.a = (+ 1 2)` prints as
 * `(= .a (+ 1 2))`. Spans are omitted. Floats always show a fraction (`1.0`) to tell them from integers.
 */
import type * as Ast from './ast.js';

export function toSExpr(program: Ast.Program | Ast.Node<Ast.Expr>): string {
  if ('expressions' in program) return program.expressions.map((e) => expr(e.node)).join('\n');
  return expr(program.node);
}

function expr(e: Ast.Expr): string {
  switch (e.kind) {
    case 'literal':
      return literal(e.literal);
    case 'group':
      return `(group ${expr(e.expr.node)})`;
    case 'block':
      return block(e.block);
    case 'array':
      return `[${e.elements.map((x) => expr(x.node)).join(', ')}]`;
    case 'object':
      return `{${e.entries.map((x) => `${JSON.stringify(x.key.node)}: ${expr(x.value.node)}`).join(', ')}}`;
    case 'if': {
      const { predicate, consequent, alternative } = e.statement;
      const p =
        predicate.node.kind === 'one'
          ? expr(predicate.node.expr.node)
          : `(many ${predicate.node.exprs.map((x) => expr(x.node)).join(' ')})`;
      return `(if ${p} ${block(consequent.node)}${alternative ? ` else ${block(alternative.node)}` : ''})`;
    }
    case 'op':
      return `(${e.opcode.node} ${expr(e.lhs.node)} ${expr(e.rhs.node)})`;
    case 'assignment': {
      const { op, target, err, expr: value } = e.assignment;
      const t = err ? `(${assignTarget(target.node)} ${assignTarget(err.node)})` : assignTarget(target.node);
      return `(${op} ${t} ${expr(value.node)})`;
    }
    case 'query':
      return query(e.query);
    case 'functionCall':
      return call(e.call);
    case 'variable':
      return e.name;
    case 'not':
      return `(! ${expr(e.expr.node)})`;
    case 'abort':
      return e.message ? `(abort ${expr(e.message.node)})` : '(abort)';
    case 'return':
      return `(return ${expr(e.expr.node)})`;
  }
}

function literal(l: Ast.Literal): string {
  switch (l.kind) {
    case 'string':
      if (l.segments.every((s) => s.kind === 'literal'))
        return JSON.stringify(l.segments.map((s) => s.value).join(''));
      return `(template ${l.segments.map((s) => (s.kind === 'literal' ? JSON.stringify(s.value) : `{${s.name}}`)).join(' ')})`;
    case 'rawString':
      return `s'${l.value}'`;
    case 'integer':
      return String(l.value);
    case 'float':
      return Number.isInteger(l.value) ? l.value.toFixed(1) : String(l.value);
    case 'boolean':
      return String(l.value);
    case 'null':
      return 'null';
    case 'regex':
      return `r'${l.pattern}'`;
    case 'timestamp':
      return `t'${l.value}'`;
  }
}

function block(b: Ast.Block): string {
  return `(block ${b.expressions.map((x) => expr(x.node)).join(' ')})`;
}

function assignTarget(t: Ast.AssignmentTarget): string {
  return t.kind === 'noop' ? '_' : t.kind === 'variable' ? t.name : query(t.query);
}

function query(q: Ast.Query): string {
  const path = q.path
    .map(({ node: s }) =>
      s.kind === 'index' ? `[${s.index}]` : s.quoted ? `.${JSON.stringify(s.name)}` : `.${s.name}`,
    )
    .join('');
  const t = q.target.node;
  switch (t.kind) {
    case 'event':
      return path.startsWith('.') ? path : `.${path}`;
    case 'metadata':
      return `%${path.replace(/^\./, '')}`;
    case 'variable':
      return `${t.name}${path}`;
    case 'functionCall':
      return `${call(t.call)}${path}`;
    case 'container':
      return `${expr(t.expr)}${path}`;
  }
}

function call(c: Ast.FunctionCall): string {
  const args = c.arguments.map(({ node: a }) =>
    a.name ? `${a.name.node}: ${expr(a.expr.node)}` : expr(a.expr.node),
  );
  const closure = c.closure
    ? ` -> |${c.closure.node.variables.map((v) => v.node || '_').join(', ')}| ${block(c.closure.node.block.node)}`
    : '';
  return `(call ${c.ident.node}${c.abortOnError ? '!' : ''}${args.map((a) => ` ${a}`).join('')}${closure})`;
}
