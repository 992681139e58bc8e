/**
 * Newline framing. Splits a byte stream on `\n` with `Buffer.indexOf` (no per-byte JS loop).
 * A line split across chunks is kept as a list of pieces and concatenated once, so a 50 MB
 * line costs one copy, not a quadratic series of them. Lines longer than `maxLineBytes`
 * are reported through `onOverflow` with their first `MAX_RAW_ERROR_BYTES` bytes; the rest
 * is skipped without being buffered.
 */
import { MAX_RAW_ERROR_BYTES } from '../types.js';

export interface LineSink {
  /** A complete line without its `\n` (a trailing `\r` is left in place). `bytes` is only valid during the call. */
  line(bytes: Buffer, line: number, offset: number): void;
  overflow(head: Buffer, line: number, offset: number, totalBytes: number): void;
  /** The stream broke (decompression error) inside a line; `partial` holds its bytes so far (maybe empty). */
  broken(partial: Buffer, line: number, offset: number, reason: string): void;
}

export class LineFramer {
  private pieces: Buffer[] = [];
  private pendingLen = 0;
  /** Total length of the current line when it has overflowed, else -1. */
  private overflowLen = -1;
  private lineNo = 1;
  private lineStart = 0;
  private pos = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
    /** Absolute offset of the first byte pushed, and the line number it starts. */
    start: { offset: number; line: number } = { offset: 0, line: 1 },
  ) {
    this.pos = start.offset;
    this.lineStart = start.offset;
    this.lineNo = start.line;
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    const sink = this.sink;
    let i = 0;
    while (i < n) {
      const nl = chunk.indexOf(0x0a, i);
      if (nl === -1) {
        this.append(chunk, i, n);
        break;
      }
      if (this.pendingLen === 0 && this.overflowLen < 0) {
        if (nl - i > this.maxLineBytes) {
          sink.overflow(
            Buffer.from(chunk.subarray(i, i + MAX_RAW_ERROR_BYTES)),
            this.lineNo,
            this.lineStart,
            nl - i,
          );
        } else {
          sink.line(chunk.subarray(i, nl), this.lineNo, this.lineStart);
        }
      } else {
        this.append(chunk, i, nl);
        this.finishLine();
      }
      this.lineNo++;
      this.lineStart = this.pos + nl + 1;
      i = nl + 1;
    }
    this.pos += n;
  }

  /** End of input: the last line may lack a trailing newline. */
  end(): void {
    if (this.pendingLen > 0 || this.overflowLen >= 0) this.finishLine();
  }

  /** The stream broke at the current position. */
  abort(reason: string): void {
    const partial = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces);
    this.pieces = [];
    this.pendingLen = 0;
    this.overflowLen = -1;
    this.sink.broken(
      Buffer.from(partial.subarray(0, MAX_RAW_ERROR_BYTES)),
      this.lineNo,
      this.lineStart,
      reason,
    );
  }

  get bytesSeen(): number {
    return this.pos;
  }

  private append(chunk: Buffer, from: number, to: number): void {
    if (from === to) return;
    const len = to - from;
    if (this.overflowLen >= 0) {
      this.overflowLen += len;
      return;
    }
    if (this.pendingLen + len > this.maxLineBytes) {
      // Keep only the head for the dead letter; skip the rest without buffering it.
      const keep: Buffer[] = [];
      let kept = 0;
      for (const p of [...this.pieces, chunk.subarray(from, to)]) {
        if (kept >= MAX_RAW_ERROR_BYTES) break;
        const take = p.subarray(0, MAX_RAW_ERROR_BYTES - kept);
        keep.push(Buffer.from(take));
        kept += take.length;
      }
      this.pieces = keep;
      this.overflowLen = this.pendingLen + len;
      this.pendingLen = kept;
      return;
    }
    // Copy: the chunk's memory may be reused by the producer, and a small view must not pin a big chunk.
    this.pieces.push(Buffer.from(chunk.subarray(from, to)));
    this.pendingLen += len;
  }

  private finishLine(): void {
    const bytes = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.pendingLen);
    const overflowLen = this.overflowLen;
    this.pieces = [];
    this.pendingLen = 0;
    this.overflowLen = -1;
    if (overflowLen >= 0) this.sink.overflow(bytes, this.lineNo, this.lineStart, overflowLen);
    else this.sink.line(bytes, this.lineNo, this.lineStart);
  }
}
