/** ajv's validation errors worded as the Rust `jsonschema` crate prints them. */
import type { ErrorObject } from 'ajv';
import type { Value } from '../../../value/index.js';
import { rustFloatDisplay } from '../../codec/rust_float.js';

type Json = (value: Value) => string;

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** A schema number as serde_json prints it. */
function number(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : rustFloatDisplay(value);
  return JSON.stringify(value);
}

function enumMessage(instance: string, options: unknown[]): string {
  const shown = options.map((o) => JSON.stringify(o));
  if (shown.length <= 3) {
    const head = shown.slice(0, -1).join(', ');
    return `${instance} is not one of ${shown.length > 1 ? `${head} or ${shown[shown.length - 1]}` : (shown[0] ?? '')}`;
  }
  return `${instance} is not one of ${shown.slice(0, 2).join(', ')} or ${shown.length - 2} other candidates`;
}

export function describeError(error: ErrorObject, data: Value, json: Json): string {
  const p = error.params as Record<string, unknown>;
  const nameInstance = (error as ErrorObject & { propertyName?: string }).propertyName;
  const instance = nameInstance !== undefined ? JSON.stringify(nameInstance) : json(data);
  switch (error.keyword) {
    case 'format':
      return `${instance} is not a "${String(p['format'])}"`;
    case 'type': {
      const types = String(p['type']).split(',').sort();
      if (types.length === 1) return `${instance} is not of type "${types[0]}"`;
      return `${instance} is not of types ${types.map((t) => `"${t}"`).join(', ')}`;
    }
    case 'required':
    case 'dependencies':
    case 'dependentRequired':
      return `${JSON.stringify(p['missingProperty'])} is a required property`;
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = p['extra'] as string[];
      const label = error.keyword === 'additionalProperties' ? 'Additional' : 'Unevaluated';
      return `${label} properties are not allowed (${extra.map((e) => `'${e}'`).join(', ')} ${plural(extra.length, 'was', 'were')} unexpected)`;
    }
    case 'additionalItems':
    case 'items': {
      const limit = Number(p['limit']);
      const items = Array.isArray(data) ? data.slice(limit) : [];
      return `Additional items are not allowed (${items.map(json).join(', ')} ${plural(items.length, 'was', 'were')} unexpected)`;
    }
    case 'unevaluatedItems': {
      const limit = Number(p['len']);
      const items = Array.isArray(data) ? data.slice(limit) : [];
      return `Unevaluated items are not allowed (${items.map((i) => `'${json(i)}'`).join(', ')} ${plural(items.length, 'was', 'were')} unexpected)`;
    }
    case 'anyOf':
      return `${instance} is not valid under any of the schemas listed in the 'anyOf' keyword`;
    case 'oneOf':
      return Array.isArray(p['passingSchemas'])
        ? `${instance} is valid under more than one of the schemas listed in the 'oneOf' keyword`
        : `${instance} is not valid under any of the schemas listed in the 'oneOf' keyword`;
    case 'contains':
      return `None of ${instance} are valid under the given schema`;
    case 'const':
      return `${JSON.stringify(p['allowedValue'])} was expected`;
    case 'enum':
      return enumMessage(instance, (p['allowedValues'] as unknown[]) ?? []);
    case 'maximum':
    case 'exclusiveMaximum':
      return p['comparison'] === '<'
        ? `${instance} is greater than or equal to the maximum of ${number(p['limit'])}`
        : `${instance} is greater than the maximum of ${number(p['limit'])}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return p['comparison'] === '>'
        ? `${instance} is less than or equal to the minimum of ${number(p['limit'])}`
        : `${instance} is less than the minimum of ${number(p['limit'])}`;
    case 'maxLength': {
      const n = Number(p['limit']);
      return `${instance} is longer than ${n} character${plural(n, '', 's')}`;
    }
    case 'minLength': {
      const n = Number(p['limit']);
      return `${instance} is shorter than ${n} character${plural(n, '', 's')}`;
    }
    case 'maxItems': {
      const n = Number(p['limit']);
      return `${instance} has more than ${n} item${plural(n, '', 's')}`;
    }
    case 'minItems': {
      const n = Number(p['limit']);
      return `${instance} has less than ${n} item${plural(n, '', 's')}`;
    }
    case 'maxProperties': {
      const n = Number(p['limit']);
      return `${instance} has more than ${n} propert${plural(n, 'y', 'ies')}`;
    }
    case 'minProperties': {
      const n = Number(p['limit']);
      return `${instance} has less than ${n} propert${plural(n, 'y', 'ies')}`;
    }
    case 'not':
      return `${JSON.stringify(error.schema)} is not allowed for ${instance}`;
    case 'pattern':
      return `${instance} does not match "${String(p['pattern'])}"`;
    case 'multipleOf':
      return `${instance} is not a multiple of ${rustFloatDisplay(Number(p['multipleOf']))}`;
    case 'uniqueItems':
      return `${instance} has non-unique elements`;
    case 'false schema':
      return `False schema does not allow ${instance}`;
    default:
      return `${instance} ${error.message ?? 'is invalid'}`;
  }
}
