import { describe, expect, it } from 'vitest';
import { K, Kind } from './kind.js';
import { insertKind, kindAtPath, mergeObjectKinds, removeKind, storedKind } from './path.js';

describe('kinds along paths', () => {
  const event = Kind.object({}, Kind.any());
  it('unknown fields may be missing', () => {
    expect(kindAtPath(event, ['a']).bits).toBe(K.ANY | K.UNDEFINED);
    expect(kindAtPath(Kind.object({ a: Kind.bytes() }), ['a']).bits).toBe(K.BYTES);
    expect(kindAtPath(Kind.object({ a: Kind.bytes() }), ['b']).bits).toBe(K.UNDEFINED);
    expect(kindAtPath(Kind.tuple([Kind.bytes(), Kind.integer()]), [-1]).bits).toBe(K.INTEGER);
    expect(kindAtPath(Kind.bytes(), ['x']).bits).toBe(K.UNDEFINED);
  });
  it('inserting builds nested objects and arrays', () => {
    const k = insertKind(event, ['a', 'b'], Kind.integer());
    expect(kindAtPath(k, ['a', 'b']).bits).toBe(K.INTEGER);
    const arr = insertKind(Kind.null(), [2], Kind.bytes());
    expect(kindAtPath(arr, [0]).bits).toBe(K.NULL);
    expect(kindAtPath(arr, [2]).bits).toBe(K.BYTES);
  });
  it('removing and merging', () => {
    const k = removeKind(Kind.object({ a: Kind.bytes(), b: Kind.integer() }), ['a']);
    expect(kindAtPath(k, ['a']).bits).toBe(K.UNDEFINED);
    const m = mergeObjectKinds(Kind.object({ a: Kind.integer() }), Kind.object({ a: Kind.bytes() }));
    expect(kindAtPath(m, ['a']).bits).toBe(K.BYTES);
    expect(storedKind(Kind.undefined()).bits).toBe(K.NULL);
  });
});
