/** Grok results (plain JS values from `src/vrl/grok`) as VRL values. */
import type { GrokValue } from '../../grok/index.js';
import { setField } from '../../value/object.js';
import type { Value, ValueObject } from '../../value/value.js';

/** Integral numbers become integers (the `integer` and `number` filters give integers for them). */
export function grokToValue(value: GrokValue): Value {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Number.isSafeInteger(value)) return BigInt(value);
    if (Number.isInteger(value) && Math.abs(value) < 9.2e18) return BigInt(value);
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(grokToValue);
  const out: ValueObject = {};
  for (const key of Object.keys(value)) setField(out, key, grokToValue(value[key]!));
  return out;
}
