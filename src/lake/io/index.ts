/**
 * Storage chosen by URI scheme (like pyiceberg's load_file_io). `file://` and plain paths use the
 * local filesystem. S3 goes here later as `io/s3.ts` (AWS SDK v3), registered in STORES.
 */
import { LocalObjectStore } from './local.js';
import type { ObjectStore } from './object-store.js';

const STORES: Record<string, () => ObjectStore> = {
  file: () => new LocalObjectStore(),
};

export function schemeOf(location: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(location);
  // Windows drive letters (C:\) and plain paths are local files.
  return m && m[1]!.length > 1 ? m[1]!.toLowerCase() : 'file';
}

export function openObjectStore(location: string): ObjectStore {
  const scheme = schemeOf(location);
  const make = STORES[scheme];
  if (!make)
    throw new Error(
      `no object store for '${scheme}://' locations yet (supported: ${Object.keys(STORES).join(', ')})`,
    );
  return make();
}

export { LocalObjectStore, toLocalPath } from './local.js';
export type { ObjectInfo, ObjectStore } from './object-store.js';
