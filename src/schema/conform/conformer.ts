/**
 * Record conformance: a JSON object (decoded, then transformed) → a row of an Iceberg schema.
 *
 * `createConformer` compiles the schema once into a tree of converter closures, so the per-record
 * work is one closure call per present field. A value that cannot be converted losslessly
 * becomes null plus a `ConformWarning`; input fields the schema does not know are listed in
 * `dropped`. The record itself is always returned.
 *
 * Paths: warnings use concrete paths — `source.port`, `tags[3]`, `items[0].name`,
 * `labels.env` (a map value). `dropped` uses templates — `foo`, `source.port_name`,
 * `items[].extra` (inside list elements), `attrs.*.extra` (inside struct-valued map values).
 * An empty string is null for every type except string (no warning): CSV and key-value
 * sources write empty fields that way. Flattened keys (`{"source.ip": "10.0.0.1"}`) are
 * placed into the struct (or map) they name.
 */
import type { IcebergType, NestedField, Schema } from '../../lake/iceberg/types.js';
import { primitiveConverter } from './primitives.js';
import { FAIL, clearFailDetail, failDetail } from './time.js';
import type { ConformResult, ConformWarning, Conformer } from './types.js';

/** Path template markers: a list index, a map key. */
const L = '\u0000';
const M = '\u0001';
const MAX_WARNING_VALUE = 1024;

class Ctx {
  warnings: ConformWarning[] = [];
  dropped: string[] = [];
  /** Current list indexes / map keys, innermost last. */
  idx: (number | string)[] = [];

  warn(template: string, value: unknown, reason: string): void {
    this.warnings.push({ field: this.path(template), value: jsonText(value), reason });
  }

  drop(path: string): void {
    if (this.dropped.length === 0 || !this.dropped.includes(path)) this.dropped.push(path);
  }

  private path(template: string): string {
    if (template.indexOf(L) === -1 && template.indexOf(M) === -1) return template;
    let out = '';
    let k = 0;
    for (const ch of template) {
      if (ch === L) out += `[${String(this.idx[k++])}]`;
      else if (ch === M) out += `.${String(this.idx[k++])}`;
      else out += ch;
    }
    return out;
  }
}

type Conv = (v: unknown, cx: Ctx) => unknown;

function jsonText(v: unknown): string {
  let s: string | undefined;
  try {
    s = JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? Object.fromEntries(x) : x,
    );
  } catch {
    s = String(v);
  }
  if (s === undefined) s = String(v);
  return s.length > MAX_WARNING_VALUE ? s.slice(0, MAX_WARNING_VALUE) : s;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return `string ${JSON.stringify(v.length > 64 ? v.slice(0, 64) + '…' : v)}`;
    case 'number':
    case 'bigint':
      return `number ${String(v)}`;
    case 'boolean':
      return `boolean ${String(v)}`;
    case 'object':
      if (v instanceof Map) return 'map';
      if (v instanceof Uint8Array) return 'bytes';
      if (v instanceof Date) return 'date';
      return 'object';
    default:
      return typeof v;
  }
}

function typeName(t: IcebergType): string {
  return typeof t === 'string' ? t : t.type;
}

function reason(t: IcebergType, v: unknown, detail: string): string {
  return `expected ${typeName(t)}, got ${describe(v)}${detail ? ` (${detail})` : ''}`;
}

/** Dotted template → the `dropped` form (`[]` for list elements, `.*` for map values). */
function droppedPrefix(template: string): string {
  return template.replaceAll(L, '[]').replaceAll(M, '.*');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Map) &&
  !(v instanceof Uint8Array) &&
  !(v instanceof Date);

