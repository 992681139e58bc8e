import { K, Kind } from '../../types/index.js';

/** Kind of any JSON value: what `parse_json` / `parse_yaml`-style decoders return. */
export function jsonKind(): Kind {
  const scalars = Kind.bits(K.BYTES | K.INTEGER | K.FLOAT | K.BOOLEAN | K.NULL);
  const inner = scalars.or(Kind.array(Kind.any())).or(Kind.object({}, Kind.any()));
  return scalars.or(Kind.array(inner)).or(Kind.object({}, inner));
}
