import { describe, expect, it } from 'vitest';
import { DurationError, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('parses every unit', () => {
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('1y')).toBe(365 * 86_400_000);
    expect(parseDuration('250ms')).toBe(250);
  });
  it('rejects what it does not understand, naming the input', () => {
    expect(() => parseDuration('7 days')).toThrow(DurationError);
    expect(() => parseDuration('-1d')).toThrow(/invalid duration "-1d"/);
  });
});
