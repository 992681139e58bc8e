/**
 * The `lakewatch/detection` module (alias `detection`) that detect.ts files import. The bundler
 * compiles this file into each detection; `remotecache` and `enrichment` reach the worker's
 * state through a global the worker installs before loading detections.
 */
import type { RemoteCache, RemoteCacheFactory, RemoteCacheOptions } from '../remotecache/cache.js';
import { deepget } from './deepget.js';

export { deepget };
export type { RemoteCache, RemoteCacheOptions };

/** A record as detect() receives it: the parsed JSON object, plus Python's `record.deepget()`. */
export type DetectionRecord = Record<string, unknown> & {
  /** Not enumerable (JSON.stringify and Object.keys do not see it). */
  deepget<T = unknown>(path: string, defaultValue?: T): T;
};

export interface EnrichmentTable {
  readonly name: string;
  /** The row for `key` (with a `deepget()` method when an object), else `defaultValue`. */
  get<T = Record<string, unknown>>(key: string, defaultValue?: T): T | undefined;
  has(key: string): boolean;
}

/** What the worker installs under {@link DETECTION_API}. */
export interface DetectionApi {
  remotecache: RemoteCacheFactory;
  enrichment: (table: string) => EnrichmentTable;
}

export const DETECTION_API = Symbol.for('lakewatch.detection.api');

function api(): DetectionApi {
  const a = (globalThis as Record<symbol, DetectionApi | undefined>)[DETECTION_API];
  if (!a) throw new Error("'lakewatch/detection' works only inside Lakewatch's detection workers");
  return a;
}

/** Matano's `remotecache(namespace, ttl=3600)`: `remotecache('ns', { ttl: 600 })`. */
export function remotecache(namespace: string, options?: RemoteCacheOptions | number): RemoteCache {
  return api().remotecache(namespace, options);
}

/** An enrichment table: `enrichment('geoip').get(ip)`. */
export function enrichment(table: string): EnrichmentTable {
  return api().enrichment(table);
}
