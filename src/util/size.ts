/** Parses byte sizes like `64MiB`, `512KB`, `1GiB`, `1048576` into bytes (KB = 1000, KiB = 1024). */
const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?\s*$/i;

export class SizeError extends Error {
  constructor(readonly text: string) {
    super(`invalid size "${text}": expected a number of bytes and an optional unit, e.g. 64MiB, 512KB`);
    this.name = 'SizeError';
  }
}

export function parseSize(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isInteger(text) || text < 0) throw new SizeError(String(text));
    return text;
  }
  const match = SIZE_PATTERN.exec(text);
  if (!match) throw new SizeError(text);
  return Math.round(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!);
}
