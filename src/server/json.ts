/** JSON answers that survive bigint: a number while exact (|n| ≤ 2^53), else a string. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from './api.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'bigint' ? (v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString()) : v,
  );
}

export function sendJson(c: AppContext, value: unknown, status: ContentfulStatusCode = 200): Response {
  return c.body(jsonText(value), status, { 'Content-Type': 'application/json; charset=utf-8' });
}
