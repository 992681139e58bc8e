/**
 * `strip_ansi_escape_codes`: VRL runs the bytes through a VT500-style parser (the `vte` 0.14 crate) and
 * keeps what it prints plus line feeds; escape sequences, control strings (OSC, DCS, SOS/PM/APC) and C0
 * control characters are dropped.
 */
import { defineFunction, required } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { fromBytes, toBytes } from '../../value/index.js';

const enum State {
  Ground,
  Escape,
  EscapeIntermediate,
  CsiEntry,
  CsiParam,
  CsiIntermediate,
  CsiIgnore,
  DcsEntry,
  DcsParam,
  DcsIntermediate,
  DcsPassthrough,
  DcsIgnore,
  OscString,
  SosPmApcString,
}

const ESC = 0x1b;
const LF = 0x0a;
const REPLACEMENT = [0xef, 0xbf, 0xbd];

function isC0(b: number): boolean {
  return b <= 0x17 || b === 0x19 || (b >= 0x1c && b <= 0x1f);
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 when the byte cannot start one. */
function sequenceLength(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** Whether `bytes` (a lead byte and continuation candidates) can still become a valid UTF-8 character. */
function validPrefix(bytes: readonly number[]): boolean {
  const [lead, second] = bytes;
  for (let i = 1; i < bytes.length; i++) if ((bytes[i]! & 0xc0) !== 0x80) return false;
  if (second === undefined) return true;
  if (lead === 0xe0) return second >= 0xa0;
  if (lead === 0xed) return second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90;
  if (lead === 0xf4) return second <= 0x8f;
  return true;
}

/**
 * In the ground state every complete character prints (DEL included) except C0 and C1 controls, of which
 * only line feeds are kept; an invalid UTF-8 sequence prints U+FFFD (a lone byte 0x80–0x9F is dropped).
 * Inside sequences, bytes are handled one by one (non-ASCII bytes are ignored, except 0x9C which ends a DCS
 * string).
 */
function stripAnsi(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  let state = State.Ground as State;
  let partial: number[] = [];

  const execute = (b: number) => {
    if (b === LF) out.push(LF);
  };
  const anywhere = (b: number) => {
    if (b === 0x18 || b === 0x1a) state = State.Ground;
    else if (b === ESC) state = State.Escape;
  };
  const ground = (b: number) => {
    if (partial.length > 0) {
      const candidate = [...partial, b];
      if (!validPrefix(candidate)) {
        out.push(...REPLACEMENT);
        partial = [];
        ground(b);
        return;
      }
      if (candidate.length === sequenceLength(candidate[0]!)) {
        // U+0080–U+009F are C1 controls: executed, not printed.
        if (!(candidate[0] === 0xc2 && candidate[1]! <= 0x9f)) out.push(...candidate);
        partial = [];
      } else partial = candidate;
      return;
    }
    if (b === ESC) state = State.Escape;
    else if (b < 0x20) execute(b);
    else if (b < 0x80) out.push(b);
    else if (sequenceLength(b) > 0) partial = [b];
    else if (b > 0x9f) out.push(...REPLACEMENT);
  };

  for (const b of input) {
    switch (state) {
      case State.Ground:
        ground(b);
        break;
      case State.Escape:
        if (isC0(b)) execute(b);
        else if (b === 0x18 || b === 0x1a) state = State.Ground;
        else if (b >= 0x20 && b <= 0x2f) state = State.EscapeIntermediate;
        else if (b === 0x50) state = State.DcsEntry;
        else if (b === 0x5b) state = State.CsiEntry;
        else if (b === 0x5d) state = State.OscString;
        else if (b === 0x58 || b === 0x5e || b === 0x5f) state = State.SosPmApcString;
        else if (b >= 0x30 && b <= 0x7e) state = State.Ground;
        break;
      case State.EscapeIntermediate:
        if (isC0(b)) execute(b);
        else if (b >= 0x30 && b <= 0x7e) state = State.Ground;
        else if ((b >= 0x20 && b <= 0x2f) || b === 0x7f) break;
        else anywhere(b);
        break;
      case State.CsiEntry:
      case State.CsiParam:
      case State.CsiIntermediate:
      case State.CsiIgnore:
        if (isC0(b)) execute(b);
        else if (b >= 0x40 && b <= 0x7e) state = State.Ground;
        else if (b >= 0x20 && b <= 0x2f) {
          if (state !== State.CsiIgnore) state = State.CsiIntermediate;
        } else if (b >= 0x30 && b <= 0x3f) {
          if (state === State.CsiIntermediate) state = State.CsiIgnore;
          else if (state === State.CsiParam && b >= 0x3c) state = State.CsiIgnore;
          else if (state === State.CsiEntry) state = State.CsiParam;
        } else if (b !== 0x7f) anywhere(b);
        break;
      case State.DcsEntry:
      case State.DcsParam:
      case State.DcsIntermediate:
        if (isC0(b) || b === 0x7f) break;
        if (b >= 0x40 && b <= 0x7e) state = State.DcsPassthrough;
        else if (b >= 0x20 && b <= 0x2f) state = State.DcsIntermediate;
        else if (b >= 0x30 && b <= 0x3f) {
          if (state === State.DcsIntermediate || (state === State.DcsParam && b >= 0x3c))
            state = State.DcsIgnore;
          else if (state === State.DcsEntry) state = State.DcsParam;
        } else anywhere(b);
        break;
      case State.DcsPassthrough:
        if (b === 0x9c) state = State.Ground;
        else anywhere(b);
        break;
      case State.OscString:
        if (b === 0x07) state = State.Ground;
        else anywhere(b);
        break;
      case State.DcsIgnore:
      case State.SosPmApcString:
        anywhere(b);
        break;
    }
  }
  return Uint8Array.from(out);
}

export const strip_ansi_escape_codes = defineFunction({
  name: 'strip_ansi_escape_codes',
  parameters: [required('value', K.BYTES)],
  kind: Kind.bytes(),
  call: (value) => fromBytes(stripAnsi(toBytes(value as string | Uint8Array))),
  examples: [],
});
