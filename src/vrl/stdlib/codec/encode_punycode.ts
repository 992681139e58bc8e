import punycode from 'punycode/punycode.js';
import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fail, textOf } from './util.js';
import { toAscii } from './uts46.js';

const PREFIX = 'xn--';

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Without validation: each non-ASCII label lower-cased and punycoded, the rest only lower-cased. */
function encodeLabels(text: string): string {
  if (/^[a-z0-9.]*$/.test(text)) return text;
  return text
    .split('.')
    .map((part) => {
      const lower = part.toLowerCase();
      if (part.startsWith(PREFIX) || isAscii(part)) return lower;
      try {
        return PREFIX + punycode.encode(lower);
      } catch {
        return PREFIX + lower;
      }
    })
    .join('.');
}

export const encode_punycode = defineFunction({
  name: 'encode_punycode',
  parameters: [required('value', K.BYTES), optional('validate', K.BOOLEAN)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, validate) => {
    const text = textOf(value);
    if (validate === false) return encodeLabels(text);
    // UTS #46 processing with the URL Standard's flags, as `idna::domain_to_ascii`.
    const ascii = toAscii(text);
    if (ascii === undefined) fail('unable to encode to punycode');
    return ascii;
  },
  examples: [
    {
      title: 'Encode an internationalized domain name',
      source: 'encode_punycode!("www.café.com")',
      result: '"www.xn--caf-dma.com"',
    },
    {
      title: 'Encode an internationalized domain name with mixed case',
      source: 'encode_punycode!("www.CAFé.com")',
      result: '"www.xn--caf-dma.com"',
    },
    {
      title: 'Encode an ASCII only string',
      source: 'encode_punycode!("www.cafe.com")',
      result: '"www.cafe.com"',
    },
    {
      title: 'Ignore validation',
      source: 'encode_punycode!("xn--8hbb.xn--fiba.xn--8hbf.xn--eib.", validate: false)',
      result: '"xn--8hbb.xn--fiba.xn--8hbf.xn--eib."',
    },
  ],
});
