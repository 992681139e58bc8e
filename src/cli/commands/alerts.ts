import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Database from 'better-sqlite3';
import {
  SEVERITIES,
  openAlertStore,
  type Alert,
  type AlertStore,
  type ListFilters,
  type Severity,
} from '../../alerts/index.js';
import { stringifyJson } from '../../lake/iceberg/json.js';
import { formatCount, parseDuration } from '../../util/index.js';
import { ConfigErrors } from '../../config/index.js';
import { openDelivery, type DeliveryRecord } from '../../alerts/destinations/index.js';
import { openStateDb } from '../../detect/realtime.js';
import { CliError, loadLake, resolveLakeDir, withLake, type GlobalOptions } from '../context.js';
import { loadAlerting, openLakeDelivery } from '../realtime.js';

interface ListOptions {
  severity?: string[];
  minSeverity?: string;
  detection?: string[];
  since?: string;
  activated?: boolean;
  limit: string;
  json?: boolean;
}

export function registerAlerts(program: Command, globals: () => GlobalOptions): void {
  const alerts = program
    .command('alerts')
    .description('list alerts (rule matches grouped by detection and dedupe), or show one with its matches');
  alerts
    .command('list', { isDefault: true })
    .description('list alerts, most recently matched first')
    .option('--severity <level...>', `only these severities (${SEVERITIES.join(', ')})`)
    .option('--min-severity <level>', 'at least this severity')
    .option('--detection <name...>', 'only these detections')
    .option('--since <when>', 'matched within this duration (e.g. 24h, 7d) or since this time (ISO 8601)')
    .option('--activated', 'only alerts that reached their threshold')
    .option('--no-activated', 'only alerts below their threshold')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  lakewatch alerts --min-severity high --since 24h\n  lakewatch alerts show <id>\n',
    )
    .action((opts: ListOptions) => {
      const filters = filtersFrom(opts); // bad options are errors even before any alert exists
      withStore(globals(), (store, db) => {
        const list = store ? store.list(filters) : [];
        const delivery = store && db ? readDelivery(db, store) : undefined;
        const states = new Map(list.map((a) => [a.id, deliveryState(delivery?.deliveries(a.id) ?? [])]));
        const statuses = store?.statuses(list.map((a) => a.id));
        if (opts.json)
          process.stdout.write(
            JSON.stringify(
              list.map((a) => ({ ...a, status: statuses?.get(a.id) ?? 'open', delivery: states.get(a.id) })),
              null,
              2,
            ) + '\n',
          );
        else process.stdout.write(formatAlertList(list, states, statuses));
      });
    });
  alerts
    .command('show')
    .description('show one alert: its fields and every rule match (with the alert context and record)')
    .argument('<id>', 'alert id (a unique prefix is enough)')
    .option('--json', 'print as JSON')
    .action((id: string, opts: { json?: boolean }) => {
      withStore(globals(), (store, db) => {
        const alert = store ? findAlert(store, id) : undefined;
        if (!store || !db || !alert) throw new CliError(`no alert with id ${JSON.stringify(id)}`);
        const matches = store.matches(alert.id);
        const deliveries = readDelivery(db, store).deliveries(alert.id);
        if (opts.json) process.stdout.write(stringifyJson({ ...alert, matches, deliveries }, 2) + '\n');
        else process.stdout.write(formatAlert(alert, matches) + formatDeliveries(deliveries, 'deliveries'));
      });
    });
  alerts
    .command('failures')
    .description('deliveries that failed (still retried, or given up), newest first')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print as JSON')
    .action((opts: { limit: string; json?: boolean }) => {
      withStore(globals(), (store, db) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new CliError(`--limit ${opts.limit}: expected a positive integer`, 2);
        const list = store && db ? readDelivery(db, store).failures({ limit }) : [];
        if (opts.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        else
          process.stdout.write(
            list.length ? formatDeliveries(list, 'failed deliveries') : 'no failed deliveries\n',
          );
      });
    });
  alerts
    .command('deliver')
    .description('send alert changes not delivered yet (retries failed deliveries) to their destinations')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { json?: boolean }) => {
      const lakeDir = loadLake(globals());
      const { destinations, problems } = loadAlerting(lakeDir);
      if (problems.length > 0) throw new ConfigErrors(lakeDir.dir, problems);
      await withLake(lakeDir, async (lake) => {
        const db = openStateDb(lake);
        try {
          const store = openAlertStore(db);
          const { delivery, close } = openLakeDelivery(lake, lakeDir, store, destinations);
          try {
            const s = await delivery.deliverPending();
            if (opts.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
            else
              process.stdout.write(
                s.busy
                  ? 'another process is delivering right now; nothing done\n'
                  : `${s.changes} alert changes: ${s.sent} sent, ${s.failed} failed, ${s.alreadySent} already sent, ${s.deferred} deferred, ${s.gaveUp} given up\n`,
              );
            if (s.failed > 0) process.exitCode = 1;
          } finally {
            close();
          }
        } finally {
          db.close();
        }
      });
    });
}

