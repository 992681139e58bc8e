/**
 * An ingest worker thread: runs a GroupWriter on inputs the orchestrator sends, writing Parquet
 * files through its own lake handle (own DuckDB; the catalog is only read). Replies carry the
 * group's data files and counts; the orchestrator commits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLakeDirectory } from '../config/index.js';
import { openLake } from '../lake/index.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './executor.js';
import { GroupWriter } from './group-writer.js';
import { findLogSource, findTable } from './sources.js';
import { resolveTransform, vrlCompatOf } from './transform.js';
import { ecsCatalog } from '../schema/index.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const reply = (msg: WorkerReply) => port.postMessage(msg);

const ready = (async () => {
  const lakeDir = loadLakeDirectory(init.lakeDirPath);
  const source = findLogSource(lakeDir, init.logSource);
  const explicit = init.table !== undefined ? findTable(source, init.table) : undefined;
  const lake = await openLake({
    root: init.lakeRoot,
    stateDir: init.stateDir,
    namespace: init.namespace,
    duckdb: { threads: 1 },
  });
  let bytes = 0;
  let records = 0;
  let last = 0;
  const writer = new GroupWriter({
    lake,
    source,
    defaultTable: init.defaultTable,
    transform: resolveTransform(source, explicit, {
      compat: vrlCompatOf(lakeDir),
      ecsVersion: ecsCatalog().version,
    }),
    onProgress: (b, r) => {
      bytes += b;
      records += r;
      const now = Date.now();
      if (now - last > 100) {
        last = now;
        reply({ type: 'progress', bytes, records });
        bytes = records = 0;
      }
    },
  });
  const flushProgress = () => {
    if (bytes || records) reply({ type: 'progress', bytes, records });
    bytes = records = 0;
  };
  return { lake, writer, flushProgress };
})();

// Requests are handled one at a time, in order.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (msg: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const { lake, writer, flushProgress } = await ready;
      switch (msg.type) {
        case 'ingest':
          await writer.ingestInput(msg.unit, msg.ingestTs);
          flushProgress();
          return reply({ type: 'done', id: msg.id });
        case 'finish':
          return reply({ type: 'done', id: msg.id, result: await writer.finish() });
        case 'abort':
          await writer.abort();
          return reply({ type: 'done', id: msg.id });
        case 'close':
          await lake.close();
          reply({ type: 'done', id: msg.id });
          return port.close();
      }
    } catch (err) {
      reply({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
    }
  });
});