function compile(type: IcebergType, path: string): Conv {
  if (typeof type === 'string') {
    const p = primitiveConverter(type);
    const emptyIsNull = type !== 'string';
    return (v, cx) => {
      if (v === '' && emptyIsNull) return null;
      const r = p(v);
      if (r !== FAIL) return r;
      cx.warn(path, v, reason(type, v, failDetail));
      clearFailDetail();
      return null;
    };
  }
  switch (type.type) {
    case 'struct':
      return compileStruct(type.fields, path);
    case 'list': {
      const elem = compile(type.element, path + L);
      const elemRequired = type['element-required'];
      const elemTemplate = path + L;
      return (v, cx) => {
        const idx = cx.idx;
        if (Array.isArray(v)) {
          const n = v.length;
          const out = new Array<unknown>(n);
          for (let i = 0; i < n; i++) {
            const e: unknown = v[i];
            idx.push(i);
            if (e === null || e === undefined) {
              out[i] = null;
              if (elemRequired) cx.warn(elemTemplate, e ?? null, 'required list element is null');
            } else out[i] = elem(e, cx);
            idx.pop();
          }
          return out;
        }
        if (v === '' && typeof type.element === 'string' && type.element !== 'string') return null;
        // A scalar (or a single object) into a list field: a one-element list.
        idx.push(0);
        const one = elem(v, cx);
        idx.pop();
        return [one];
      };
    }
    case 'map': {
      const keyConv =
        typeof type.key === 'string' && type.key !== 'string' ? primitiveConverter(type.key) : null;
      const value = compile(type.value, path + M);
      const valueRequired = type['value-required'];
      const valueTemplate = path + M;
      const keyType = type.key;
      const put = (out: Map<unknown, unknown>, k: unknown, x: unknown, cx: Ctx) => {
        let key = k;
        if (keyConv !== null) {
          key = keyConv(k);
          if (key === FAIL) {
            cx.warn(path, k, `map key: ${reason(keyType, k, failDetail)}`);
            clearFailDetail();
            return;
          }
        } else if (typeof k !== 'string') key = String(k);
        cx.idx.push(String(k));
        if (x === null || x === undefined) {
          out.set(key, null);
          if (valueRequired) cx.warn(valueTemplate, null, 'required map value is null');
        } else out.set(key, value(x, cx));
        cx.idx.pop();
      };
      return (v, cx) => {
        const out = new Map<unknown, unknown>();
        if (v instanceof Map) {
          for (const [k, x] of v) put(out, k, x, cx);
          return out;
        }
        if (!isPlainObject(v)) {
          cx.warn(path, v, reason(type, v, ''));
          return null;
        }
        for (const k in v) put(out, k, v[k], cx);
        return out;
      };
    }
  }
}

interface CompiledField {
  name: string;
  conv: Conv;
  /** Container kind that a flattened `name.rest` key can go into. */
  nested: 'struct' | 'map' | null;
}

function compileStruct(fields: NestedField[], path: string): Conv {
  const byName: Record<string, CompiledField> = Object.create(null) as Record<string, CompiledField>;
  const required: { name: string; template: string }[] = [];
  for (const f of fields) {
    const template = path === '' ? f.name : `${path}.${f.name}`;
    const nested = typeof f.type === 'string' ? null : f.type.type === 'list' ? null : f.type.type;
    byName[f.name] = { name: f.name, conv: compile(f.type, template), nested };
    if (f.required) required.push({ name: f.name, template });
  }
  const prefix = path === '' ? '' : droppedPrefix(path) + '.';
  const structType: IcebergType = { type: 'struct', fields };
  /**
   * A flattened key (`"source.ip": …`, as some log sources write ECS) goes into the nested
   * struct or map it names, after the nested keys, so it wins over `source: { ip }`.
   */
  const mergeDotted = (out: Record<string, unknown>, key: string, x: unknown, cx: Ctx): void => {
    const dot = key.indexOf('.');
    const head = key.slice(0, dot);
    const f = byName[head];
    if (f === undefined || f.nested === null) {
      cx.drop(prefix + key);
      return;
    }
    const sub = f.conv({ [key.slice(dot + 1)]: x }, cx);
    const cur = out[head];
    if (sub instanceof Map) {
      if (cur instanceof Map) for (const [mk, mv] of sub) cur.set(mk, mv);
      else out[head] = sub;
    } else if (sub !== null && typeof sub === 'object') {
      if (cur !== null && typeof cur === 'object' && !(cur instanceof Map)) Object.assign(cur, sub);
      else out[head] = sub;
    }
  };
  return (v, cx) => {
    if (!isPlainObject(v)) {
      cx.warn(path, v, reason(structType, v, ''));
      return null;
    }
    const out: Record<string, unknown> = {};
    let dotted: string[] | null = null;
    for (const k in v) {
      const f = byName[k];
      if (f === undefined) {
        if (k.indexOf('.') > 0) (dotted ??= []).push(k);
        else cx.drop(prefix + k);
        continue;
      }
      const x = v[k];
      out[k] = x === null || x === undefined ? null : f.conv(x, cx);
    }
    if (dotted !== null) for (const k of dotted) mergeDotted(out, k, v[k], cx);
    for (let i = 0; i < required.length; i++) {
      const r = required[i]!;
      const x = out[r.name];
      if (x === null || x === undefined) {
        const orig = v[r.name];
        cx.warn(
          r.template,
          orig ?? null,
          orig === undefined ? 'required field is missing' : 'required field is null',
        );
      }
    }
    return out;
  };
}

/** Compiles `schema` once; `conform` then runs per record. */
export function createConformer(schema: Schema): Conformer {
  const root = compileStruct(schema.fields, '');
  return {
    conform(input: Record<string, unknown>): ConformResult {
      const cx = new Ctx();
      const row = root(input, cx);
      return { row: (row ?? {}) as Record<string, unknown>, warnings: cx.warnings, dropped: cx.dropped };
    },
  };
}
