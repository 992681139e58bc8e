import { K, Kind } from '../../types/index.js';
import { compileRustRegex, RegexSyntaxError } from '../../regex/index.js';
import { requireText, VrlError, VrlRegex } from '../../value/index.js';
import { defineFunction, required } from '../function.js';

/**
 * The shape of the Rust regex crate's parse error (pattern, a caret under the offending offset, the
 * reason); the reason is the translator's wording, which may differ from the crate's.
 */
function rustRegexError(pattern: string, error: RegexSyntaxError): string {
  const reason = error.message.replace(/ \(at offset \d+\)$/, '');
  const caret = ' '.repeat(Array.from(pattern.slice(0, error.offset)).length);
  return `regex parse error:\n    ${pattern}\n    ${caret}^\nerror: ${reason}`;
}

/** `to_regex(value)`: compiles a string as a (Rust syntax) regex. */
export const toRegex = defineFunction({
  name: 'to_regex',
  parameters: [required('value', K.BYTES)],
  kind: Kind.regex(),
  fallible: true,
  call: (value) => {
    const pattern = requireText(value!);
    try {
      return new VrlRegex(pattern, compileRustRegex(pattern));
    } catch (error) {
      if (!(error instanceof RegexSyntaxError)) throw error;
      throw new VrlError(`could not create regex: ${rustRegexError(pattern, error)}`);
    }
  },
  examples: [{ title: 'Coerce to a regex', source: 'to_regex!("^foo$")', result: "r'^foo$'" }],
});
