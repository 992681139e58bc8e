/** The type state threaded through compilation: kinds of the event, the metadata and each variable. */
import { K, Kind } from '../types/index.js';
import { valueEquals, type Value } from '../value/index.js';

export interface TypeState {
  event: Kind;
  metadata: Kind;
  vars: Map<string, Kind>;
  /** Variables currently holding a known constant (a literal assigned directly). */
  consts: Map<string, Value>;
}

export function initialState(): TypeState {
  return {
    event: Kind.object({}, Kind.any()),
    metadata: Kind.object({}, Kind.any()),
    vars: new Map(),
    consts: new Map(),
  };
}

export function copyState(s: TypeState): TypeState {
  return { event: s.event, metadata: s.metadata, vars: new Map(s.vars), consts: new Map(s.consts) };
}

/** The state after one of two branches ran: kinds unioned; a variable set in only one branch may be null. */
export function unionState(a: TypeState, b: TypeState): TypeState {
  const vars = new Map<string, Kind>();
  for (const [name, kind] of a.vars) {
    const other = b.vars.get(name);
    vars.set(name, other ? kind.or(other) : kind.orNull());
  }
  for (const [name, kind] of b.vars) if (!a.vars.has(name)) vars.set(name, kind.orNull());
  const consts = new Map<string, Value>();
  for (const [name, value] of a.consts) {
    if (b.consts.has(name) && valueEquals(value, b.consts.get(name)!)) consts.set(name, value);
  }
  return { event: a.event.or(b.event), metadata: a.metadata.or(b.metadata), vars, consts };
}

export const NEVER = Kind.of(0);
export const isNever = (k: Kind): boolean => (k.bits & (K.ANY | K.UNDEFINED)) === 0;
