import type { FunctionDef } from '../function.js';
import { crc } from './crc.js';
import { decode_base16 } from './decode_base16.js';
import { decode_base64 } from './decode_base64.js';
import { decode_charset } from './decode_charset.js';
import { decode_gzip } from './decode_gzip.js';
import { decode_lz4 } from './decode_lz4.js';
import { decode_mime_q } from './decode_mime_q.js';
import { decode_percent } from './decode_percent.js';
import { decode_punycode } from './decode_punycode.js';
import { decode_snappy } from './decode_snappy.js';
import { decode_zlib } from './decode_zlib.js';
import { decode_zstd } from './decode_zstd.js';
import { decrypt } from './decrypt.js';
import { encode_base16 } from './encode_base16.js';
import { encode_base64 } from './encode_base64.js';
import { encode_charset } from './encode_charset.js';
import { encode_csv } from './encode_csv.js';
import { encode_gzip } from './encode_gzip.js';
import { encode_json } from './encode_json.js';
import { encode_key_value } from './encode_key_value.js';
import { encode_logfmt } from './encode_logfmt.js';
import { encode_lz4 } from './encode_lz4.js';
import { encode_percent } from './encode_percent.js';
import { encode_punycode } from './encode_punycode.js';
import { encode_snappy } from './encode_snappy.js';
import { encode_zlib } from './encode_zlib.js';
import { encode_zstd } from './encode_zstd.js';
import { encrypt } from './encrypt.js';
import { hmac } from './hmac.js';
import { md5 } from './md5.js';
import { random_bool } from './random_bool.js';
import { random_bytes } from './random_bytes.js';
import { random_float } from './random_float.js';
import { random_int } from './random_int.js';
import { seahash } from './seahash.js';
import { sha1 } from './sha1.js';
import { sha2 } from './sha2.js';
import { sha3 } from './sha3.js';
import { uuid_from_friendly_id } from './uuid_from_friendly_id.js';
import { uuid_v4 } from './uuid_v4.js';
import { uuid_v7 } from './uuid_v7.js';
import { xxhash } from './xxhash.js';

/**
 * The codec, checksum, cryptography and random functions. Notes on choices:
 * - `encode_zstd` writes valid frames of raw/RLE blocks (no pure-JavaScript zstd compressor exists); for input
 *   zstd cannot shrink these are the reference encoder's bytes. `decode_zstd` uses fzstd.
 * - gzip/zlib use `node:zlib` (level 10 is zlib's 9); short output matches VRL byte for byte, long compressible
 *   input may compress differently (another zlib build) but decodes the same.
 * - lz4/snappy encoders are valid but may choose other matches than VRL's `lz4_flex`/`snap`.
 * - XXH3 is implemented here (BigInt); XXH32/XXH64, SeaHash and every CRC are table/spec-driven.
 * - Charsets follow the Encoding Standard (TextDecoder, iconv-lite, and local fixes where Node's tables differ).
 */
export const functions: readonly FunctionDef[] = [
  crc,
  decode_base16,
  decode_base64,
  decode_charset,
  decode_gzip,
  decode_lz4,
  decode_mime_q,
  decode_percent,
  decode_punycode,
  decode_snappy,
  decode_zlib,
  decode_zstd,
  decrypt,
  encode_base16,
  encode_base64,
  encode_charset,
  encode_csv,
  encode_gzip,
  encode_json,
  encode_key_value,
  encode_logfmt,
  encode_lz4,
  encode_percent,
  encode_punycode,
  encode_snappy,
  encode_zlib,
  encode_zstd,
  encrypt,
  hmac,
  md5,
  random_bool,
  random_bytes,
  random_float,
  random_int,
  seahash,
  sha1,
  sha2,
  sha3,
  uuid_from_friendly_id,
  uuid_v4,
  uuid_v7,
  xxhash,
];
