/** Temporary lake directories with destination files, and alert stores with changes. */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAlertStore, type AlertStore, type RuleMatchInput } from '../../index.js';

export interface TempLake {
  root: string;
  lakeDir: string;
  write(name: string, yaml: string): void;
  cleanup(): void;
}

export function tempLake(): TempLake {
  const root = mkdtempSync(path.join(tmpdir(), 'lw-dest-'));
  const lakeDir = path.join(root, 'lake');
  mkdirSync(path.join(lakeDir, 'integrations/destinations'), { recursive: true });
  return {
    root,
    lakeDir,
    write: (name, yaml) => writeFileSync(path.join(lakeDir, 'integrations/destinations', name), yaml),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function openDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  return db;
}

export const T0 = Date.parse('2026-12-01T10:00:00Z');

export function match(i: number, over: Partial<RuleMatchInput> = {}): RuleMatchInput {
  return {
    detection: 'brute_force',
    table: 'aws_cloudtrail',
    input: 'batch-1',
    recordPosition: i,
    matchedAt: T0 + i * 1000,
    title: 'Console login brute force for alice',
    dedupe: 'alice',
    severity: 'high',
    destinations: [],
    description: 'Many failed console logins',
    runbook: 'Lock the account and call the user',
    reference: 'https://example.com/brute-force',
    alertContext: { failures: 12 },
    event: {
      event: { action: 'ConsoleLogin', outcome: 'failure' },
      user: { name: 'alice' },
      source: { ip: '203.0.113.7' },
      host: { name: 'web-1' },
      cloud: { account: { id: '123456789012' } },
      message: 'not in the summary',
    },
    ...over,
  };
}

export const SETTINGS = { brute_force: { threshold: 1, deduplicationWindowMs: 3_600_000 } };

export function process(store: AlertStore, matches: RuleMatchInput[]) {
  return store.process(matches, SETTINGS);
}

export function newStore(db: Database.Database): AlertStore {
  return openAlertStore(db);
}
