/** Enrichment lookups, `log`, `bitwise_and`, and the return kinds/fallibility the compiler relies on. */
import { describe, expect, it, vi } from 'vitest';
import { K, Kind } from '../../types/index.js';
import { VrlTimestamp, type Value, type ValueObject } from '../../value/index.js';
import {
  FunctionCompileError,
  type ArgumentInfo,
  type CompileContext,
  type EnrichmentTable,
  type FunctionDef,
} from '../function.js';
import { functions } from './index.js';
import { findEnrichmentTableRecords } from './find_enrichment_table_records.js';
import { getEnrichmentTableRecord } from './get_enrichment_table_record.js';
import { log, setLogHook, type LogLevel } from './log.js';
import { TEST_CONTEXT } from './test-helpers/run-example.js';
import { kindOfValue } from './util/kinds.js';
import { rustFloatDebug, rustFloatDisplay, vrlDisplay } from './util/rust.js';

const SPAN = { start: 0, end: 0 };
const arg = (kind: Kind, constant?: Value): ArgumentInfo => ({
  kind,
  span: SPAN,
  constant: constant === undefined ? undefined : { value: constant },
});
const lit = (value: Value): ArgumentInfo => arg(kindOfValue(value), value);

function byName(name: string): FunctionDef {
  const def = functions.find((f) => f.name === name);
  if (!def) throw new Error(name);
  return def;
}

function compiled(name: string, args: (ArgumentInfo | undefined)[], ctx: CompileContext = TEST_CONTEXT) {
  return byName(name).compile(args, ctx);
}

describe('registry', () => {
  it('has unique names and every parameter keyword once', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of functions)
      expect(new Set(f.parameters.map((p) => p.keyword)).size).toBe(f.parameters.length);
  });
  it('marks only to_timestamp compat-only', () => {
    expect(functions.filter((f) => f.compatOnly).map((f) => f.name)).toEqual(['to_timestamp']);
  });
});

describe('kinds and fallibility', () => {
  const any = arg(Kind.any());
  it('type assertions are infallible only for the asserted kind', () => {
    expect(compiled('string', [arg(Kind.bytes())])).toMatchObject({ fallible: false });
    expect(compiled('string', [any])).toMatchObject({ fallible: true });
    expect(compiled('string', [any]).kind.toString()).toBe('string');
    expect(compiled('int', [arg(Kind.integer())]).fallible).toBe(false);
    expect(compiled('timestamp', [arg(Kind.integer())]).fallible).toBe(true);
  });
  it('array/object assertions keep what is known of the value', () => {
    const tuple = Kind.tuple([Kind.integer(), Kind.bytes()]);
    const k = compiled('array', [arg(tuple.or(Kind.null()))]).kind;
    expect(k.bits).toBe(K.ARRAY);
    expect(k.array!.known.get(1)!.toString()).toBe('string');
    const o = compiled('object', [arg(Kind.object({ a: Kind.float() }))]).kind;
    expect(o.object!.known.get('a')!.toString()).toBe('float');
  });
  it('coercions are fallible only for kinds that can fail', () => {
    expect(
      compiled('to_int', [arg(Kind.bits(K.INTEGER | K.FLOAT | K.NULL | K.BOOLEAN | K.TIMESTAMP))]).fallible,
    ).toBe(false);
    expect(compiled('to_int', [arg(Kind.bytes())]).fallible).toBe(true);
    expect(compiled('to_bool', [arg(Kind.timestamp())]).fallible).toBe(true);
    expect(compiled('to_float', [arg(Kind.timestamp())]).fallible).toBe(false);
    expect(compiled('to_string', [arg(Kind.bits(K.SCALAR & ~K.REGEX))]).fallible).toBe(false);
    expect(compiled('to_string', [arg(Kind.regex())]).fallible).toBe(true);
  });
  it('numeric functions keep the value kind', () => {
    expect(compiled('round', [arg(Kind.float())]).kind.toString()).toBe('float');
    expect(compiled('abs', [arg(Kind.integer())]).kind.toString()).toBe('integer');
    expect(compiled('floor', [arg(Kind.bits(K.INTEGER | K.FLOAT))]).kind.toString()).toBe('integer or float');
  });
  it('mod is infallible for a literal non-zero modulus', () => {
    expect(compiled('mod', [arg(Kind.integer()), lit(2n)])).toMatchObject({ fallible: false });
    expect(compiled('mod', [arg(Kind.integer()), lit(0n)]).fallible).toBe(true);
    expect(compiled('mod', [arg(Kind.integer()), arg(Kind.integer())]).fallible).toBe(true);
    expect(compiled('mod', [arg(Kind.float()), lit(2.5)]).fallible).toBe(false);
    expect(compiled('mod', [lit(Infinity), lit(2.5)]).fallible).toBe(true);
  });
  it('merge overwrites known fields', () => {
    const k = compiled('merge', [lit({ a: 1n, b: 'x' }), lit({ b: 2.5 })]).kind;
    expect(k.object!.known.get('a')!.toString()).toBe('integer');
    expect(k.object!.known.get('b')!.toString()).toBe('float');
    expect(k.object!.unknown).toBeUndefined();
  });
  it('push and append extend known arrays', () => {
    const pushed = compiled('push', [lit([1n]), lit('a')]).kind;
    expect(pushed.array!.known.get(1)!.toString()).toBe('string');
    expect(pushed.array!.unknown).toBeUndefined();
    const appended = compiled('append', [lit([1n]), lit([true, null])]).kind;
    expect(appended.array!.known.get(2)!.toString()).toBe('null');
  });
  it('values reduces the field kinds', () => {
    expect(compiled('values', [lit({ a: 1n, b: 'x' })]).kind.array!.unknown!.toString()).toBe(
      'string or integer',
    );
  });
  it('impure functions are not foldable', () => {
    for (const name of ['get_env_var', 'get_hostname'])
      expect(compiled(name, [lit('HOME')]).pure).toBe(false);
    expect(compiled('to_int', [lit('1')]).pure).toBe(true);
  });
});

