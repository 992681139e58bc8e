/**
 * `redact`: replace sensitive text in strings (recursively inside arrays and objects). `filters` and
 * `redactor` are static and validated at compile time.
 */
import { createHash } from 'node:crypto';
import { FunctionCompileError, optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { compileRustRegex } from '../../regex/index.js';
import {
  getField,
  isBytes,
  isObject,
  newObject,
  setField,
  toText,
  VrlRegex,
  type Value,
} from '../../value/index.js';
import { invalidArgument, staticArgument } from './support/args.js';
import { literalReplace } from './support/literal.js';
import { regexReplace } from './support/regex.js';
import { text } from './support/text.js';

const SSN_PATTERN =
  '(?:00[1-9]|0[1-9][0-9]|[1-578][0-9]{2}|6[0-57-9][0-9]|66[0-57-9])-' +
  '(?:0[1-9]|[1-9]0|[1-9][1-9])-' +
  '(?:000[1-9]|00[1-9]0|0[1-9]00|[1-9]000|[1-9]{4})';
let ssn: VrlRegex | undefined;
function ssnRegex(): VrlRegex {
  ssn ??= new VrlRegex(SSN_PATTERN, compileRustRegex(SSN_PATTERN));
  return ssn;
}

type Pattern = VrlRegex | string;
type Filter = { kind: 'pattern'; patterns: Pattern[] } | { kind: 'ssn' };
type Redactor = (matched: string) => string;

const SHA2: Record<string, string> = {
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA-512/224': 'sha512-224',
  'SHA-512/256': 'sha512-256',
};
const SHA3: Record<string, string> = {
  'SHA3-224': 'sha3-224',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

class Invalid extends Error {}

function bytesText(value: Value | undefined): string | undefined {
  return value !== undefined && isBytes(value) ? toText(value) : undefined;
}

function parseFilter(value: Value): Filter {
  if (value instanceof VrlRegex) return { kind: 'pattern', patterns: [value] };
  if (isBytes(value)) {
    const name = toText(value);
    if (name === 'pattern') throw new Invalid('pattern cannot be used without arguments');
    if (name === 'us_social_security_number') return { kind: 'ssn' };
    throw new Invalid('unknown filter name');
  }
  if (isObject(value)) {
    const type = getField(value, 'type');
    if (type === undefined) throw new Invalid('filters specified as objects must have type parameter');
    const name = bytesText(type);
    if (name === undefined) throw new Invalid('type key in filters must be a string');
    if (name === 'us_social_security_number') return { kind: 'ssn' };
    if (name !== 'pattern') throw new Invalid('unknown filter name');
    const patterns = getField(value, 'patterns');
    if (patterns === undefined) throw new Invalid('pattern filter must have `patterns` specified');
    if (!Array.isArray(patterns))
      throw new Invalid('`patterns` must be array of regular expression literals');
    return {
      kind: 'pattern',
      patterns: patterns.map((p) => {
        if (p instanceof VrlRegex) return p;
        if (isBytes(p)) return toText(p);
        throw new Invalid('`patterns` must be regular expressions');
      }),
    };
  }
  throw new Invalid('unknown literal for filter, must be a regex, filter name, or object');
}

function hasher(algorithm: string, encoding: 'base64' | 'hex'): Redactor {
  return (matched) => createHash(algorithm).update(matched, 'utf8').digest(encoding);
}

function parseEncoding(value: Value | undefined): 'base64' | 'hex' {
  if (value === undefined) return 'base64';
  const name = bytesText(value);
  if (name === undefined) throw new Invalid('encoding must be string');
  if (name === 'base64') return 'base64';
  if (name === 'base16' || name === 'hex') return 'hex';
  throw new Invalid('unexpected encoding');
}

function parseVariant(
  value: Value | undefined,
  table: Record<string, string>,
  fallback: string,
  notString: string,
): string {
  if (value === undefined) return fallback;
  const name = bytesText(value);
  if (name === undefined) throw new Invalid(notString);
  const algorithm = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!algorithm) throw new Invalid('invalid sha2 variant');
  return algorithm;
}

const REDACTED = '[REDACTED]';

function parseRedactor(value: Value): Redactor {
  if (isBytes(value)) {
    switch (toText(value)) {
      case 'full':
        return () => REDACTED;
      case 'sha2':
        return hasher('sha512-256', 'base64');
      case 'sha3':
        return hasher('sha3-512', 'base64');
      default:
        throw new Invalid('unknown name of redactor');
    }
  }
  if (!isObject(value)) throw new Invalid('unknown literal for redactor, must be redactor name or object');
  const type = getField(value, 'type');
  if (type === undefined)
    throw new Invalid('redactor specified as objects must have type\n        parameter');
  const name = bytesText(type);
  if (name === undefined) throw new Invalid('type key in redactor must be a string');
  switch (name) {
    case 'full':
      return () => REDACTED;
    case 'text': {
      const replacement = getField(value, 'replacement');
      if (replacement === undefined)
        throw new Invalid('text redactor must have\n                `replacement` specified');
      const s = bytesText(replacement);
      if (s === undefined) throw new Invalid('`replacement` must be a string');
      return () => s;
    }
    case 'sha2': {
      const algorithm = parseVariant(
        getField(value, 'variant'),
        SHA2,
        'sha512-256',
        '`variant` must be a string',
      );
      return hasher(algorithm, parseEncoding(getField(value, 'encoding')));
    }
    case 'sha3': {
      const algorithm = parseVariant(
        getField(value, 'variant'),
        SHA3,
        'sha3-512',
        '`variant must be a string',
      );
      return hasher(algorithm, parseEncoding(getField(value, 'encoding')));
    }
    default:
      throw new Invalid('unknown `type` for `redactor`');
  }
}

function redactText(input: string, filters: readonly Filter[], redactor: Redactor): string {
  let s = input;
  for (const filter of filters) {
    if (filter.kind === 'ssn') {
      s = regexReplace(ssnRegex(), s, (m) => redactor(m[0]));
      continue;
    }
    for (const pattern of filter.patterns) {
      s =
        pattern instanceof VrlRegex
          ? regexReplace(pattern, s, (m) => redactor(m[0]))
          : literalReplace(s, pattern, redactor);
    }
  }
  return s;
}

function redactValue(value: Value, filters: readonly Filter[], redactor: Redactor): Value {
  if (isBytes(value)) return redactText(text(value), filters, redactor);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, filters, redactor));
  if (isObject(value)) {
    const out = newObject();
    for (const key of Object.keys(value)) setField(out, key, redactValue(value[key]!, filters, redactor));
    return out;
  }
  return value;
}

