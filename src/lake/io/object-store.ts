/** Storage seen by the lake: whole-object reads and atomic writes, addressed by location. */
export interface ObjectInfo {
  /** Location as given to the store (absolute path for the local store). */
  path: string;
  size: number;
  lastModifiedMs: number;
}

export interface ObjectStore {
  /** URI scheme this store serves (`file` for the local filesystem). */
  readonly scheme: string;
  read(location: string): Promise<Buffer>;
  /** Writes atomically: readers see the old object (or none) or the whole new one. */
  write(location: string, data: Uint8Array | string): Promise<void>;
  /** Deletes; a missing object is not an error. */
  delete(location: string): Promise<void>;
  /** Every object under `prefix` (recursive). Missing prefix = empty list. */
  list(prefix: string): Promise<ObjectInfo[]>;
  exists(location: string): Promise<boolean>;
  /** Local filesystem path DuckDB can open, or null when the object is remote. */
  localPath(location: string): string | null;
}