describe('bitwise_and', () => {
  it('ands integers, fallible unless the second operand is a literal', () => {
    expect(compiled('bitwise_and', [lit(6n), lit(3n)]).call(6n, 3n)).toBe(2n);
    expect(compiled('bitwise_and', [lit(-1n), lit(255n)]).call(-1n, 255n)).toBe(255n);
    expect(compiled('bitwise_and', [arg(Kind.integer()), lit(1n)]).fallible).toBe(false);
    expect(compiled('bitwise_and', [lit(1n), arg(Kind.integer())]).fallible).toBe(true);
  });
});

describe('log', () => {
  it('writes the value to the hook at the static level', () => {
    const lines: [LogLevel, string][] = [];
    const previous = setLogHook((level, message) => lines.push([level, message]));
    try {
      expect(log.compile([lit('hi')], TEST_CONTEXT).call('hi')).toBe(null);
      log.compile([lit({ a: 1n }), lit('warn')], TEST_CONTEXT).call({ a: 1n });
      log.compile([lit(null), lit('error'), lit(5n)], TEST_CONTEXT).call(null, 'error', 5n);
      log.compile([lit(1.0), lit('debug')], TEST_CONTEXT).call(1.0, 'debug');
    } finally {
      setLogHook(previous);
    }
    expect(lines).toEqual([
      ['info', 'hi'],
      ['warn', '{"a":1}'],
      ['error', '<null>'],
      ['debug', '1'],
    ]);
  });
  it('writes to stderr by default', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      log.compile([lit('x')], TEST_CONTEXT).call('x');
      expect(String(spy.mock.calls[0]![0])).toContain('x');
    } finally {
      spy.mockRestore();
    }
  });
  it('rejects unknown or dynamic levels', () => {
    expect(() => log.compile([lit('x'), lit('loud')], TEST_CONTEXT)).toThrow(FunctionCompileError);
    expect(() => log.compile([lit('x'), arg(Kind.bytes())], TEST_CONTEXT)).toThrow(FunctionCompileError);
  });
});

