/**
 * The bytes of one frame (a line, a JSON value) that spans several input chunks. Pieces are
 * copied once and concatenated once, so a 50 MB frame costs one copy, not a quadratic series.
 * A frame longer than `maxBytes` overflows: only its first MAX_RAW_ERROR_BYTES are kept (for
 * the dead letter) and the rest is counted, not buffered.
 */
import { MAX_RAW_ERROR_BYTES } from '../types.js';

export class PendingBytes {
  private pieces: Buffer[] = [];
  private length = 0;
  /** Total length of the frame when it has overflowed, else -1. */
  private overflowLength = -1;

  constructor(private readonly maxBytes: number) {}

  get isEmpty(): boolean {
    return this.length === 0 && this.overflowLength < 0;
  }

  append(chunk: Buffer, from: number, to: number): void {
    if (from === to) return;
    const len = to - from;
    if (this.overflowLength >= 0) {
      this.overflowLength += len;
      return;
    }
    if (this.length + len > this.maxBytes) {
      const keep: Buffer[] = [];
      let kept = 0;
      for (const p of [...this.pieces, chunk.subarray(from, to)]) {
        if (kept >= MAX_RAW_ERROR_BYTES) break;
        const take = p.subarray(0, MAX_RAW_ERROR_BYTES - kept);
        keep.push(Buffer.from(take));
        kept += take.length;
      }
      this.pieces = keep;
      this.overflowLength = this.length + len;
      this.length = kept;
      return;
    }
    // Copy: the chunk's memory may be reused by the producer, and a small view must not pin a big chunk.
    this.pieces.push(Buffer.from(chunk.subarray(from, to)));
    this.length += len;
  }

  /** The frame's bytes (only the head when it overflowed) and its full length if it did (else -1); resets. */
  take(): { bytes: Buffer; overflowLength: number } {
    const bytes = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.length);
    const overflowLength = this.overflowLength;
    this.reset();
    return { bytes, overflowLength };
  }

  /** The head of a frame cut short (for a dead letter); resets. */
  takeHead(): Buffer {
    return Buffer.from(this.take().bytes.subarray(0, MAX_RAW_ERROR_BYTES));
  }

  reset(): void {
    this.pieces = [];
    this.length = 0;
    this.overflowLength = -1;
  }
}
