/**
 * Exactly-once delivery of alert changes: outbox cursor → (change, destination) pairs → ledger row
 * written before the send → retried send → ledger row updated. See README "Delivery guarantees".
 */
import type Database from 'better-sqlite3';
import pRetry from 'p-retry';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertChange, AlertStore, RuleMatch } from '../index.js';
import { DeliveryError } from './http.js';
import { Ledger, type PairKey } from './ledger.js';
import { buildPayload } from './payload.js';
import { SecretError, SecretResolver } from './secrets.js';
import { sendEmail } from './senders/email.js';
import { sendJira } from './senders/jira.js';
import { sendPagerDuty } from './senders/pagerduty.js';
import { sendSlack } from './senders/slack.js';
import { sendSns } from './senders/sns.js';
import { sendTeams } from './senders/teams.js';
import type { SendContext, SendResult } from './senders/types.js';
import { sendWebhook } from './senders/webhook.js';
import type { DeliveryRecord, DeliverySummary, DestinationConfig, RetryOptions, Routes } from './types.js';

export interface DeliveryOptions {
  db: Database.Database;
  store: AlertStore;
  destinations: DestinationConfig[];
  /** Severity → destination names, for alerts whose detection named none. */
  routes?: Routes;
  /** Where `${env:…}` and AWS credentials come from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** JSON/YAML map for `${secret:…}` (default env LAKEWATCH_SECRETS_FILE); must lie outside the lake dir. */
  secretsFile?: string;
  retry?: RetryOptions;
  log?: (line: string) => void;
  now?: () => number;
}

export interface Delivery {
  /** Sends every change after the cursor that the ledger does not show as sent. Calls are serialized. */
  deliverPending(): Promise<DeliverySummary>;
  /** Ledger rows of one alert, in outbox order. */
  deliveries(alertId: string): DeliveryRecord[];
  /** Failed rows (to be retried, or given up), most recent first; default limit 100. */
  failures(opts?: { limit?: number }): DeliveryRecord[];
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  attempts: 4,
  minDelayMs: 500,
  maxDelayMs: 30_000,
  rounds: 10,
  maxRetryAfterMs: 60_000,
};

const PAGE = 500;
/** Longer than one attempt can take (timeout + backoff + Retry-After); renewed before each attempt. */
const LEASE_MS = 5 * 60_000;

type Sender = (d: DestinationConfig, ctx: SendContext) => Promise<SendResult>;
const SENDERS: Record<DestinationConfig['type'], Sender> = {
  slack: sendSlack as Sender,
  webhook: sendWebhook as Sender,
  pagerduty: sendPagerDuty as Sender,
  jira: sendJira as Sender,
  teams: sendTeams as Sender,
  email: sendEmail as Sender,
  sns: sendSns as Sender,
};

interface Pair extends PairKey {
  change: AlertChange;
  dest?: DestinationConfig;
  recovering: boolean;
}