describe('enrichment tables', () => {
  const rows: ValueObject[] = [
    { id: 1n, firstname: 'Bob', surname: 'Smith' },
    { id: 2n, firstname: 'Fred', surname: 'Smith' },
    { id: 3n, firstname: 'Amy', surname: 'Jones' },
  ];
  const seen: { caseSensitive: boolean; select?: string[] }[] = [];
  const table: EnrichmentTable = {
    find(condition, options) {
      seen.push(options);
      return rows
        .filter((row) =>
          Object.entries(condition).every(
            ([k, v]) =>
              row[k] === v ||
              (typeof v === 'string' &&
                !options.caseSensitive &&
                String(row[k]).toLowerCase() === v.toLowerCase()),
          ),
        )
        .map((row) =>
          options.select ? Object.fromEntries(options.select.map((c) => [c, row[c] ?? null])) : row,
        );
    },
  };
  const ctx: CompileContext = { ...TEST_CONTEXT, enrichmentTables: new Map([['test', table]]) };

  it('finds every matching row', () => {
    const impl = findEnrichmentTableRecords.compile([lit('test'), arg(Kind.object({}))], ctx);
    expect(impl.fallible).toBe(true);
    expect(impl.call('test', { surname: 'Smith' })).toEqual(rows.slice(0, 2));
    expect(impl.call('test', { surname: 'Nobody' })).toEqual([]);
  });

  it('gets exactly one row, or fails', () => {
    const impl = getEnrichmentTableRecord.compile([lit('test'), arg(Kind.object({}))], ctx);
    expect(impl.call('test', { id: 1n })).toEqual(rows[0]);
    expect(() => impl.call('test', { surname: 'Smith' })).toThrow('more than one row found');
    expect(() => impl.call('test', { id: 9n })).toThrow('no rows found');
  });

  it('passes select and case_sensitive', () => {
    const impl = getEnrichmentTableRecord.compile(
      [lit('test'), arg(Kind.object({})), arg(Kind.array()), lit(false)],
      ctx,
    );
    expect(impl.call('test', { firstname: 'amy' }, ['surname'], false)).toEqual({ surname: 'Jones' });
    expect(seen.at(-1)).toEqual({ caseSensitive: false, select: ['surname'] });
    expect(() => impl.call('test', { id: 3n }, [1n], false)).toThrow('expected string, got integer');
  });

  it('checks date range conditions', () => {
    const impl = findEnrichmentTableRecords.compile([lit('test'), arg(Kind.object({}))], ctx);
    expect(() => impl.call('test', { at: { from: 1n, to: new VrlTimestamp(0n) } })).toThrow(
      'from in condition must be a timestamp',
    );
  });

  it('rejects unknown or dynamic table names at compile time', () => {
    try {
      getEnrichmentTableRecord.compile([lit('nope'), arg(Kind.object({}))], ctx);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FunctionCompileError);
      expect((error as FunctionCompileError).code).toBe(610);
      expect((error as FunctionCompileError).message).toContain('"nope"');
    }
    expect(() => findEnrichmentTableRecords.compile([arg(Kind.bytes()), arg(Kind.object({}))], ctx)).toThrow(
      FunctionCompileError,
    );
  });
});

describe('Rust number printing', () => {
  it('Display never uses an exponent', () => {
    expect(rustFloatDisplay(52.2)).toBe('52.2');
    expect(rustFloatDisplay(100)).toBe('100');
    expect(rustFloatDisplay(-0)).toBe('-0');
    expect(rustFloatDisplay(1e21)).toBe('1000000000000000000000');
    expect(rustFloatDisplay(1.5e-7)).toBe('0.00000015');
    expect(rustFloatDisplay(Infinity)).toBe('inf');
  });
  it('Debug keeps .0 and uses exponents at the extremes', () => {
    expect(rustFloatDebug(1)).toBe('1.0');
    expect(rustFloatDebug(1e16)).toBe('1e16');
    expect(rustFloatDebug(1.5e-7)).toBe('1.5e-7');
  });
  it('VRL Display quotes strings and nests containers', () => {
    expect(vrlDisplay({ b: [1n, 'x"\n'], a: null })).toBe('{ "a": null, "b": [1, "x\\"\\n"] }');
  });
});
