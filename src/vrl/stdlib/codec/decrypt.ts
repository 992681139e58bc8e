import { required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes, VrlError } from '../../value/index.js';
import { InvalidInput } from './aes_modes.js';
import { checkStaticAlgorithm, resolve } from './crypt_common.js';
import { AuthenticationError } from './stream_ciphers.js';
import { bytesOf } from './util.js';

export const decrypt: FunctionDef = {
  name: 'decrypt',
  parameters: [
    required('ciphertext', K.BYTES),
    required('algorithm', K.BYTES),
    required('key', K.BYTES),
    required('iv', K.BYTES),
  ],
  compile(args) {
    checkStaticAlgorithm(args);
    return {
      kind: Kind.bytes(),
      fallible: true,
      pure: true,
      call: (ciphertext, name, key, iv) => {
        const [algorithm, k, v] = resolve(name, key, iv);
        try {
          return fromBytes(algorithm.decrypt(k, v, bytesOf(ciphertext)));
        } catch (error) {
          if (error instanceof InvalidInput) throw new VrlError('Invalid input');
          // VRL aborts the whole program here (a panic); an ordinary error is the closest safe behaviour.
          if (error instanceof AuthenticationError)
            throw new VrlError('unable to decrypt: authentication failed');
          throw error;
        }
      },
    };
  },
  examples: [
    {
      title: 'Decrypt value using AES-256-CFB',
      source:
        'iv = "0123456789012345"\nkey = "01234567890123456789012345678912"\nciphertext = decode_base64!("c/dIOA==")\ndecrypt!(ciphertext, "AES-256-CFB", key: key, iv: iv)',
      result: '"data"',
    },
    {
      title: 'Decrypt value using AES-128-CBC-PKCS7',
      source:
        'iv = decode_base64!("fVEIRkIiczCRWNxaarsyxA==")\nkey = "16_byte_keyxxxxx"\nciphertext = decode_base64!("5fLGcu1VHdzsPcGNDio7asLqE1P43QrVfPfmP4i4zOU=")\ndecrypt!(ciphertext, "AES-128-CBC-PKCS7", key: key, iv: iv)',
      result: '"super_secret_message"',
    },
  ],
};
