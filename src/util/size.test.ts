import { describe, expect, it } from 'vitest';
import { parseSize, SizeError } from './size.js';

describe('parseSize', () => {
  it('reads binary and decimal units', () => {
    expect(parseSize('64MiB')).toBe(64 * 1024 * 1024);
    expect(parseSize('512 KB')).toBe(512_000);
    expect(parseSize('1.5gib')).toBe(Math.round(1.5 * 1024 ** 3));
    expect(parseSize('100')).toBe(100);
    expect(parseSize(4096)).toBe(4096);
  });
  it('rejects what is not a size', () => {
    expect(() => parseSize('64 apples')).toThrow(SizeError);
    expect(() => parseSize(-1)).toThrow(/invalid size/);
  });
});
