import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toBytes } from '../../value/index.js';
import { enumArgument } from './support/args.js';
import { graphemes, text } from './support/text.js';

const SEGMENTATIONS = ['byte', 'codepoint', 'grapheme'] as const;

function entropy(counts: Iterable<number>, total: number): number {
  let result = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / total;
    result -= p * Math.log2(p);
  }
  return Number.isNaN(result) ? 0 : result;
}

function countSegments(segments: Iterable<string>): [Map<string, number>, number] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const segment of segments) {
    counts.set(segment, (counts.get(segment) ?? 0) + 1);
    total++;
  }
  return [counts, total];
}

export const shannon_entropy: FunctionDef = {
  name: 'shannon_entropy',
  parameters: [required('value', K.BYTES), optional('segmentation', K.BYTES)],
  compile(args) {
    const segmentation = enumArgument(args, 1, 'segmentation', SEGMENTATIONS) ?? 'byte';
    return {
      kind: Kind.float(),
      fallible: false,
      pure: true,
      call: (value) => {
        if (segmentation === 'byte') {
          const bytes = toBytes(value as string | Uint8Array);
          const counts = new Array<number>(256).fill(0);
          for (const b of bytes) counts[b]!++;
          return entropy(counts, bytes.length);
        }
        const s = text(value);
        const [counts, total] = countSegments(segmentation === 'codepoint' ? s : graphemes(s));
        return entropy(counts.values(), total);
      },
    };
  },
  examples: [
    {
      title: 'Simple byte segmentation example',
      source: 'floor(shannon_entropy("vector.dev"), precision: 4)',
      result: '2.9219',
    },
    {
      title: 'UTF-8 string with bytes segmentation',
      source: 'floor(shannon_entropy("test123%456.فوائد.net."), precision: 4)',
      result: '4.0784',
    },
    {
      title: 'UTF-8 string with grapheme segmentation',
      source: 'floor(shannon_entropy("test123%456.فوائد.net.", segmentation: "grapheme"), precision: 4)',
      result: '3.9362',
    },
    {
      title: 'UTF-8 emoji (7 Unicode scalar values) with grapheme segmentation',
      source: 'shannon_entropy("👨‍👩‍👧‍👦", segmentation: "grapheme")',
      result: '0.0',
    },
  ],
};
