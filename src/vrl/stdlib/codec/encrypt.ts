import { required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes } from '../../value/index.js';
import { checkStaticAlgorithm, resolve } from './crypt_common.js';
import { bytesOf } from './util.js';

export const encrypt: FunctionDef = {
  name: 'encrypt',
  parameters: [
    required('plaintext', K.BYTES),
    required('algorithm', K.BYTES),
    required('key', K.BYTES),
    required('iv', K.BYTES),
  ],
  compile(args) {
    checkStaticAlgorithm(args);
    return {
      kind: Kind.bytes(),
      fallible: true,
      // ISO 10126 padding is random; everything else is deterministic, but keep the call unfolded.
      pure: false,
      call: (plaintext, name, key, iv) => {
        const [algorithm, k, v] = resolve(name, key, iv);
        return fromBytes(algorithm.encrypt(k, v, bytesOf(plaintext)));
      },
    };
  },
  examples: [
    {
      title: 'Encrypt value using AES-256-CFB',
      source:
        'iv = "0123456789012345" # typically you would call random_bytes(16)\nkey = "01234567890123456789012345678912"\nencrypted_message = encrypt!("data", "AES-256-CFB", key: key, iv: iv)\nencode_base64(encrypted_message)',
      result: '"c/dIOA=="',
    },
    {
      title: 'Encrypt value using AES-128-CBC-PKCS7',
      source:
        'iv = "1234567890123456" # typically you would call random_bytes(16)\nkey = "16_byte_keyxxxxx"\nencrypted_message = encrypt!("super secret message", "AES-128-CBC-PKCS7", key: key, iv: iv)\nencode_base64(encrypted_message)',
      result: '"GBw8Mu00v0Kc38+/PvsVtGgWuUJ+ZNLgF8Opy8ohIYE="',
    },
  ],
};
