/** Time values of the API: ISO 8601 out, durations (`24h`) or ISO times in. */
import { parseDuration } from '../util/index.js';
import { HttpError } from './errors.js';

export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** `since`: a duration back from now (`24h`, `7d`) or an ISO 8601 time; epoch ms. */
export function parseSince(text: string, now: number, param = 'since'): number {
  if (/^\d+(\.\d+)?\s*[a-z]+$/i.test(text)) {
    try {
      return now - parseDuration(text);
    } catch (err) {
      throw new HttpError(400, { message: `${param}=${text}: ${(err as Error).message}`, cause: err });
    }
  }
  const t = Date.parse(text);
  if (Number.isNaN(t))
    throw new HttpError(400, {
      message: `${param}=${text}: expected a duration (24h, 7d) or an ISO 8601 time`,
    });
  return t;
}

/** A step such as `5m`, in ms (at least one second). */
export function parseStep(text: string, param = 'step'): number {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (err) {
    throw new HttpError(400, { message: `${param}=${text}: ${(err as Error).message}`, cause: err });
  }
  if (ms < 1000) throw new HttpError(400, { message: `${param}=${text}: must be at least 1s` });
  return ms;
}
