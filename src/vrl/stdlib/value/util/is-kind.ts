/** The `is_*` kind predicates: infallible, boolean. */
import { K, Kind } from '../../../types/index.js';
import type { Value } from '../../../value/index.js';
import { defineFunction, required, type FunctionDef, type FunctionExample } from '../../function.js';

export function kindPredicate(
  name: string,
  test: (value: Value) => boolean,
  examples: readonly FunctionExample[],
): FunctionDef {
  return defineFunction({
    name,
    parameters: [required('value', K.ANY)],
    kind: Kind.boolean(),
    call: (value) => test(value!),
    examples,
  });
}
