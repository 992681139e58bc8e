/** The type assertion functions (`array`, `bool`, `float`, `int`, `object`, `string`, `timestamp`). */
import { K, type Kind } from '../../../types/index.js';
import { expectedKind, kindDisplay, kindOf, type Value } from '../../../value/index.js';
import { defineFunction, required, type FunctionDef, type FunctionExample } from '../../function.js';
import type { Args } from './kinds.js';

export function typeAssertion(spec: {
  name: string;
  /** The kind bits the value must have. */
  bits: number;
  /** How VRL names the expected kind in the error. */
  expected: string;
  test: (value: Value) => boolean;
  /** The return kind from the argument's kind. */
  kind: (argument: Kind) => Kind;
  examples: readonly FunctionExample[];
}): FunctionDef {
  return defineFunction({
    name: spec.name,
    parameters: [required('value', K.ANY)],
    kind: (args: Args) => spec.kind(args[0]!.kind),
    fallible: (args: Args) => !args[0]!.kind.isSubsetOf(spec.bits),
    call: (value) => {
      if (spec.test(value!)) return value!;
      throw expectedKind(spec.expected, kindDisplay(kindOf(value!)));
    },
    examples: spec.examples,
  });
}
