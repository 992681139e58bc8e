export { describeBits, K, Kind, type Collection } from './kind.js';
export {
  insertKind,
  kindAtPath,
  mergeObjectKinds,
  readKind,
  removeKind,
  storedKind,
  type KindSegment,
} from './path.js';
