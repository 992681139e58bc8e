export { describeBits, K, Kind, type Collection } from './kind.js';
