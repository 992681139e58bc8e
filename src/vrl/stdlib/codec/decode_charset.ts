import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { decodeWithBomSniffing, encodingForLabel } from './charset.js';
import { bytesOf, fail } from './util.js';

/** VRL's message; `encoding_rs` labels are matched on bytes, so a non-UTF-8 label prints as `unknown`. */
export function unknownCharset(label: Uint8Array): never {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(label);
  } catch {
    text = 'unknown';
  }
  return fail(`Unknown charset: ${text}`);
}

export const decode_charset = defineFunction({
  name: 'decode_charset',
  parameters: [required('value', K.BYTES), required('from_charset', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value, fromCharset) => {
    const label = bytesOf(fromCharset);
    const encoding = encodingForLabel(Buffer.from(label).toString('latin1'));
    if (!encoding) unknownCharset(label);
    return decodeWithBomSniffing(bytesOf(value), encoding);
  },
  examples: [
    {
      title: 'Decode EUC-KR string',
      source: 'decode_charset!(decode_base64!("vsiz58fPvLy/5A=="), "euc-kr")',
      result: '"안녕하세요"',
    },
    {
      title: 'Decode EUC-JP string',
      source: 'decode_charset!(decode_base64!("pLOk86TLpMGkzw=="), "euc-jp")',
      result: '"こんにちは"',
    },
    {
      title: 'Decode GB2312 string',
      source: 'decode_charset!(decode_base64!("xOO6ww=="), "gb2312")',
      result: '"你好"',
    },
  ],
});
