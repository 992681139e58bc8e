/** What `encrypt_ip` and `decrypt_ip` share: argument handling, key checks and VRL's error texts. */
import { defineFunction, required, type FunctionDef, type FunctionExample } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toBytes, toText, VrlError, type Value } from '../../value/index.js';
import { formatIp, IP_SYNTAX, parseIp, type IpAddress } from '../data/ip.js';
import { decryptDeterministic, decryptPfx, encryptDeterministic, encryptPfx } from './ipcrypt.js';

type Transform = (key: Uint8Array, ip: IpAddress) => IpAddress;

function toKey(key: Value, mode: string, ipVersion: string, length: number): Uint8Array {
  const bytes = toBytes(key as string | Uint8Array);
  if (bytes.length !== length)
    throw new VrlError(`${mode} mode requires a ${length}-byte key for ${ipVersion}`);
  return bytes;
}

export function ipCryptFunction(
  name: string,
  modes: { aes128: Transform; pfx: Transform },
  examples: FunctionExample[],
): FunctionDef {
  return defineFunction({
    name,
    parameters: [required('ip', K.BYTES), required('key', K.BYTES), required('mode', K.BYTES)],
    kind: Kind.bytes(),
    fallible: true,
    examples,
    call(ipArg, key, modeArg) {
      const ip = parseIp(toText(ipArg as string | Uint8Array));
      if (!ip) throw new VrlError(`unable to parse IP address: ${IP_SYNTAX}`);
      const mode = toText(modeArg as string | Uint8Array);
      const version = ip.version === 4 ? 'IPv4' : 'IPv6';
      switch (mode) {
        case 'aes128':
          return formatIp(modes.aes128(toKey(key!, 'aes128', version, 16), ip));
        case 'pfx':
          return formatIp(modes.pfx(toKey(key!, 'pfx', version, 32), ip));
        default:
          throw new VrlError(`Invalid mode '${mode}'. Must be 'aes128' or 'pfx'`);
      }
    },
  });
}

export const ENCRYPT = { aes128: encryptDeterministic, pfx: encryptPfx };
export const DECRYPT = { aes128: decryptDeterministic, pfx: decryptPfx };
