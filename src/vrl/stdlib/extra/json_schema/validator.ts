/**
 * JSON Schema validation for `validate_json_schema`, on `ajv`, shaped to behave like the Rust
 * `jsonschema` crate VRL uses: the draft comes from `$schema` (2020-12 when absent), formats are
 * checked, an unknown format fails compilation unless `ignore_unknown_formats`, unknown keywords are
 * ignored, and each error reads as the crate prints it (`"x" is not a "email"`, `"a" is a required
 * property`, …) followed by ` at <instance path>`.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { createRequire } from 'node:module';
import { isArray, isObject, parseVrlJson, toVrlJson, type Value } from '../../../value/index.js';
import { describeError } from './messages.js';

const AjvDraft04 = AjvDraft04Module.default;
const draft06MetaSchema = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as object;

/** The formats the `jsonschema` crate knows (the others are "unknown"). */
const FORMATS = [
  'date',
  'date-time',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'uri-template',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
  'regex',
] as const;

/** Internationalised variants, checked like their ASCII forms but letting non-ASCII letters through. */
const IDN_FORMATS: Record<string, (s: string) => boolean> = {
  'idn-email': (s) => /^[^\s@]+@[^\s@]+$/u.test(s),
  'idn-hostname': (s) =>
    s.length > 0 &&
    s.length <= 253 &&
    s.split('.').every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(l)),
  iri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/u.test(s),
  'iri-reference': (s) => /^[^\s]*$/u.test(s),
};

type AnyAjv = Ajv | Ajv2019 | Ajv2020;

function makeAjv(schema: unknown, warnings: string[]): AnyAjv {
  const logger = {
    log: () => undefined,
    warn: (m: unknown) => void warnings.push(String(m)),
    error: () => undefined,
  };
  const options = { allErrors: true, strict: false, validateFormats: true, verbose: true, logger } as const;
  const uri = isObject(schema as Value) ? (schema as Record<string, unknown>)['$schema'] : undefined;
  const draft = typeof uri === 'string' ? uri.replace(/#$/, '') : '';
  let ajv: AnyAjv;
  if (/draft-04\/schema$/.test(draft)) ajv = new AjvDraft04(options) as unknown as Ajv;
  else if (/draft-0[67]\/schema$/.test(draft)) {
    ajv = new Ajv(options);
    if (draft.includes('draft-06')) ajv.addMetaSchema(draft06MetaSchema);
  } else if (/draft\/2019-09\/schema$/.test(draft)) ajv = new Ajv2019(options);
  else ajv = new Ajv2020(options);
  for (const name of FORMATS) ajv.addFormat(name, fullFormats[name]);
  for (const [name, check] of Object.entries(IDN_FORMATS)) ajv.addFormat(name, check);
  return ajv;
}

/** A schema file read (and parsed) once; compiled lazily per `ignore_unknown_formats`. */
export class SchemaDefinition {
  private readonly schema: unknown;
  private readonly loadError: string | undefined;
  private readonly compiled = new Map<boolean, ValidateFunction | string>();

  constructor(readonly path: string) {
    let schema: unknown;
    let loadError: string | undefined;
    try {
      const text = readFileSync(path, 'utf8');
      try {
        parseVrlJson(text);
        schema = JSON.parse(text);
      } catch (e) {
        loadError = `Failed to parse schema definition file '${path}': ${(e as Error).message}`;
      }
    } catch (e) {
      loadError = `Failed to open schema definition file '${path}': ${ioError(e)}`;
    }
    this.schema = schema;
    this.loadError = loadError;
  }

  /** The validator, or the error text VRL reports. */
  validator(ignoreUnknownFormats: boolean): ValidateFunction | string {
    let entry = this.compiled.get(ignoreUnknownFormats);
    if (entry === undefined) {
      entry = this.compile(ignoreUnknownFormats);
      this.compiled.set(ignoreUnknownFormats, entry);
    }
    return entry;
  }

  private compile(ignoreUnknownFormats: boolean): ValidateFunction | string {
    if (this.loadError !== undefined) return `JSON schema not found: ${this.loadError}`;
    // ajv (not strict) logs unknown formats and ignores them; the crate fails unless told to ignore them.
    const warnings: string[] = [];
    const ajv = makeAjv(this.schema, warnings);
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(this.schema as object);
    } catch (e) {
      return `Failed to compile schema: ${(e as Error).message}`;
    }
    if (!ignoreUnknownFormats) {
      for (const warning of warnings) {
        const unknown = /^unknown format "(.*)" ignored in schema/.exec(warning);
        if (unknown) {
          return `Failed to compile schema: Unknown format: '${unknown[1]}'. Adjust configuration to ignore unrecognized formats`;
        }
      }
    }
    return validate;
  }
}