/** The delivery ledger for reading (no destinations needed to list what happened). */
function readDelivery(db: Database.Database, store: AlertStore) {
  return openDelivery({ db, store, destinations: [] });
}

function formatDeliveries(list: DeliveryRecord[], heading: string): string {
  if (list.length === 0) return '';
  const lines = ['', `${heading} (${list.length}):`];
  for (const d of list) {
    const when = iso(d.sentAt ?? d.updatedAt);
    const state = d.state === 'failed' && d.gaveUp ? 'gave up' : d.state;
    let line = `  ${when}  ${d.destination.padEnd(20)} ${d.kind.padEnd(9)} ${state.padEnd(8)} attempts ${d.attempts}`;
    if (d.response) line += `  ${d.response}`;
    if (heading !== 'deliveries') line += `  alert ${d.alertId.slice(0, 8)}`;
    lines.push(line);
    if (d.error) lines.push(`      ${d.error}`);
  }
  return lines.join('\n') + '\n';
}

/** Opens the alert store of the lake (read side); `undefined` when the lake has none yet. */
function withStore(
  globals: GlobalOptions,
  fn: (store: AlertStore | undefined, db: Database.Database | undefined) => void,
): void {
  const dir = resolveLakeDir(globals);
  const file = path.join(dir, '.lakewatch', 'catalog.db');
  if (!existsSync(file)) return fn(undefined, undefined);
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  try {
    const hasAlerts = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alerts'`)
      .get();
    if (!hasAlerts) return fn(undefined, undefined);
    const store = openAlertStore(db);
    fn(store, db);
  } finally {
    db.close();
  }
}

function severity(text: string, flag: string): Severity {
  const s = text.toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(s))
    throw new CliError(`${flag} ${text}: expected one of ${SEVERITIES.join(', ')}`, 2);
  return s as Severity;
}

function filtersFrom(opts: ListOptions): ListFilters {
  const f: ListFilters = {};
  if (opts.severity) f.severity = opts.severity.map((s) => severity(s, '--severity'));
  if (opts.minSeverity) f.minSeverity = severity(opts.minSeverity, '--min-severity');
  if (opts.detection) f.detection = opts.detection;
  if (opts.activated !== undefined) f.activated = opts.activated;
  if (opts.since) {
    let t: number;
    if (/^\d+(\.\d+)?\s*[a-z]+$/i.test(opts.since)) {
      try {
        t = Date.now() - parseDuration(opts.since);
      } catch (err) {
        throw new CliError(`--since ${opts.since}: ${(err as Error).message}`, 2);
      }
    } else t = Date.parse(opts.since);
    if (Number.isNaN(t))
      throw new CliError(`--since ${opts.since}: expected a duration (24h, 7d) or an ISO 8601 time`, 2);
    f.since = t;
  }
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError(`--limit ${opts.limit}: expected a positive integer`, 2);
  f.limit = limit;
  return f;
}

