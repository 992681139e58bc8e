/**
 * Append-only UTF-8 byte buffer for NDJSON lines: lines are encoded once into growing Buffer
 * chunks (64 KiB doubling to 4 MiB), so flushing is a single writev with no string join or
 * re-encoding. `bytes` is the exact UTF-8 size held.
 */
import type { FileHandle } from 'node:fs/promises';

const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;

export class LineBuffer {
  private readonly chunks: Buffer[] = [];
  private cur: Buffer | null = null;
  private off = 0;
  private nextSize = MIN_CHUNK;
  bytes = 0;
  lines = 0;

  append(line: string): number {
    // UTF-16 code unit → at most 3 UTF-8 bytes; +1 for the newline.
    const worst = line.length * 3 + 1;
    if (!this.cur || this.cur.length - this.off < worst) this.newChunk(worst);
    const cur = this.cur!;
    const n = cur.write(line, this.off, 'utf8');
    cur[this.off + n] = 0x0a;
    this.off += n + 1;
    this.bytes += n + 1;
    this.lines++;
    return n + 1;
  }

  private newChunk(atLeast: number): void {
    if (this.cur) this.chunks.push(this.cur.subarray(0, this.off));
    const size = Math.max(atLeast, this.nextSize);
    this.nextSize = Math.min(this.nextSize * 2, MAX_CHUNK);
    this.cur = Buffer.allocUnsafe(size);
    this.off = 0;
  }

  async writeTo(fh: FileHandle): Promise<void> {
    const parts = this.cur ? [...this.chunks, this.cur.subarray(0, this.off)] : this.chunks;
    for (let i = 0; i < parts.length; i += 512) await fh.writev(parts.slice(i, i + 512));
  }
}
