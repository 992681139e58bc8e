import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPythonPool, type DetectionMatch } from '../python/index.js';
import { createScriptPool } from '../typescript/index.js';
import { writeDetections } from '../typescript/test-helpers/detections.js';
import {
  createRemoteCacheFactory,
  openRemoteCacheDb,
  parseJsonText,
  purgeExpired,
  SqliteRemoteCacheStore,
  toJsonText,
} from './index.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-remotecache-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A store over a fresh file, with a clock the test moves (seconds). */
function fresh() {
  const file = path.join(root, `rc${n++}.db`);
  const db = openRemoteCacheDb(file);
  const clock = { now: 1_000_000 };
  const store = new SqliteRemoteCacheStore(db, () => clock.now);
  return { file, db, clock, store, remotecache: createRemoteCacheFactory(store) };
}

describe('remotecache store', () => {
  it('get/set/delete with JSON values, defaults, and namespaces kept apart', () => {
    const { remotecache, db } = fresh();
    const a = remotecache('a');
    const b = remotecache('b');
    expect(a.ttl).toBe(3600);
    expect(a.get('k')).toBeUndefined();
    expect(a.get('k', 'dflt')).toBe('dflt');
    a.set('k', { list: [1, 'x', null], big: 2n ** 70n, set: new Set(['s']) });
    expect(a.get('k')).toEqual({ list: [1, 'x', null], big: 2n ** 70n, set: ['s'] });
    expect(b.get('k')).toBeUndefined();
    a.set('nothing', null);
    expect(a.get('nothing', 5)).toBe(5);
    a.delete('k');
    expect(a.get('k', 'gone')).toBe('gone');
    expect(db.prepare('SELECT namespace, key, value FROM lakewatch_remotecache').all()).toEqual([
      { namespace: 'a', key: 'nothing', value: 'null' },
    ]);
  });

  it('TTL: set() refreshes it, counters and sets keep their creation window (Matano), reads ignore expired rows', () => {
    const { remotecache, clock } = fresh();
    const c = remotecache('ttl', { ttl: 10 });
    c.set('v', 1);
    clock.now += 9.5;
    expect(c.get('v')).toBe(1);
    c.set('v', 2); // refreshed: lives until +19.5
    clock.now += 9.5;
    expect(c.get('v')).toBe(2);
    clock.now += 0.5;
    expect(c.get('v', 'expired')).toBe('expired');

    expect(c.incrementCounter('n')).toBe(1);
    clock.now += 9;
    expect(c.incrementCounter('n')).toBe(2); // within the window that started at the first increment
    clock.now += 1;
    expect(c.incrementCounter('n')).toBe(1); // that window ended: a new count
    clock.now += 9.5;
    expect(c.incrementCounter('n')).toBe(2);
    expect(c.addToStringSet('s', 'x')).toEqual(['x']);
    clock.now += 5;
    expect(c.addToStringSet('s', 'y')).toEqual(['x', 'y']);
    clock.now += 5;
    expect(c.addToStringSet('s', 'z')).toEqual(['z']);
    // a numeric second argument is the ttl too
    expect(remotecache('ttl', 60).ttl).toBe(60);
  });

  it("counters: Python's int semantics, on the stored JSON text", () => {
    const { remotecache, db, store } = fresh();
    const c = remotecache('ctr');
    expect(c.incrementCounter('a')).toBe(1);
    expect(c.incrementCounter('a', 5)).toBe(6);
    expect(c.decrementCounter('a')).toBe(5);
    expect(c.decrement_counter('a', 10)).toBe(-5);
    expect(c.increment_counter('a', 2.9)).toBe(-3); // int(2.9) == 2
    const put = (key: string, json: string) =>
      db
        .prepare('INSERT OR REPLACE INTO lakewatch_remotecache VALUES (?, ?, ?, ?)')
        .run('ctr', key, json, 2_000_000);
    put('float', '2.0');
    put('text', '"7"');
    put('bool', 'true');
    put('huge', '9007199254740993');
    expect(c.incrementCounter('float')).toBe(1);
    expect(c.incrementCounter('text')).toBe(1);
    expect(c.incrementCounter('bool')).toBe(2);
    c.incrementCounter('huge');
    // exact in storage beyond 2^53
    expect(store.get('ctr', 'huge')).toBe(9007199254740994n);
  });

  it('string sets: sorted by code point, no duplicates, anything else counts as empty', () => {
    const { remotecache } = fresh();
    const s = remotecache('sets');
    expect(s.addToStringSet('k', 'b')).toEqual(['b']);
    expect(s.addToStringSet('k', ['a', 'b', 'c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(s.add_to_string_set('k', new Set(['\u{1F600}', '\uFFFF']))).toEqual([
      'a',
      'b',
      'c',
      '\uFFFF',
      '\u{1F600}',
    ]);
    expect(s.removeFromStringSet('k', ['a', 'zz'])).toEqual(['b', 'c', '\uFFFF', '\u{1F600}']);
    expect(s.remove_from_string_set('k', '\uFFFF')).toEqual(['b', 'c', '\u{1F600}']);
    s.set('notalist', { a: 1 });
    expect(s.addToStringSet('notalist', 'x')).toEqual(['x']);
    expect(s.removeFromStringSet('missing', 'x')).toEqual([]);
    expect(() => s.addToStringSet('k', 5 as unknown as string[])).toThrow(/iterable of strings/);
  });

  it('without a store, caches can be created but their methods throw clearly', () => {
    const c = createRemoteCacheFactory(undefined)('logins', { ttl: 5 });
    expect(c.namespace).toBe('logins');
    expect(() => c.get('k')).toThrow(/remotecache\("logins"\) is not available.*remoteCache option/);
    expect(() => c.incrementCounter('k')).toThrow(/not available/);
  });

  it('purgeExpired deletes only expired rows; a file without the table purges nothing', () => {
    const { db, clock, remotecache } = fresh();
    remotecache('p', { ttl: 10 }).set('short', 1);
    remotecache('p', { ttl: 100 }).set('long', 1);
    expect(purgeExpired(db, clock.now + 50)).toBe(1);
    expect(db.prepare('SELECT key FROM lakewatch_remotecache').all()).toEqual([{ key: 'long' }]);
    expect(purgeExpired(db, clock.now + 50)).toBe(0);
    const empty = new Database(':memory:');
    expect(purgeExpired(empty)).toBe(0);
    empty.close();
  });
});

describe('remotecache JSON', () => {
  it("writes what Python's json.dumps(default=…) would, bigint exact", () => {
    expect(
      toJsonText({
        s: new Set([1, 2]),
        m: new Map([[1, 'one']]),
        d: new Date(0),
        b: 12345678901234567890n,
        u: undefined,
        f: () => 1,
        nan: NaN,
        arr: [undefined, Buffer.from('hé')],
      }),
    ).toBe(
      '{"s":[1,2],"m":{"1":"one"},"d":"1970-01-01T00:00:00.000Z","b":12345678901234567890,"nan":null,"arr":[null,"hé"]}',
    );
    expect(toJsonText(undefined)).toBe('null');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJsonText(cyclic)).toThrow(/cyclic/);
    const shared = { x: 1 };
    expect(toJsonText([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it("reads Python's NaN/Infinity as null and big integers as bigint", () => {
    expect(parseJsonText('{"a": NaN, "b": -Infinity, "c": "NaN", "d": 18446744073709551616}')).toEqual({
      a: null,
      b: null,
      c: 'NaN',
      d: 18446744073709551616n,
    });
    expect(() => parseJsonText('{bad')).toThrow(SyntaxError);
  });
});

describe('remotecache shared by the Python and TypeScript runtimes', () => {
  it('a Python detection and a TypeScript detection see the same counter, set and values', async () => {
    const lake = path.join(root, `lake${n++}`);
    const sqlitePath = path.join(root, `shared${n++}.db`);
    const [py, ts] = writeDetections(lake, [
      {
        name: 'py_side',
        file: 'detect.py',
        code: `from detection import remotecache
cache = remotecache("shared", ttl=600)
def detect(record):
    return True
def alert_context(record):
    n = cache.increment_counter("count")
    ips = cache.add_to_string_set("ips", record["ip"])
    if record.get("write"):
        cache["py_value"] = {"from": "python", "big": 2 ** 70, "tags": ("a", "b")}
    return {"n": n, "ips": ips, "ts_value": cache.get("ts_value")}
`,
      },
      {
        name: 'ts_side',
        code: `import { remotecache } from 'lakewatch/detection';
const cache = remotecache('shared', { ttl: 600 });
export const detect = () => true;
export function alert_context(record: any) {
  const n = cache.incrementCounter('count');
  const ips = cache.addToStringSet('ips', record.ip);
  cache.set('ts_value', { from: 'typescript', big: 2n ** 71n });
  return { n, ips, py_value: cache.get('py_value') };
}
`,
      },
    ]);
    const ctx = (rs: { kind: string }[]) => rs.map((r) => (r as DetectionMatch).alertContext);

    const pyPool = createPythonPool({ detections: [py!], workers: 1, remoteCache: { sqlitePath } });
    const tsPool = createScriptPool({ detections: [ts!], workers: 1, remoteCache: { sqlitePath } });
    try {
      expect(
        ctx(await pyPool.run('aws_cloudtrail', ['{"ip":"10.0.0.2","write":true}', '{"ip":"10.0.0.1"}'])),
      ).toEqual([
        { n: 1, ips: ['10.0.0.2'], ts_value: null },
        { n: 2, ips: ['10.0.0.1', '10.0.0.2'], ts_value: null },
      ]);
      expect(ctx(await tsPool.run('aws_cloudtrail', ['{"ip":"10.0.0.3"}']))).toEqual([
        {
          n: 3,
          ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3'],
          py_value: { from: 'python', big: 2n ** 70n, tags: ['a', 'b'] },
        },
      ]);
      expect(ctx(await pyPool.run('aws_cloudtrail', ['{"ip":"10.0.0.1"}']))).toEqual([
        { n: 4, ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], ts_value: { from: 'typescript', big: 2n ** 71n } },
      ]);
    } finally {
      await Promise.all([pyPool.close(), tsPool.close()]);
    }
    // and the Node-side store reads the same rows
    const store = new SqliteRemoteCacheStore(openRemoteCacheDb(sqlitePath));
    expect(store.get('shared', 'count')).toBe(4);
    store.db.close();
  });
});
