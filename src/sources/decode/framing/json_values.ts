/**
 * JSON value framing without parsing: finds where each value ends by tracking nesting depth
 * and string state, so a huge top-level array streams element by element.
 *
 *  - `array` mode: `[ v1, v2, … ]` (several top-level arrays one after another are accepted);
 *    each element is one frame, numbered 1, 2, … across the whole input.
 *  - `concat` mode: whitespace-separated values, e.g. one pretty-printed object or several
 *    (`{…}\n{…}` or `{…}{…}`); numbered 1, 2, … .
 *
 * Inside strings the scanner jumps from quote to quote with `indexOf`; outside strings it
 * looks at each structural byte. Values longer than `maxLineBytes` overflow like long lines.
 */
import { MAX_RAW_ERROR_BYTES } from '../types.js';
import { PendingBytes } from './pending-bytes.js';

export interface ValueSink {
  /** One complete value's bytes (valid only during the call). `index` is 1-based. */
  value(bytes: Buffer, index: number, offset: number): void;
  overflow(head: Buffer, index: number, offset: number, totalBytes: number): void;
  /** Input ended (or broke) inside a value. */
  broken(partial: Buffer, index: number, offset: number, reason: string): void;
}

const enum S {
  BeforeArray, // array mode: expecting '['
  BeforeValue,
  InValue,
  AfterValue, // array mode: expecting ',' or ']'
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class JsonValueFramer {
  private state: S;
  private depth = 0;
  private inStr = false;
  /** Backslashes at the end of the previous chunk while inside a string. */
  private bsCarry = 0;
  private readonly pending: PendingBytes;
  private valueStart = 0;
  private index = 0;
  private pos = 0;

  constructor(
    private readonly sink: ValueSink,
    private readonly mode: 'array' | 'concat',
    private readonly maxBytes: number,
    startOffset = 0,
  ) {
    this.state = mode === 'array' ? S.BeforeArray : S.BeforeValue;
    this.pending = new PendingBytes(maxBytes);
    this.pos = startOffset;
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    let segStart = -1; // start within this chunk of the current value's bytes
    while (i < n) {
      const st = this.state;
      if (st !== S.InValue) {
        const c = chunk[i]!;
        if (isWs(c)) {
          i++;
          continue;
        }
        if (st === S.BeforeArray) {
          if (c === 0x5b) {
            this.state = S.BeforeValue;
            i++;
            continue;
          }
          // Garbage after a closed array: frame it as a value so it becomes an error item.
        } else if (st === S.AfterValue) {
          if (c === 0x2c) {
            this.state = S.BeforeValue;
            i++;
            continue;
          }
          if (c === 0x5d) {
            this.state = S.BeforeArray;
            i++;
            continue;
          }
          // Missing comma: be lenient and start the next value.
        } else if (this.mode === 'array' && c === 0x5d) {
          // `[]` or a trailing comma `[1,]`.
          this.state = S.BeforeArray;
          i++;
          continue;
        }
        this.state = S.InValue;
        this.depth = 0;
        this.inStr = false;
        this.bsCarry = 0;
        this.valueStart = this.pos + i;
        this.index++;
        segStart = i;
      }
      // ---- inside a value ----
      if (segStart < 0) segStart = 0;
      if (this.inStr) {
        const q = chunk.indexOf(0x22, i);
        if (q === -1) {
          // Remember trailing backslashes for a quote at the start of the next chunk.
          let k = n - 1;
          while (k >= i && chunk[k] === 0x5c) k--;
          const run = n - 1 - k;
          this.bsCarry = k < i ? this.bsCarry + run : run;
          i = n;
          break;
        }
        let k = q - 1;
        while (k >= i && chunk[k] === 0x5c) k--;
        let run = q - 1 - k;
        if (k < i) run += this.bsCarry;
        this.bsCarry = 0;
        i = q + 1;
        if ((run & 1) === 1) continue; // escaped quote
        this.inStr = false;
        if (this.depth === 0) {
          this.complete(chunk, segStart, i);
          segStart = -1;
        }
        continue;
      }
      // Outside strings: scan structural bytes.
      let ended = -1; // end (exclusive) of the value within this chunk
      let scalarEnd = false;
      for (; i < n; i++) {
        const c = chunk[i]!;
        if (c === 0x22) {
          this.inStr = true;
          this.bsCarry = 0;
          i++;
          break;
        } else if (c === 0x7b || c === 0x5b) {
          this.depth++;
        } else if (c === 0x7d || c === 0x5d) {
          if (this.depth === 0) {
            // A closer with nothing open ends a scalar element (`[1]`) — handled by the outer state.
            ended = i;
            scalarEnd = true;
            break;
          }
          if (--this.depth === 0) {
            ended = i + 1;
            i++;
            break;
          }
        } else if (this.depth === 0 && (c === 0x2c || isWs(c))) {
          ended = i;
          scalarEnd = true;
          break;
        }
      }
      if (ended >= 0) {
        if (scalarEnd && ended === segStart && this.pending.isEmpty) {
          // The value starts with a stray delimiter (`,`, `}`, `]`): frame that byte as the value.
          ended++;
          scalarEnd = false;
          i = ended;
        }
        this.complete(chunk, segStart, ended);
        segStart = -1;
        if (scalarEnd) i = ended; // re-read the delimiter in the outer states
      }
    }
    if (segStart >= 0 && this.state === S.InValue) this.pending.append(chunk, segStart, n);
    this.pos += n;
  }

  end(): void {
    if (this.state !== S.InValue) return;
    if (!this.inStr && this.depth === 0 && !this.pending.isEmpty) {
      // A scalar running to the end of input.
      this.complete(Buffer.alloc(0), 0, 0);
      return;
    }
    this.abort('unexpected end of input inside a JSON value');
  }

  abort(reason: string): void {
    if (this.state !== S.InValue) {
      this.sink.broken(Buffer.alloc(0), this.index + 1, this.pos, reason);
      return;
    }
    const head = this.pending.takeHead();
    this.state = S.BeforeValue;
    this.sink.broken(head, this.index, this.valueStart, reason);
  }

  private complete(chunk: Buffer, from: number, to: number): void {
    this.state = this.mode === 'array' ? S.AfterValue : S.BeforeValue;
    if (this.pending.isEmpty) {
      if (to - from > this.maxBytes) {
        this.sink.overflow(
          Buffer.from(chunk.subarray(from, from + MAX_RAW_ERROR_BYTES)),
          this.index,
          this.valueStart,
          to - from,
        );
      } else {
        this.sink.value(chunk.subarray(from, to), this.index, this.valueStart);
      }
      return;
    }
    this.pending.append(chunk, from, to);
    const { bytes, overflowLength: overflowLen } = this.pending.take();
    if (overflowLen >= 0) this.sink.overflow(bytes, this.index, this.valueStart, overflowLen);
    else this.sink.value(bytes, this.index, this.valueStart);
  }
}
