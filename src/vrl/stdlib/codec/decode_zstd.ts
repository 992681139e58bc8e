import { decompress } from 'fzstd';
import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { bytesOf, fail } from './util.js';

export const decode_zstd = defineFunction({
  name: 'decode_zstd',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  fallible: true,
  call: (value) => {
    const bytes = bytesOf(value);
    let out: Uint8Array;
    try {
      if (bytes.length === 0) throw new Error('empty');
      out = decompress(bytes);
    } catch {
      return fail('unable to decode value with Zstd decoder');
    }
    return fromBytes(out);
  },
  examples: [
    {
      title: 'Decode Zstd data',
      source:
        'decode_zstd!(decode_base64!("KLUv/QBY/QEAYsQOFKClbQBedqXsb96EWDax/f/F/z+gNU4ZTInaUeAj82KqPFjUzKqhcfDqAIsLvAsnY1bI/N2mHzDixRQA"))',
      result: '"you_have_successfully_decoded_me.congratulations.you_are_breathtaking."',
    },
  ],
});
