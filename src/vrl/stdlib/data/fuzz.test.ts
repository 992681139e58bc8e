/** Seeded random inputs through our functions and upstream VRL: parsers must agree on odd text too. */
import { describe, expect, it } from 'vitest';
import { oracle, ours } from './test-helpers/testing.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function strings(seed: number, count: number, alphabet: string, maxLength: number): string[] {
  const next = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * (maxLength + 1));
    let text = '';
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
    out.push(text);
  }
  return out;
}

const GROUPS: [string, string[]][] = [
  ['r, err = ip_pton(.x); [encode_base64(r), err]', strings(1, 150, '0123456789abcdef:.', 14)],
  ['r, err = ip_pton(.x); [encode_base64(r), err]', strings(2, 100, '0129.:f', 18)],
  ['r, err = parse_json(.x); [r, err]', strings(3, 150, '{}[],:"0123-.eEtruefalsn \\\\u', 10)],
  ['r, err = parse_int(.x); [r, err]', strings(4, 80, '0123456789abxo+-', 6)],
  ['r, err = parse_float(.x); [r, err]', strings(5, 80, '0123456789.eE+-naif', 6)],
  ['r, err = parse_bytes(.x, unit: "B"); [r, err]', strings(6, 80, '0123456789.eE+-_ kKmMgGiIbB', 7)],
  ['r, err = parse_duration(.x, unit: "ms"); [r, err]', strings(7, 80, '0123456789. smhdwun', 7)],
  ['r, err = ip_subnet(.x, "/16"); [r, err]', strings(8, 60, '0123456789:.f', 12)],
  ['r, err = parse_xml(.x); [r, err]', strings(9, 120, '<>/ab ="\'&;!-?x1', 12)],
];

describe('random inputs agree with upstream VRL', () => {
  for (const [source, inputs] of GROUPS) {
    it(source, () => {
      for (const input of inputs) {
        const event = { x: input };
        expect({ input, result: ours(source, event) }).toEqual({ input, result: oracle(source, event) });
      }
    });
  }
});
