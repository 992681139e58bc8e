// Minimal typings for the untyped codec packages used here.
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}
declare module 'lz4js' {
  export function compressBound(n: number): number;
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
}
declare module 'punycode/punycode.js' {
  const punycode: { encode(input: string): string; decode(input: string): string };
  export default punycode;
}
