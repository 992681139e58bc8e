import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import type { VrlRegex } from '../../value/index.js';
import { regexMatches } from './support/regex.js';
import { byteOffsetOf, optionalText, text } from './support/text.js';

export const sieve = defineFunction({
  name: 'sieve',
  parameters: [
    required('value', K.BYTES),
    required('permitted_characters', K.REGEX),
    optional('replace_single', K.BYTES),
    optional('replace_repeated', K.BYTES),
  ],
  kind: Kind.bytes(),
  call: (value, permitted, replaceSingle, replaceRepeated) => {
    const s = text(value);
    const single = optionalText(replaceSingle, '');
    const repeated = optionalText(replaceRepeated, '');
    let out = '';
    let lastEnd = 0;
    let lastEndBytes = 0;
    for (const m of regexMatches(permitted as VrlRegex, s)) {
      const startBytes = byteOffsetOf(s, m.index, lastEnd, lastEndBytes);
      // The gap is measured in bytes, as VRL does: one rejected multi-byte character counts as repeated.
      const gap = startBytes - lastEndBytes;
      if (gap > 1) out += repeated;
      else if (gap === 1) out += single;
      lastEnd = m.index + m[0].length;
      lastEndBytes = byteOffsetOf(s, lastEnd, m.index, startBytes);
      out += m[0];
    }
    return out;
  },
  examples: [
    {
      title: 'Keep only lowercase letters',
      source: 'sieve("vector.dev/lowerUPPER", permitted_characters: r\'[a-z]\')',
      result: '"vectordevlower"',
    },
    {
      title: 'Sieve with regex',
      source: 'sieve("test123%456.فوائد.net.", r\'[a-z0-9.]\')',
      result: '"test123456..net."',
    },
    {
      title: 'Custom replacements',
      source:
        'sieve("test123%456.فوائد.net.", r\'[a-z.0-9]\', replace_single: "X", replace_repeated: "<REMOVED>")',
      result: '"test123X456.<REMOVED>.net."',
    },
  ],
});
