/**
 * Newline framing. Splits a byte stream on `\n` with `Buffer.indexOf` (no per-byte JS loop).
 * A line split across chunks is kept as a list of pieces and concatenated once, so a 50 MB
 * line costs one copy, not a quadratic series of them. Lines longer than `maxLineBytes`
 * are reported through `onOverflow` with their first `MAX_RAW_ERROR_BYTES` bytes; the rest
 * is skipped without being buffered.
 */
import { MAX_RAW_ERROR_BYTES } from '../types.js';
import { PendingBytes } from './pending-bytes.js';

export interface LineSink {
  /** A complete line without its `\n` (a trailing `\r` is left in place). `bytes` is only valid during the call. */
  line(bytes: Buffer, line: number, offset: number): void;
  overflow(head: Buffer, line: number, offset: number, totalBytes: number): void;
  /** The stream broke (decompression error) inside a line; `partial` holds its bytes so far (maybe empty). */
  broken(partial: Buffer, line: number, offset: number, reason: string): void;
}

export class LineFramer {
  private readonly pending: PendingBytes;
  private lineNo = 1;
  private lineStart = 0;
  private pos = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
    /** Absolute offset of the first byte pushed, and the line number it starts. */
    start: { offset: number; line: number } = { offset: 0, line: 1 },
  ) {
    this.pending = new PendingBytes(maxLineBytes);
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
        this.pending.append(chunk, i, n);
        break;
      }
      if (this.pending.isEmpty) {
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
        this.pending.append(chunk, i, nl);
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
    if (!this.pending.isEmpty) this.finishLine();
  }

  /** The stream broke at the current position. */
  abort(reason: string): void {
    this.sink.broken(this.pending.takeHead(), this.lineNo, this.lineStart, reason);
  }

  get bytesSeen(): number {
    return this.pos;
  }

  private finishLine(): void {
    const { bytes, overflowLength: overflowLen } = this.pending.take();
    if (overflowLen >= 0) this.sink.overflow(bytes, this.lineNo, this.lineStart, overflowLen);
    else this.sink.line(bytes, this.lineNo, this.lineStart);
  }
}
