/**
 * The detection-facing `remotecache(namespace, { ttl })`, Matano's API in JavaScript: a cache
 * object over a {@link RemoteCacheStore}. Synchronous, as the SQLite store is.
 */
import type { RemoteCacheStore } from './store.js';

export interface RemoteCacheOptions {
  /** Seconds a key lives after its last write; default 3600. */
  ttl?: number;
}

export interface RemoteCache {
  readonly namespace: string;
  readonly ttl: number;
  /** The value, or `defaultValue` when the key is missing, expired or null. */
  get<T = unknown>(key: string, defaultValue?: T): T;
  /** Stores a JSON-serialisable value (starts a new TTL). */
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Adds `by` (default 1) to an integer counter (missing or non-integer counts as 0); returns it. */
  incrementCounter(key: string, by?: number): number;
  decrementCounter(key: string, by?: number): number;
  /** Adds strings to a set; returns the whole set, sorted. */
  addToStringSet(key: string, values: string | Iterable<string>): string[];
  /** Removes strings from a set; returns what is left, sorted. */
  removeFromStringSet(key: string, values: string | Iterable<string>): string[];
  /** Python-style aliases, for detections ported from Matano. */
  increment_counter(key: string, by?: number): number;
  decrement_counter(key: string, by?: number): number;
  add_to_string_set(key: string, values: string | Iterable<string>): string[];
  remove_from_string_set(key: string, values: string | Iterable<string>): string[];
}

export type RemoteCacheFactory = (namespace: string, options?: RemoteCacheOptions | number) => RemoteCache;

function valuesOf(values: string | Iterable<string>): string[] {
  if (typeof values === 'string') return [values];
  if (
    values === null ||
    values === undefined ||
    typeof (values as Iterable<string>)[Symbol.iterator] !== 'function'
  )
    throw new TypeError('remotecache: values must be a string or an iterable of strings');
  return Array.from(values, (v) => String(v));
}

/**
 * `remotecache(namespace, { ttl })` over `store`. Without a store, creating a cache works
 * (detections create theirs at import time) but its methods throw.
 */
export function createRemoteCacheFactory(store: RemoteCacheStore | undefined): RemoteCacheFactory {
  return (namespace, options) => {
    const ns = String(namespace);
    const ttlOption = typeof options === 'number' ? options : options?.ttl;
    const ttl = Math.trunc(ttlOption ?? 3600);
    if (!Number.isFinite(ttl))
      throw new TypeError(`remotecache(${JSON.stringify(ns)}): ttl must be a number of seconds`);
    const s = (): RemoteCacheStore => {
      if (store) return store;
      throw new Error(
        `remotecache(${JSON.stringify(ns)}) is not available: the detection runtime was started ` +
          'without the remoteCache option (an SQLite file for the values)',
      );
    };
    const cache: RemoteCache = {
      namespace: ns,
      ttl,
      get<T>(key: string, defaultValue?: T): T {
        const value = s().get(ns, String(key));
        return (value === null || value === undefined ? defaultValue : value) as T;
      },
      set: (key, value) => s().set(ns, ttl, String(key), value),
      delete: (key) => s().delete(ns, String(key)),
      incrementCounter: (key, by = 1) => s().incrementCounter(ns, ttl, String(key), by),
      decrementCounter: (key, by = 1) => s().incrementCounter(ns, ttl, String(key), -by),
      addToStringSet: (key, values) => s().addToStringSet(ns, ttl, String(key), valuesOf(values)),
      removeFromStringSet: (key, values) => s().removeFromStringSet(ns, ttl, String(key), valuesOf(values)),
      increment_counter: (key, by) => cache.incrementCounter(key, by),
      decrement_counter: (key, by) => cache.decrementCounter(key, by),
      add_to_string_set: (key, values) => cache.addToStringSet(key, values),
      remove_from_string_set: (key, values) => cache.removeFromStringSet(key, values),
    };
    return cache;
  };
}
