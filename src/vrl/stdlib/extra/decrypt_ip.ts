import { DECRYPT, ipCryptFunction } from './ip_crypt_common.js';

/** `decrypt_ip(ip, key, mode)`: the inverse of `encrypt_ip`. */
export const decrypt_ip = ipCryptFunction('decrypt_ip', DECRYPT, [
  {
    title: 'Decrypt IPv4 address with AES128',
    source: 'decrypt_ip!("72b9:a747:f2e9:72af:76ca:5866:6dcf:c3b0", "sixteen byte key", "aes128")',
    result: '"192.168.1.1"',
  },
  {
    title: 'Decrypt IPv6 address with AES128',
    source: 'decrypt_ip!("c0e6:eb35:6887:f554:4c65:8ace:17ca:6c6a", "sixteen byte key", "aes128")',
    result: '"2001:db8::1"',
  },
  {
    title: 'Decrypt IPv4 address with prefix-preserving mode',
    source: 'decrypt_ip!("33.245.248.61", "thirty-two bytes key for pfx use", "pfx")',
    result: '"192.168.1.1"',
  },
  {
    title: 'Decrypt IPv6 address with prefix-preserving mode',
    source:
      'decrypt_ip!("88bd:d2bf:8865:8c4d:84b:44f6:6077:72c9", "thirty-two bytes key for ipv6pfx", "pfx")',
    result: '"2001:db8::1"',
  },
  {
    title: 'Round-trip encryption and decryption',
    source: [
      'original_ip = "192.168.1.100"',
      'key = "sixteen byte key"',
      'mode = "aes128"',
      '',
      'encrypted = encrypt_ip!(original_ip, key, mode)',
      'decrypt_ip!(encrypted, key, mode)',
    ].join('\n'),
    result: '"192.168.1.100"',
  },
]);
