/** Value functions against upstream VRL (the WebAssembly oracle) on programs beyond the documented examples. */
import { describe, expect, it } from 'vitest';
import { VrlError } from '../../value/index.js';
import { functions } from './index.js';
import { runOracle } from './test-helpers/oracle.js';
import { toPlain } from './test-helpers/plain.js';
import { ExampleError, runExample } from './test-helpers/run-example.js';

const PROGRAMS = [
  // type assertions and predicates
  'array!([1, [2]])',
  'object!({"a": [1]})',
  "string!(s'x')",
  'int!(1.0)',
  'float!(1)',
  'bool!(null)',
  'timestamp!("2020-01-01T00:00:00Z")',
  'is_nullish(" \\t\\n")',
  'is_nullish("--")',
  'is_nullish(0)',
  'is_nullish("\u00a0")',
  'is_empty("")',
  'is_empty({"a": null})',
  "is_regex(r'a')",
  "is_timestamp(t'2020-01-01T00:00:00Z')",
  // numbers
  'abs(-5)',
  'abs(-5.5)',
  'abs(0.0)',
  'ceil(4.1)',
  'ceil(-4.1)',
  'ceil(4.345, precision: 2)',
  'ceil(5)',
  'floor(4.9)',
  'floor(-4.1)',
  'floor(4.345, precision: 2)',
  'floor(4.345, precision: -1)',
  'round(4.5)',
  'round(-4.5)',
  'round(2.5)',
  'round(-0.4)',
  'round(4.345, precision: 2)',
  'round(1234.5, precision: -2)',
  'round(0.49999999999999994)',
  'round(5)',
  'ceil(0.1, precision: 400)',
  'round(0.1, precision: -400)',
  'mod(5, 2)',
  'mod(-5, 2)',
  'mod(5, -2)',
  'mod(5.5, 2)',
  'mod(5, 2.5)',
  'mod(-5.5, 2.0)',
  'mod!(5, 0)',
  'x = 0.0; mod!(5.0, x)',
  // arrays
  'append([1], [2, [3]])',
  'push([], null)',
  'pop([])',
  'pop([1, 2])',
  'chunks("abcdefg", 3)',
  'chunks("", 3)',
  'chunks("ab", 10)',
  'includes([1, "a", [2]], [2])',
  'includes([1], 1.0)',
  'includes([{"a": 1}], {"a": 1})',
  'unique([1, 1.0, 1, "1", null, null, [1], [1], {"a": 1}, {"a": 1}])',
  'tally_value([1, 1.0, "1", 1], 1)',
  'tally!(["a", "b", "a", ""])',
  'tally!([10000000000000000.0])',
  'tally!([0.00000015])',
  'tally!([1000000000000000.0])',
  "tally!([t'2020-01-01T00:00:00.5Z'])",
  "tally!([r'a.b'])",
  'tally!([{"k": [1, null, true, "q\\"\\n"]}])',
  'tally!(["a", 1])',
  'tally!([true])',
  'tally!([null])',
  'tally!([[1, "a"]])',
  'zip([1, 2, 3], ["a", "b"])',
  'zip([[1, 2], [3, 4], [5, 6, 7]])',
  'zip([[1, 2], 3])',
  'zip([1, 2], [])',
  // objects
  'keys({"b": 1, "a": 2, "B": 3})',
  'values({"b": 1, "a": 2})',
  'length({"a": 1, "b": 2})',
  'length("héllo")',
  'length([1, [2, 3]])',
  'merge({"a": 1, "b": {"c": 1}}, {"b": {"d": 2}})',
  'merge({"a": 1, "b": {"c": 1}}, {"b": {"d": 2}}, deep: true)',
  'merge({"a": {"b": {"c": 1}}}, {"a": {"b": {"d": 2}, "e": 3}}, deep: true)',
  'merge({"a": {"b": 1}}, {"a": 2}, deep: true)',
  'flatten({"a": {"b": {"c": 1}}, "d": [1, {"e": 2}], "f": {}})',
  'flatten({"a": {"b": 1}}, separator: "_")',
  'flatten([1, [2, [3, []]], {"a": [4]}])',
  'flatten({"a.b": 1, "a": {"b": 2}})',
  'flatten({"a": {"b": 2}, "a.b": 1})',
  'unflatten({"a.b.c": 1, "a.d": 2, "e": 3})',
  'unflatten({"a.b": 1, "a": 2})',
  'unflatten({"a": 2, "a.b": 1})',
  'unflatten({"a_b": 1}, separator: "_")',
  'unflatten({"a": {"b.c": 1}})',
  'unflatten({"a": {"b.c": 1}}, recursive: false)',
  'unflatten({"a.b": {"c.d": 1}}, recursive: false)',
  'unflatten({"a.b": {"c.d": 1}})',
  'unflatten({"a..b": 1, ".c": 2, "d.": 3})',
  'unflatten({"a": [{"b.c": 1}]})',
  'compact({"a": {"b": {"c": null}}, "d": [[], {}], "e": " "})',
  'compact({"a": {"b": null}}, recursive: false)',
  'compact(["", null, [], {}], string: false, null: false)',
  'compact(["", null, [], {}], object: false, array: false)',
  'compact({"a": "-", "b": " ", "c": 0}, nullish: true)',
  'compact([[null], [[""]]])',
  'get!({"a": [1, {"b": 2}]}, ["a", 1, "b"])',
  'get!({"a": 1}, [])',
  'get!([1, 2], [-3])',
  'get!({"a": 1}, ["a", "b"])',
  'get!({"a": 1}, [1.5])',
  'get!({"a": 1}, [null])',
  'set!({"a": 1}, ["a", "b"], 2)',
  'set!([1], [3], 2)',
  'set!([1], [-3], 2)',
  'set!([1, 2], [-1], 9)',
  'set!({}, [], 5)',
  'set!({}, ["a", 1, "b"], 5)',
  'set!({}, [0], 5)',
  'set!([], ["x", -2], 5)',
  'set!({"a": [1]}, ["a", 0, "b"], 5)',
  'remove!({"a": {"b": 1}}, ["a", "b"], compact: true)',
  'remove!({"a": [1], "b": 2}, ["a", 0])',
  'remove!({"a": 1}, [])',
  'remove!([1, 2], [])',
  'remove!([1, 2, 3], [-1])',
  'remove!([1, 2], [5])',
  'remove!({"a": [{"b": 1}], "c": 1}, ["a", 0, "b"], compact: true)',
  'remove!({"a": {"b": {"c": 1}, "d": 1}}, ["a", "b", "c"], compact: true)',
  'remove!({"a": 1}, ["a", "b"])',
  'tag_types_externally({"a": [1, 2.5, "x", true, null, t\'2020-01-01T00:00:00Z\', r\'a.b\'], "b": {}})',
  // misc
  'assert!(true)',
  'assert!(1 == 2)',
  'assert!(false, message: "custom")',
  'assert_eq!({"a": [1, "b\\"\\n"]}, {"a": 1.5})',
  "assert_eq!(t'2020-01-01T00:00:00Z', r'x')",
  'assert_eq!(null, 0.1)',
  'assert_eq!(100.0, 0.0000001)',
  'assert_eq!(100000000000000000000.0, "")',
  'to_syslog_facility!(23)',
  'to_syslog_facility!(24)',
  'to_syslog_facility!(-1)',
  'to_syslog_level!(8)',
  'to_syslog_severity!("warn")',
  'to_syslog_severity!("WARN")',
  'to_syslog_severity!("panic")',
  'to_regex!("^a+$")',
  'to_regex!("(")',
  'is_regex(to_regex!("a"))',
];

type Outcome = { ok: true; result: unknown } | { ok: false; error: string };

function ours(source: string): Outcome {
  try {
    return { ok: true, result: toPlain(runExample(source, functions)) };
  } catch (error) {
    if (error instanceof ExampleError)
      return {
        ok: false,
        error: error.message.replace(/^function call error for "[^"]+" at \(\d+:\d+\): /, ''),
      };
    if (error instanceof VrlError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Known differences between our output and the oracle, with why. */
const DIVERGENT: Record<string, string> = {
  // The regex engines word their syntax errors differently.
  'to_regex!("(")': 'regex error text',
};

describe('value functions against upstream', () => {
  for (const source of PROGRAMS) {
    it(source, () => {
      const upstream = runOracle(source);
      if (
        !upstream.ok &&
        /undefined function|unknown function argument|not supported in WebAssembly/.test(upstream.error)
      )
        return;
      const mine = ours(source);
      if (DIVERGENT[source]) {
        expect(mine.ok).toBe(upstream.ok);
        if (!mine.ok && !upstream.ok)
          expect(mine.error.split('\n').slice(0, 3)).toEqual(upstream.error.split('\n').slice(0, 3));
        return;
      }
      expect(mine).toEqual(upstream);
    });
  }
});
