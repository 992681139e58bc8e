/** Turns zod issues into ConfigProblems: key paths, positions, expectations and typo suggestions. */
import type { z } from 'zod';
import { nearest, PRIMITIVE_TYPE_NAMES } from '../schema/index.js';
import type { ConfigProblem } from './types.js';
import { formatPath, locate, type YamlFile } from './yaml.js';

type AnySchema = z.ZodType;
type Issue = z.core.$ZodIssue;

interface Def {
  type: string;
  innerType?: AnySchema;
  getter?: () => AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  options?: AnySchema[];
  valueType?: AnySchema;
  values?: unknown[];
}

function def(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: AnySchema): AnySchema[] {
  const d = def(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unwrap(d.innerType!);
    case 'lazy':
      return unwrap(d.getter!());
    case 'pipe':
      return unwrap(d.in!);
    case 'union':
      return d.options!.flatMap(unwrap);
    default:
      return [schema];
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

/** Object schemas that can describe the value at `path`, narrowed by a `type` discriminator. */
function objectSchemasAt(schema: AnySchema, path: readonly PropertyKey[], root: unknown): AnySchema[] {
  let current = unwrap(schema);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const next: AnySchema[] = [];
    for (const s of narrow(current, valueAt(root, path.slice(0, i)))) {
      const d = def(s);
      if (d.type === 'object' && typeof seg === 'string' && d.shape![seg])
        next.push(...unwrap(d.shape![seg]!));
      else if (d.type === 'array' && typeof seg === 'number') next.push(...unwrap(d.element!));
      else if (d.type === 'record') next.push(...unwrap(d.valueType!));
    }
    current = next;
  }
  return narrow(current, valueAt(root, path)).filter((s) => def(s).type === 'object');
}

function narrow(schemas: AnySchema[], value: unknown): AnySchema[] {
  const t = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).type : undefined;
  if (typeof t !== 'string') return schemas;
  const matching = schemas.filter((s) => {
    const d = def(s);
    if (d.type !== 'object' || !d.shape!.type) return false;
    const lit = def(d.shape!.type);
    return lit.type === 'literal' && lit.values!.includes(t);
  });
  return matching.length > 0 ? matching : schemas;
}

function allowedKeys(schema: AnySchema, path: readonly PropertyKey[], root: unknown): string[] {
  return [...new Set(objectSchemasAt(schema, path, root).flatMap((s) => Object.keys(def(s).shape!)))];
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string \`${value}\``;
  return `${typeof value} \`${String(value)}\``;
}

const EXPECTED_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => `\`${String(v)}\``).join(', ');
}

/** Problems for one zod issue of `file`, validated against `schema`. */
export function issueToProblems(
  issue: Issue,
  yaml: YamlFile,
  schema: AnySchema,
  basePath: readonly PropertyKey[] = [],
): ConfigProblem[] {
  const path = [...basePath, ...issue.path];
  const root = yaml.value;
  const value = valueAt(root, path);
  const make = (
    p: readonly PropertyKey[],
    message: string,
    extra: Partial<ConfigProblem> = {},
    at: 'key' | 'value' = 'value',
  ) => {
    const problem: ConfigProblem = { file: yaml.file, path: formatPath(p), message, ...extra };
    const loc = locate(yaml, p, at);
    if (loc) {
      problem.line = loc.line;
      problem.column = loc.column;
    }
    for (const k of ['expected', 'suggestion'] as const) if (problem[k] === undefined) delete problem[k];
    return problem;
  };

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path, root);
      return issue.keys.map((key) => {
        const guess = nearest(key, allowed, 1)[0];
        return make(
          [...path, key],
          `unknown key \`${key}\``,
          {
            ...(allowed.length > 0 ? { expected: `one of ${quoteList(allowed)}` } : {}),
            ...(guess ? { suggestion: `did you mean \`${guess}\`?` } : {}),
          },
          'key',
        );
      });
    }
    case 'invalid_union': {
      const u = issue as Issue & {
        note?: string;
        discriminator?: string;
        options?: unknown[];
        errors: Issue[][];
      };
      if (u.discriminator !== undefined && u.errors.length === 0) {
        const options = (u.options ?? []).map(String);
        if (value === undefined) {
          return [
            make(path, `missing required key \`${u.discriminator}\``, {
              expected: `one of ${quoteList(options)}`,
            }),
          ];
        }
        const guess = nearest(String(value), options, 1)[0];
        return [
          make(path, `invalid value \`${String(value)}\``, {
            expected: `one of ${quoteList(options)}`,
            ...(guess ? { suggestion: `did you mean \`${guess}\`?` } : {}),
          }),
        ];
      }
      // Pick the branch that got furthest: one without a type mismatch at the union's own level.
      const rootMismatch = (branch: Issue[]) =>
        branch.some((i) => i.code === 'invalid_type' && i.path.length === 0);
      const branch = u.errors.find((b) => !rootMismatch(b));
      if (branch) return branch.flatMap((i) => issueToProblems(i, yaml, schema, path));
      const expected = u.errors
        .flatMap((b) =>
          b.filter((i) => i.code === 'invalid_type').map((i) => (i as { expected: string }).expected),
        )
        .map((e) => EXPECTED_WORDS[e] ?? e);
      if (value === undefined)
        return [
          make(path, `missing required key \`${String(path.at(-1))}\``, {
            expected: [...new Set(expected)].join(' or '),
          }),
        ];
      return [
        make(path, `wrong type: got ${kindOf(value)}`, { expected: [...new Set(expected)].join(' or ') }),
      ];
    }
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (value === undefined) {
        return [make(path, `missing required key \`${String(path.at(-1))}\``, { expected })];
      }
      return [make(path, `wrong type: got ${kindOf(value)}`, { expected })];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const guess = nearest(String(value), values, 1)[0];
      return [
        make(path, `invalid value \`${String(value)}\``, {
          expected: values.length === 1 ? `\`${values[0]}\`` : `one of ${quoteList(values)}`,
          ...(guess ? { suggestion: `did you mean \`${guess}\`?` } : {}),
        }),
      ];
    }
    case 'invalid_format': {
      if (issue.message === 'not an Iceberg primitive type' && typeof value === 'string') {
        const nested = ['struct', 'list', 'map'].includes(value);
        const guess = nearest(value, PRIMITIVE_TYPE_NAMES, 1)[0];
        return [
          make(path, `unknown Iceberg type \`${value}\``, {
            expected: `${PRIMITIVE_TYPE_NAMES.join(', ')}, decimal(P,S), fixed[L], or { type: struct | list | map, ... }`,
            ...(nested
              ? {
                  suggestion: `write ${value} types as a mapping: \`type: { type: ${value}, ${value === 'struct' ? 'fields: [...]' : value === 'list' ? 'element: <type>' : 'key: <type>, value: <type>'} }\``,
                }
              : guess
                ? { suggestion: `did you mean \`${guess}\`?` }
                : {}),
          }),
        ];
      }
      return [
        make(path, `invalid value \`${String(value)}\``, {
          expected: issue.message.replace(/^expected /, ''),
        }),
      ];
    }
    case 'too_small': {
      if (issue.origin === 'string')
        return [make(path, 'must not be empty', { expected: 'a non-empty string' })];
      return [make(path, issue.message)];
    }
    default:
      return [make(path, issue.message)];
  }
}
