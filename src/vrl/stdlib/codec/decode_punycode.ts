import punycode from 'punycode/punycode.js';
import { defineFunction, optional, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fail, textOf } from './util.js';
import { toUnicode } from './uts46.js';

const PREFIX = 'xn--';

export const decode_punycode = defineFunction({
  name: 'decode_punycode',
  parameters: [required('value', K.BYTES), optional('validate', K.BOOLEAN)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, validate) => {
    const text = textOf(value);
    if (!text.includes(PREFIX)) return text;
    if (validate === false) {
      return text
        .split('.')
        .map((part) => {
          if (!part.startsWith(PREFIX)) return part;
          try {
            return punycode.decode(part.slice(PREFIX.length));
          } catch {
            return part;
          }
        })
        .join('.');
    }
    const unicode = toUnicode(text);
    if (unicode === undefined) fail('unable to decode punycode');
    return unicode;
  },
  examples: [
    {
      title: 'Decode a punycode encoded internationalized domain name',
      source: 'decode_punycode!("www.xn--caf-dma.com")',
      result: '"www.café.com"',
    },
    {
      title: 'Decode an ASCII only string',
      source: 'decode_punycode!("www.cafe.com")',
      result: '"www.cafe.com"',
    },
    {
      title: 'Ignore validation',
      source: 'decode_punycode!("xn--8hbb.xn--fiba.xn--8hbf.xn--eib.", validate: false)',
      result: '"١٠.٦٦.٣٠.٥."',
    },
  ],
});