function ioError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'No such file or directory (os error 2)';
    case 'EACCES':
      return 'Permission denied (os error 13)';
    case 'EISDIR':
      return 'Is a directory (os error 21)';
    default:
      return (e as Error).message;
  }
}

/** JS value for ajv (integers as numbers). */
function toPlain(value: Value): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (isArray(value)) return value.map(toPlain);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, {
        value: toPlain(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return value;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function at(root: Value, pointer: string): Value {
  let v: Value = root;
  for (const seg of pointerSegments(pointer)) {
    if (isArray(v)) v = v[Number(seg)] ?? null;
    else if (isObject(v)) v = Object.prototype.hasOwnProperty.call(v, seg) ? v[seg]! : null;
    else return null;
  }
  return v;
}

function compareSegments(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (/^[0-9]+$/.test(x) && /^[0-9]+$/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Keywords whose failure ajv reports alongside the failures of their subschemas; the crate reports one. */
const COMBINATORS = new Set(['anyOf', 'oneOf', 'not', 'contains']);

/** Shape ajv's errors like the crate's: drop branch noise, merge per-property errors, order by schema. */
function normalize(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  const parents = list.filter((e) => COMBINATORS.has(e.keyword));
  list = list.filter(
    (e) =>
      !parents.some(
        (p) =>
          p !== e && e.schemaPath.startsWith(`${p.schemaPath}/`) && e.instancePath.startsWith(p.instancePath),
      ),
  );
  const merged: ErrorObject[] = [];
  for (const e of list) {
    if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const prior = merged.find(
        (m) => m.keyword === e.keyword && m.schemaPath === e.schemaPath && m.instancePath === e.instancePath,
      );
      if (prior) {
        const params = prior.params as { extra: string[] };
        params.extra.push(propertyOf(e));
        continue;
      }
      merged.push({ ...e, params: { extra: [propertyOf(e)] } });
      continue;
    }
    merged.push(e);
  }
  return merged
    .map((e, i) => ({ e, i }))
    .sort(
      (x, y) =>
        compareSegments(
          pointerSegments(x.e.schemaPath.replace(/^#/, '')),
          pointerSegments(y.e.schemaPath.replace(/^#/, '')),
        ) ||
        compareSegments(pointerSegments(x.e.instancePath), pointerSegments(y.e.instancePath)) ||
        x.i - y.i,
    )
    .map((x) => x.e);
}

function propertyOf(e: ErrorObject): string {
  const p = e.params as { additionalProperty?: string; unevaluatedProperty?: string };
  return p.additionalProperty ?? p.unevaluatedProperty ?? '';
}

/** Validate a parsed JSON value; returns VRL's error lines (`<message> at <path>`), empty when valid. */
export function validateJson(validator: ValidateFunction, instance: Value): string[] {
  if (validator(toPlain(instance))) return [];
  return normalize(validator.errors ?? []).map((e) => {
    const data = at(instance, e.instancePath);
    return `${describeError(e, data, toVrlJson)} at ${e.instancePath === '' ? '/' : e.instancePath}`;
  });
}
