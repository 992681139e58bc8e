/** The algorithm table shared by `encrypt` and `decrypt`: key/IV sizes and the two directions. */
import { cbcDecrypt, cbcEncrypt, cfb, ctr64, ofb, sivOpen, sivSeal, type Padding } from './aes_modes.js';
import {
  chacha20poly1305Open,
  chacha20poly1305Seal,
  xchacha20poly1305Open,
  xchacha20poly1305Seal,
  xsalsa20poly1305Open,
  xsalsa20poly1305Seal,
} from './stream_ciphers.js';

type Transform = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => Uint8Array;

export interface Algorithm {
  readonly keySize: number;
  readonly ivSize: number;
  readonly encrypt: Transform;
  readonly decrypt: Transform;
}

const ALGORITHMS = new Map<string, Algorithm>();

for (const bits of [128, 192, 256]) {
  const keySize = bits / 8;
  const add = (suffix: string, encrypt: Transform, decrypt: Transform): void => {
    ALGORITHMS.set(`AES-${bits}-${suffix}`, { keySize, ivSize: 16, encrypt, decrypt });
  };
  add(
    'CFB',
    (k, iv, d) => cfb(k, iv, d, false),
    (k, iv, d) => cfb(k, iv, d, true),
  );
  add('OFB', ofb, ofb);
  const le: Transform = (k, iv, d) => ctr64(k, iv, d, true);
  const be: Transform = (k, iv, d) => ctr64(k, iv, d, false);
  add('CTR', le, le);
  add('CTR-LE', le, le);
  add('CTR-BE', be, be);
  for (const padding of ['PKCS7', 'ANSIX923', 'ISO7816', 'ISO10126'] as Padding[]) {
    add(
      `CBC-${padding}`,
      (k, iv, d) => cbcEncrypt(k, iv, d, padding),
      (k, iv, d) => cbcDecrypt(k, iv, d, padding),
    );
  }
}
ALGORITHMS.set('AES-128-SIV', { keySize: 32, ivSize: 16, encrypt: sivSeal, decrypt: sivOpen });
ALGORITHMS.set('AES-256-SIV', { keySize: 64, ivSize: 16, encrypt: sivSeal, decrypt: sivOpen });
ALGORITHMS.set('CHACHA20-POLY1305', {
  keySize: 32,
  ivSize: 12,
  encrypt: chacha20poly1305Seal,
  decrypt: chacha20poly1305Open,
});
ALGORITHMS.set('XCHACHA20-POLY1305', {
  keySize: 32,
  ivSize: 24,
  encrypt: xchacha20poly1305Seal,
  decrypt: xchacha20poly1305Open,
});
ALGORITHMS.set('XSALSA20-POLY1305', {
  keySize: 32,
  ivSize: 24,
  encrypt: xsalsa20poly1305Seal,
  decrypt: xsalsa20poly1305Open,
});

export function algorithm(name: string): Algorithm | undefined {
  return ALGORITHMS.get(name);
}
