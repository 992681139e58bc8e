import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVrl } from '../../compiler/index.js';
import { K, Kind } from '../../types/index.js';
import { VrlError, type Value } from '../../value/index.js';
import { validate_json_schema } from './validate_json_schema.js';

const CTX = { timezone: 'UTC', compat: 'current', enrichmentTables: new Map() } as const;
const DATA = 'src/vrl/stdlib/extra/json_schema/testdata';
const dir = mkdtempSync(join(tmpdir(), 'vrl-json-schema-'));

function schemaFile(name: string, schema: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof schema === 'string' ? schema : JSON.stringify(schema));
  return path;
}

function validator(path: string) {
  return validate_json_schema.compile(
    [
      { kind: Kind.bytes(), span: { start: 0, end: 0 } },
      { kind: Kind.bytes(), constant: { value: path }, span: { start: 0, end: 0 } },
      { kind: Kind.boolean(), span: { start: 0, end: 0 } },
    ],
    CTX,
  );
}

function run(path: string, json: string | Uint8Array, ignore?: boolean): Value | string {
  try {
    return validator(path).call(json, path, ignore);
  } catch (e) {
    if (e instanceof VrlError) return `error: ${e.message}`;
    throw e;
  }
}

describe('validate_json_schema', () => {
  it('has the VRL signature', () => {
    expect(validate_json_schema.parameters.map((p) => [p.keyword, p.kind, p.required])).toEqual([
      ['value', K.BYTES, true],
      ['schema_definition', K.BYTES, true],
      ['ignore_unknown_formats', K.BOOLEAN, false],
    ]);
    const impl = validator(`${DATA}/email_format.json`);
    expect(impl.fallible).toBe(true);
    expect(impl.kind.toString()).toBe(Kind.boolean().toString());
  });

  for (const ex of validate_json_schema.examples!) {
    it(`example: ${ex.title}`, () => {
      const out = compileVrl(ex.source).run({}, { metadata: {} });
      if (ex.error !== undefined) {
        expect(out.ok).toBe(false);
        if (!out.ok) expect(out.error.message).toContain(ex.error);
      } else {
        expect(out.ok && out.value).toBe(true);
      }
    });
  }

  it('needs a static schema path', () => {
    expect(() => compileVrl('p = string!(.p); validate_json_schema!("{}", p)')).toThrow();
  });

  it('matches VRL unit-test cases', () => {
    expect(run(`${DATA}/email_format.json`, '{"productUser":"email@domain.com"}', false)).toBe(true);
    expect(
      run(
        `${DATA}/arrays.json`,
        '{"fruits":["apple","orange","pear"],"vegetables":[{"veggieName":"potato","veggieLike":true},{"veggieName":"broccoli","veggieLike":false}]}',
        false,
      ),
    ).toBe(true);
    expect(run(`${DATA}/email_format.json`, '{"productUser":"invalid-email"}', false)).toBe(
      'error: JSON schema validation failed: "invalid-email" is not a "email" at /productUser',
    );
    expect(run(`${DATA}/custom_format.json`, '{"productUser":"just-a-string"}', true)).toBe(true);
    expect(run(`${DATA}/email_format.json`, '', false)).toBe('error: Empty JSON value');
  });

  it('defaults ignore_unknown_formats to false', () => {
    expect(run(`${DATA}/custom_format.json`, '{"productUser":"x"}')).toBe(
      "error: Failed to compile schema: Unknown format: 'my-custom-format'. Adjust configuration to ignore unrecognized formats",
    );
  });

  it('reports invalid JSON and missing or broken schema files', () => {
    expect(run(`${DATA}/email_format.json`, '{"a":')).toMatch(
      /^error: Invalid JSON: EOF while parsing a value at line 1 column 5$/,
    );
    expect(run(`${DATA}/email_format.json`, '{} x')).toBe(
      'error: Invalid JSON: trailing characters at line 1 column 4',
    );
    expect(run(join(dir, 'nope.json'), '{}')).toBe(
      `error: JSON schema not found: Failed to open schema definition file '${join(dir, 'nope.json')}': No such file or directory (os error 2)`,
    );
    const broken = schemaFile('broken.json', '{"type": ');
    expect(run(broken, '{}')).toMatch(
      /^error: JSON schema not found: Failed to parse schema definition file '.*broken\.json': EOF while parsing/,
    );
  });

  it('treats a lone byte-order mark as null', () => {
    const path = schemaFile('null.json', { type: 'null' });
    expect(run(path, '\uFEFF')).toBe(true);
    expect(run(path, '\uFEFFnull')).toBe(true);
    expect(run(path, '1')).toBe('error: JSON schema validation failed: 1 is not of type "null" at /');
  });

  it('words errors as the jsonschema crate does', () => {
    const path = schemaFile('person.json', {
      type: 'object',
      required: ['name', 'age'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[A-Z]' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        score: { type: ['number', 'null'], exclusiveMaximum: 10, multipleOf: 0.5 },
        role: { enum: ['admin', 'user'] },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 2 },
        kind: { const: 'person' },
        id: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        nick: { not: { type: 'string' } },
      },
    });
    const lines = (json: string) => {
      const out = run(path, json);
      return typeof out === 'string'
        ? out.replace(/^error: JSON schema validation failed: /, '').split(/(?<= at \/[^ ,]*), /)
        : out;
    };
    expect(lines('{"name":"Al","age":30}')).toBe(true);
    expect(lines('{"name":"Al"}')).toEqual(['"age" is a required property at /']);
    expect(lines('[]')).toEqual(['[] is not of type "object" at /']);
    expect(lines('{"name":"Al","age":30,"x":1,"y":2}')).toEqual([
      "Additional properties are not allowed ('x', 'y' were unexpected) at /",
    ]);
    expect(lines('{"name":"al","age":30}')).toEqual(['"al" does not match "^[A-Z]" at /name']);
    expect(lines('{"name":"A","age":30}')).toEqual(['"A" is shorter than 2 characters at /name']);
    expect(lines('{"name":"Abcdef","age":30}')).toEqual(['"Abcdef" is longer than 5 characters at /name']);
    expect(lines('{"name":"Al","age":-1}')).toEqual(['-1 is less than the minimum of 0 at /age']);
    expect(lines('{"name":"Al","age":151}')).toEqual(['151 is greater than the maximum of 150 at /age']);
    expect(lines('{"name":"Al","age":1.5}')).toEqual(['1.5 is not of type "integer" at /age']);
    expect(lines('{"name":"Al","age":1,"score":"x"}')).toEqual([
      '"x" is not of types "null", "number" at /score',
    ]);
    expect(lines('{"name":"Al","age":1,"score":10}')).toEqual([
      '10 is greater than or equal to the maximum of 10 at /score',
    ]);
    expect(lines('{"name":"Al","age":1,"score":1.25}')).toEqual(['1.25 is not a multiple of 0.5 at /score']);
    expect(lines('{"name":"Al","age":1,"role":"root"}')).toEqual([
      '"root" is not one of "admin" or "user" at /role',
    ]);
    expect(lines('{"name":"Al","age":1,"tags":["a","a"]}')).toEqual([
      '["a","a"] has non-unique elements at /tags',
    ]);
    expect(lines('{"name":"Al","age":1,"tags":["a","b","c"]}')).toEqual([
      '["a","b","c"] has more than 2 items at /tags',
    ]);
    expect(lines('{"name":"Al","age":1,"tags":[1]}')).toEqual(['1 is not of type "string" at /tags/0']);
    expect(lines('{"name":"Al","age":1,"kind":"robot"}')).toEqual(['"person" was expected at /kind']);
    expect(lines('{"name":"Al","age":1,"id":1.5}')).toEqual([
      "1.5 is not valid under any of the schemas listed in the 'anyOf' keyword at /id",
    ]);
    expect(lines('{"name":"Al","age":1,"nick":"x"}')).toEqual([
      '{"type":"string"} is not allowed for "x" at /nick',
    ]);
    expect(lines('{"age":"x","zzz":1}')).toEqual([
      "Additional properties are not allowed ('zzz' was unexpected) at /",
      '"x" is not of type "integer" at /age',
      '"name" is a required property at /',
    ]);
  });

  it('follows the draft named by $schema', () => {
    const draft4 = schemaFile('d4.json', {
      $schema: 'http://json-schema.org/draft-04/schema#',
      properties: { n: { type: 'number', maximum: 5, exclusiveMaximum: true } },
    });
    expect(run(draft4, '{"n":5}')).toBe(
      'error: JSON schema validation failed: 5 is greater than or equal to the maximum of 5 at /n',
    );
    const draft7 = schemaFile('d7.json', {
      $schema: 'http://json-schema.org/draft-07/schema#',
      items: [{ type: 'string' }],
      additionalItems: false,
    });
    expect(run(draft7, '["a", 1, 2]')).toBe(
      'error: JSON schema validation failed: Additional items are not allowed (1, 2 were unexpected) at /',
    );
    const draft6 = schemaFile('d6.json', {
      $schema: 'http://json-schema.org/draft-06/schema#',
      type: 'string',
    });
    expect(run(draft6, '"x"')).toBe(true);
    const draft2019 = schemaFile('d2019.json', {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'string',
      format: 'uuid',
    });
    expect(run(draft2019, '"not-a-uuid"')).toBe(
      'error: JSON schema validation failed: "not-a-uuid" is not a "uuid" at /',
    );
  });

  it('checks the standard formats', () => {
    const path = schemaFile('formats.json', {
      properties: {
        d: { format: 'date' },
        dt: { format: 'date-time' },
        ip4: { format: 'ipv4' },
        ip6: { format: 'ipv6' },
        host: { format: 'hostname' },
        uri: { format: 'uri' },
      },
    });
    expect(
      run(
        path,
        '{"d":"2024-01-31","dt":"2024-01-31T10:00:00Z","ip4":"1.2.3.4","ip6":"::1","host":"a.example","uri":"https://x/y"}',
      ),
    ).toBe(true);
    expect(run(path, '{"d":"2024-02-30"}')).toBe(
      'error: JSON schema validation failed: "2024-02-30" is not a "date" at /d',
    );
    expect(run(path, '{"ip4":"1.2.3"}')).toBe(
      'error: JSON schema validation failed: "1.2.3" is not a "ipv4" at /ip4',
    );
  });

  it('keeps integer and float text in messages', () => {
    const path = schemaFile('str.json', { type: 'string' });
    expect(run(path, '[1.0]')).toBe(
      'error: JSON schema validation failed: [1.0] is not of type "string" at /',
    );
    expect(run(path, '{"b":1,"a":[true,null]}')).toBe(
      'error: JSON schema validation failed: {"a":[true,null],"b":1} is not of type "string" at /',
    );
  });
});
