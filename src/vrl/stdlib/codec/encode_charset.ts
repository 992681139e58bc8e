import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { encodeText, encodingForLabel } from './charset.js';
import { unknownCharset } from './decode_charset.js';
import { bytesOf, fail, textOf } from './util.js';

export const encode_charset = defineFunction({
  name: 'encode_charset',
  parameters: [required('value', K.BYTES), required('to_charset', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, toCharset) => {
    const label = bytesOf(toCharset);
    const encoding = encodingForLabel(Buffer.from(label).toString('latin1'));
    if (!encoding) unknownCharset(label);
    try {
      return fromBytes(encodeText(textOf(value), encoding));
    } catch {
      return fail(`Unknown charset: ${textOf(toCharset)}`);
    }
  },
  examples: [
    {
      title: 'Encode UTF8 string to EUC-KR',
      source: 'encode_base64(encode_charset!("안녕하세요", "euc-kr"))',
      result: '"vsiz58fPvLy/5A=="',
    },
    {
      title: 'Encode UTF8 string to EUC-JP',
      source: 'encode_base64(encode_charset!("こんにちは", "euc-jp"))',
      result: '"pLOk86TLpMGkzw=="',
    },
    {
      title: 'Encode UTF8 string to GB2312',
      source: 'encode_base64(encode_charset!("你好", "gb2312"))',
      result: '"xOO6ww=="',
    },
  ],
});
