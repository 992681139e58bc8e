/**
 * What route modules share: the app's dependencies plus per-request access to the alert store
 * (opened on the lake's state database for the request) and to query sessions.
 */
import type Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { openAlertStore, type AlertStore } from '../alerts/index.js';
import type { LakeDirectory } from '../config/types.js';
import { openStateDb } from '../detect/realtime.js';
import type { Lake } from '../lake/index.js';
import { openQuerySession, type QuerySession } from '../query/index.js';
import type { ServiceStatus } from '../service/types.js';
import type { LakewatchMetrics } from '../telemetry/metrics.js';
import type { Api } from './api.js';
import { RunningQueries } from './running-queries.js';
import type { TokenStore } from './tokens.js';

export interface AppDeps {
  lake: Lake;
  lakeDir: LakeDirectory;
  metrics: LakewatchMetrics;
  tokens: TokenStore;
  /** HTTP ingest and HEC routes (src/sources/http), mounted at '/'. */
  ingestRoutes?: Hono;
  /** The built console (dist/web), served at '/' with a fallback to index.html. */
  webDir?: string;
  /** The running service's status. */
  status?: () => ServiceStatus;
  log?: (line: string) => void;
  /** Clock in epoch ms (tests pin it). */
  now?: () => number;
}

export interface ServerContext {
  deps: AppDeps;
  api: Api;
  queries: RunningQueries;
  log: (line: string) => void;
  now: () => number;
  /** Runs `fn` with the alert store on a database opened for the call. */
  withAlerts<T>(fn: (store: AlertStore, db: Database.Database) => T): T;
  /** Runs `fn` with a query session opened for the call. */
  withSession<T>(fn: (session: QuerySession) => Promise<T>): Promise<T>;
}

export function serverContext(deps: AppDeps, api: Api): ServerContext {
  return {
    deps,
    api,
    queries: new RunningQueries(),
    log: deps.log ?? ((line) => process.stderr.write(line + '\n')),
    now: deps.now ?? Date.now,
    withAlerts(fn) {
      const db = openStateDb(deps.lake);
      try {
        return fn(openAlertStore(db), db);
      } finally {
        db.close();
      }
    },
    async withSession(fn) {
      const session = await openQuerySession(deps.lake);
      try {
        return await fn(session);
      } finally {
        await session.close();
      }
    },
  };
}
