/** A CollectorContext for tests: pinned clock, fast retries (recorded waits), logs collected. */
import { createHttpClient, type HttpClientOptions } from '../http.js';
import type { Collector, CollectorContext, PulledPage } from '../types.js';

export interface TestContext extends CollectorContext {
  /** Backoff/Retry-After waits the HTTP client asked for (not actually waited). */
  waits: number[];
  logs: string[];
  /** Moves the pinned clock. */
  setNow(ms: number): void;
}

export function testContext(opts: {
  collector: string;
  properties?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  now?: number;
  logSource?: string;
  http?: Partial<HttpClientOptions>;
}): TestContext {
  let now = opts.now ?? Date.parse('2026-03-01T12:00:00Z');
  const waits: number[] = [];
  const logs: string[] = [];
  const controller = new AbortController();
  const log = (m: string) => logs.push(m);
  const http = createHttpClient({
    collector: opts.collector,
    maxAttempts: 4,
    baseDelayMs: 10,
    maxDelayMs: 50,
    timeoutMs: 5000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    now: () => now,
    log,
    signal: controller.signal,
    ...opts.http,
  });
  return {
    properties: opts.properties ?? {},
    env: opts.env ?? {},
    http,
    now: () => now,
    signal: controller.signal,
    log,
    logSource: opts.logSource,
    waits,
    logs,
    setNow(ms) {
      now = ms;
    },
  };
}

/** Runs `pull` to the end and returns its pages. */
export async function collectPages(
  collector: Collector,
  cursor: unknown,
  ctx: CollectorContext,
): Promise<PulledPage[]> {
  const pages: PulledPage[] = [];
  for await (const page of collector.pull(cursor, ctx)) pages.push(page);
  return pages;
}

/** The cursor after the last page (or `cursor` when there were none), JSON round-tripped like the store does. */
export function lastCursor(pages: PulledPage[], cursor?: unknown): unknown {
  const last = pages.length ? pages[pages.length - 1]!.cursor : cursor;
  return last === undefined ? undefined : JSON.parse(JSON.stringify(last));
}