export function openDelivery(opts: DeliveryOptions): Delivery {
  const ledger = new Ledger(opts.db);
  const env = opts.env ?? process.env;
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const now = opts.now ?? Date.now;
  const byName = new Map(opts.destinations.map((d) => [d.name, d]));
  let running: Promise<unknown> = Promise.resolve();
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  /** The lease, also from a holder that died without releasing it (kill -9 of a service). */
  const takeLease = (): boolean => {
    const t = Date.now();
    if (ledger.lease(owner, t, LEASE_MS)) return true;
    const holder = ledger.leaseHolder();
    return holder !== undefined && holderIsGone(holder) && ledger.takeOver(holder, owner, t, LEASE_MS);
  };

  const destinationsOf = (change: AlertChange): string[] => {
    const own = change.alert.destinations;
    const names = own.length > 0 ? own : (opts.routes?.[change.alert.severity] ?? []);
    return [...new Set(names)];
  };

  async function run(): Promise<DeliverySummary> {
    const secrets = new SecretResolver(env, opts.secretsFile);
    const log = (line: string) => opts.log?.(secrets.redact(line));
    const summary: DeliverySummary = {
      changes: 0,
      sent: 0,
      failed: 0,
      gaveUp: 0,
      alreadySent: 0,
      deferred: 0,
      cursor: ledger.cursor(),
      busy: false,
    };
    if (!takeLease()) {
      summary.busy = true;
      log('delivery: another process is delivering; nothing done');
      return summary;
    }
    try {
      await deliver(summary, secrets, log);
    } finally {
      ledger.release(owner);
    }
    return summary;
  }

  async function deliver(
    summary: DeliverySummary,
    secrets: SecretResolver,
    log: (line: string) => void,
  ): Promise<void> {
    const changes: AlertChange[] = [];
    for (let after = summary.cursor; ;) {
      const page = opts.store.changes({ afterSeq: after, limit: PAGE });
      changes.push(...page);
      if (page.length < PAGE) break;
      after = page.at(-1)!.seq;
    }
    summary.changes = changes.length;

    // Pairs to send, grouped by destination so one slow destination does not hold up the others,
    // while each destination sees its changes in outbox order (Slack threads, Jira comments).
    const queues = new Map<string, Pair[]>();
    for (const change of changes) {
      for (const name of destinationsOf(change)) {
        const row = ledger.get(change.id, name);
        if (row?.state === 'sent') {
          summary.alreadySent++;
          continue;
        }
        if (row?.state === 'failed' && row.gaveUp) continue;
        if (row?.state === 'sending')
          log(`delivery: resending ${change.id} to ${name}: a previous run stopped during its send`);
        const dest = byName.get(name);
        const pair: Pair = {
          change,
          changeId: change.id,
          changeSeq: change.seq,
          alertId: change.alert.id,
          kind: change.kind,
          destination: name,
          recovering: row?.state === 'sending',
          ...(dest ? { dest, destinationType: dest.type } : {}),
        };
        let q = queues.get(name);
        if (!q) queues.set(name, (q = []));
        q.push(pair);
      }
    }

    const matchCache = new Map<string, RuleMatch[]>();
    const matchesOf = (alertId: string) => {
      let m = matchCache.get(alertId);
      if (!m) matchCache.set(alertId, (m = opts.store.matches(alertId)));
      return m;
    };

    const fail = (pair: Pair, attempts: number, message: string) => {
      const error = secrets.redact(message);
      const gaveUp = ledger.failed(pair, attempts, error, retry.rounds, now());
      summary.failed++;
      if (gaveUp) summary.gaveUp++;
      log(
        `delivery: ${pair.changeId} to ${pair.destination} failed${gaveUp ? ' (giving up)' : ''} after ${attempts} attempt(s): ${error}`,
      );
    };

    async function sendOne(pair: Pair): Promise<boolean> {
      ledger.begin(pair, now());
      const dest = pair.dest;
      if (!dest) {
        fail(
          pair,
          0,
          `unknown destination \`${pair.destination}\` (no integrations/destinations file has this name)`,
        );
        return true; // nothing else to this name can succeed either, but that costs nothing
      }
      const ctx: SendContext = {
        payload: buildPayload(pair.change, matchesOf(pair.alertId)),
        secrets,
        env,
        recovering: pair.recovering,
      };
      const thread = ledger.thread(pair.alertId, pair.destination);
      if (thread) ctx.thread = thread;
      let attempts = 0;
      try {
        const result = await pRetry(
          async () => {
            attempts++;
            // Expired while this process stalled and another deliverer took over: stop sending.
            if (!takeLease())
              throw new DeliveryError('another process took over delivery (lease expired)', false);
            return SENDERS[dest.type](dest, ctx);
          },
          {
            retries: Math.max(0, retry.attempts - 1),
            factor: 2,
            minTimeout: retry.minDelayMs,
            maxTimeout: retry.maxDelayMs,
            randomize: true,
            shouldRetry: ({ error }) => error instanceof DeliveryError && error.retryable,
            onFailedAttempt: async ({ error, retriesLeft }) => {
              if (!(error instanceof DeliveryError) || !error.retryable || retriesLeft === 0) return;
              const wait = error.retryAfterMs;
              if (wait === undefined) return;
              if (wait > retry.maxRetryAfterMs)
                throw new DeliveryError(
                  `${error.message} (Retry-After ${Math.ceil(wait / 1000)} s is longer than this run waits; retrying on the next run)`,
                  false,
                );
              // Honour the server's wait; p-retry's own backoff follows it.
              await sleep(wait);
            },
          },
        );
        ledger.sent(pair, attempts, secrets.redact(result.response), now(), result.thread);
        summary.sent++;
        log(`delivery: sent ${pair.changeId} to ${pair.destination} (${dest.type}): ${result.response}`);
        return true;
      } catch (err) {
        const message =
          err instanceof DeliveryError || err instanceof SecretError
            ? err.message
            : `${dest.type} sender error: ${err instanceof Error ? err.message : String(err)}`;
        fail(pair, attempts, message);
        return false;
      }
    }

    await Promise.all(
      [...queues.values()].map(async (queue) => {
        let blocked = false;
        for (const pair of queue) {
          if (blocked) {
            summary.deferred++;
            continue;
          }
          if (!(await sendOne(pair))) blocked = true;
        }
      }),
    );

    // Advance past the changes whose pairs are all settled (sent, or given up).
    let cursor = summary.cursor;
    for (const change of changes) {
      const settled = destinationsOf(change).every((name) => {
        const row = ledger.get(change.id, name);
        return row !== undefined && (row.state === 'sent' || (row.state === 'failed' && row.gaveUp));
      });
      if (!settled) break;
      cursor = change.seq;
    }
    if (cursor !== summary.cursor) ledger.setCursor(cursor);
    summary.cursor = cursor;
  }

  return {
    deliverPending() {
      const next = running.then(run, run);
      running = next.catch(() => undefined);
      return next;
    },
    deliveries: (alertId) => ledger.forAlert(alertId),
    failures: (o = {}) => ledger.failures(o.limit ?? 100),
  };
}

/**
 * A lease holder `<host>:<pid>:<uuid>` on this host whose process no longer exists. Holders on
 * other hosts (a shared state database) are waited out until their lease expires.
 */
function holderIsGone(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
