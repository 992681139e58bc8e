import { ENCRYPT, ipCryptFunction } from './ip_crypt_common.js';

/** `encrypt_ip(ip, key, mode)`: IPCrypt `aes128` (deterministic) or `pfx` (prefix-preserving). */
export const encrypt_ip = ipCryptFunction('encrypt_ip', ENCRYPT, [
  {
    title: 'Encrypt IPv4 address with AES128',
    source: 'encrypt_ip!("192.168.1.1", "sixteen byte key", "aes128")',
    result: '"72b9:a747:f2e9:72af:76ca:5866:6dcf:c3b0"',
  },
  {
    title: 'Encrypt IPv6 address with AES128',
    source: 'encrypt_ip!("2001:db8::1", "sixteen byte key", "aes128")',
    result: '"c0e6:eb35:6887:f554:4c65:8ace:17ca:6c6a"',
  },
  {
    title: 'Encrypt IPv4 address with prefix-preserving mode',
    source: 'encrypt_ip!("192.168.1.1", "thirty-two bytes key for pfx use", "pfx")',
    result: '"33.245.248.61"',
  },
  {
    title: 'Encrypt IPv6 address with prefix-preserving mode',
    source: 'encrypt_ip!("2001:db8::1", "thirty-two bytes key for ipv6pfx", "pfx")',
    result: '"88bd:d2bf:8865:8c4d:84b:44f6:6077:72c9"',
  },
]);