function findAlert(store: AlertStore, id: string): Alert | undefined {
  const exact = store.alert(id);
  if (exact) return exact;
  const found = store.list().filter((a) => a.id.startsWith(id));
  if (found.length > 1)
    throw new CliError(`alert id prefix ${JSON.stringify(id)} is ambiguous (${found.length} alerts)`, 2);
  return found[0];
}

const iso = (ms: number | null): string =>
  ms === null ? '-' : new Date(ms).toISOString().slice(0, 19) + 'Z';

/** Deliveries of an alert in a word: `-` (none), `sent 2`, `failed 1` (failures first). */
interface DeliveryState {
  sent: number;
  failed: number;
  pending: number;
}

function deliveryState(records: DeliveryRecord[]): DeliveryState {
  const s = { sent: 0, failed: 0, pending: 0 };
  for (const d of records) {
    if (d.state === 'sent') s.sent++;
    else if (d.state === 'failed') s.failed++;
    else s.pending++;
  }
  return s;
}

function deliveryText(s: DeliveryState | undefined): string {
  if (!s || s.sent + s.failed + s.pending === 0) return '-';
  if (s.failed > 0) return `FAILED ${s.failed}`;
  if (s.pending > 0) return `sending ${s.pending}`;
  return `sent ${s.sent}`;
}

export function formatAlertList(
  list: Alert[],
  delivery?: Map<string, DeliveryState>,
  statuses?: Map<string, string>,
): string {
  if (list.length === 0) return 'no alerts\n';
  const lines = [
    `${'ID'.padEnd(10)} ${'SEVERITY'.padEnd(9)} ${'STATUS'.padEnd(13)}${'STATE'.padEnd(9)} ${'MATCHES'.padStart(7)}  ${'LAST MATCH'.padEnd(21)}${delivery ? `${'DELIVERY'.padEnd(10)} ` : ''}${'DETECTION'.padEnd(24)} TITLE`,
  ];
  for (const a of list) {
    const state = a.activated ? 'active' : `${a.matchCount}/${a.threshold}`;
    const sent = delivery ? `${deliveryText(delivery.get(a.id)).padEnd(10)} ` : '';
    lines.push(
      `${a.id.slice(0, 8).padEnd(10)} ${a.severity.padEnd(9)} ${(statuses?.get(a.id) ?? 'open').padEnd(13)}${state.padEnd(9)} ${formatCount(a.matchCount).padStart(7)}  ${iso(a.lastMatchedAt).padEnd(21)}${sent}${a.detection.padEnd(24)} ${a.title}`,
    );
  }
  return lines.join('\n') + '\n';
}

function formatAlert(a: Alert, matches: ReturnType<AlertStore['matches']>): string {
  const lines = [
    `${a.title}`,
    `  id            ${a.id}`,
    `  detection     ${a.detection}`,
    `  severity      ${a.severity}`,
    `  dedupe        ${a.dedupe}`,
    `  state         ${a.activated ? `activated at ${iso(a.activatedAt)}` : `not activated (${a.matchCount} of ${a.threshold} matches)`}`,
    `  matches       ${formatCount(a.matchCount)}, first ${iso(a.firstMatchedAt)}, last ${iso(a.lastMatchedAt)}`,
    `  window ends   ${iso(a.windowEndsAt)}`,
    `  destinations  ${a.destinations.length ? a.destinations.join(', ') : '-'}`,
  ];
  const first = matches[0];
  if (first?.description) lines.push(`  description   ${first.description}`);
  if (first?.runbook) lines.push(`  runbook       ${first.runbook}`);
  if (first?.reference) lines.push(`  reference     ${first.reference}`);
  lines.push('', `rule matches (${matches.length}):`);
  for (const m of matches) {
    lines.push(`  ${m.id}  ${iso(m.matchedAt)}  ${m.table}  ${path.basename(m.input)}#${m.recordPosition}`);
    if (m.alertContext !== undefined) lines.push(`    context  ${stringifyJson(m.alertContext)}`);
    const ev = stringifyJson(m.event);
    lines.push(`    record   ${ev.length > 400 ? ev.slice(0, 400) + '…' : ev}`);
  }
  return lines.join('\n') + '\n';
}
