/** Parses durations like `90d`, `12h`, `30m`, `45s`, `2w`, `1y` (365 days) into milliseconds. */
const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

export class DurationError extends Error {
  constructor(readonly text: string) {
    super(`invalid duration "${text}": expected a number and a unit, e.g. 90d, 12h, 30m, 2w, 1y`);
    this.name = 'DurationError';
  }
}

export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|y)\s*$/i.exec(text);
  if (!match) throw new DurationError(text);
  return Math.round(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}
