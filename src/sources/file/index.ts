/** `sources/file`: drop folders watched by `lakewatch up`. */
export { startDropWatcher } from './watcher.js';
export type { DropWatcher, DropWatcherOptions, DropSourceStatus } from './watcher.js';
export { checkComplete, compressionOf } from './complete.js';
export type { Completeness, CompressionKind } from './complete.js';
export { isIgnoredName, scanFolder } from './scan.js';
export type { FoundFile } from './scan.js';