function parseStatic<T>(index: number, keyword: string, value: Value, parse: (v: Value) => T): T {
  try {
    return parse(value);
  } catch (e) {
    if (e instanceof Invalid) throw invalidArgument(index, keyword, value, e.message);
    throw e;
  }
}

export const redact: FunctionDef = {
  name: 'redact',
  parameters: [
    required('value', K.BYTES | K.OBJECT | K.ARRAY),
    required('filters', K.ARRAY),
    optional('redactor', K.OBJECT | K.BYTES),
  ],
  compile(args) {
    const filterValues = staticArgument(args, 1, 'filters');
    if (!Array.isArray(filterValues)) {
      throw new FunctionCompileError(400, 'unexpected expression type', 1, [
        'unexpected expression for argument "filters"',
        'expected: array',
      ]);
    }
    const filters = filterValues.map((f) => parseStatic(1, 'filters', f, parseFilter));
    const redactorValue = staticArgument(args, 2, 'redactor');
    const redactor =
      redactorValue === undefined ? () => REDACTED : parseStatic(2, 'redactor', redactorValue, parseRedactor);
    return {
      // The result has the argument's type (strings stay strings, containers keep their shape).
      kind: args[0]?.kind.without(K.UNDEFINED) ?? Kind.bits(K.BYTES | K.OBJECT | K.ARRAY),
      fallible: false,
      pure: true,
      call: (value) => redactValue(value!, filters, redactor),
    };
  },
  examples: [
    {
      title: 'Replace text using a regex',
      source: 'redact("my id is 123456", filters: [r\'\\d+\'])',
      result: '"my id is [REDACTED]"',
    },
    {
      title: 'Replace us social security numbers in any field',
      source: 'redact({ "name": "John Doe", "ssn": "123-12-1234"}, filters: ["us_social_security_number"])',
      result: '{ "name": "John Doe", "ssn": "[REDACTED]" }',
    },
    {
      title: 'Replace with custom text',
      source:
        'redact("my id is 123456", filters: [r\'\\d+\'], redactor: {"type": "text", "replacement": "***"})',
      result: '"my id is ***"',
    },
    {
      title: 'Replace with SHA-2 hash',
      source: 'redact("my id is 123456", filters: [r\'\\d+\'], redactor: "sha2")',
      result: '"my id is GEtTedW1p6tC094dDKH+3B8P+xSnZz69AmpjaXRd63I="',
    },
    {
      title: 'Replace with SHA-3 hash',
      source: 'redact("my id is 123456", filters: [r\'\\d+\'], redactor: "sha3")',
      result:
        '"my id is ZNCdmTDI7PeeUTFnpYjLdUObdizo+bIupZdl8yqnTKGdLx6X3JIqPUlUWUoFBikX+yTR+OcvLtAqWO11NPlNJw=="',
    },
    {
      title: 'Replace with SHA-256 hash using hex encoding',
      source:
        'redact("my id is 123456", filters: [r\'\\d+\'], redactor: {"type": "sha2", "variant": "SHA-256", "encoding": "base16"})',
      result: '"my id is 8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92"',
    },
  ],
};
