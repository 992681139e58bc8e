export {
  createRemoteCacheFactory,
  type RemoteCache,
  type RemoteCacheFactory,
  type RemoteCacheOptions,
} from './cache.js';
export { parseJsonText, toJsonText } from './json.js';
export {
  openRemoteCacheDb,
  purgeExpired,
  REMOTECACHE_TABLE,
  SqliteRemoteCacheStore,
  systemClock,
  type Clock,
  type RemoteCacheStore,
} from './store.js';
