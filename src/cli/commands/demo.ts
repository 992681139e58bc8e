import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadLakeDirectory } from '../../config/index.js';
import { expandInputs, ingestFiles } from '../../pipeline/index.js';
import { formatResult, openQuerySession } from '../../query/index.js';
import { withLake } from '../context.js';
import { formatIngestSummary } from './ingest.js';
import { formatAlertList } from './alerts.js';
import { withRealtime } from '../realtime.js';
import { scaffold } from './init.js';
import { listTables } from './tables.js';

const QUERIES: { title: string; sql: string }[] = [
  {
    title: 'SSH logins by outcome',
    sql: 'SELECT event.outcome AS outcome, count(*) AS logins FROM auth GROUP BY ALL ORDER BY logins DESC',
  },
  {
    title: 'Top sources of failed SSH logins',
    sql:
      'SELECT source.ip AS source_ip, count(*) AS failures, count(DISTINCT user.name) AS users_tried ' +
      "FROM auth WHERE event.outcome = 'failure' GROUP BY ALL ORDER BY failures DESC LIMIT 5",
  },
  {
    title: 'Denied connections by port since noon',
    sql:
      'SELECT dst_port, count(*) AS denied, count(DISTINCT src_ip) AS sources FROM firewall ' +
      "WHERE action = 'deny' AND ts >= TIMESTAMPTZ '2026-11-01 12:00:00+00' GROUP BY ALL ORDER BY denied DESC",
  },
  {
    title: 'Sources that failed SSH logins and were also denied at the firewall',
    sql:
      'WITH failed AS (SELECT source.ip AS ip, count(DISTINCT user.name) AS users_tried FROM auth ' +
      "WHERE event.outcome = 'failure' GROUP BY ALL), " +
      "denied AS (SELECT src_ip AS ip, count(*) AS denied FROM firewall WHERE action = 'deny' GROUP BY ALL) " +
      'SELECT ip, users_tried, denied FROM failed JOIN denied USING (ip) ORDER BY denied DESC',
  },
  {
    title: 'Who ran what as root (syslog parsed to ECS by a VRL transform)',
    sql:
      'SELECT user.name AS "user", host.hostname AS host, process.command_line AS command, count(*) AS runs ' +
      "FROM syslog WHERE process.name = 'sudo' AND user.effective.name = 'root' GROUP BY ALL ORDER BY runs DESC LIMIT 5",
  },
  {
    title: 'Alerts are rows in the lake too: rule matches per alert, with the alert context',
    sql:
      'SELECT lakewatch.alert.title AS title, lakewatch.alert.severity AS severity, count(*) AS matches, ' +
      'bool_or(lakewatch.alert.activated) AS activated, count(DISTINCT host.name) AS hosts ' +
      'FROM lakewatch_alerts GROUP BY ALL ORDER BY matches DESC LIMIT 5',
  },
  {
    title: 'What was dead-lettered, and why',
    sql: 'SELECT log_source, line, stage, reason FROM lakewatch_dead_letters ORDER BY log_source, line',
  },
  {
    title: 'Values that could not be converted (written as null)',
    sql: 'SELECT log_source, line, field, value, reason FROM lakewatch_conform_warnings ORDER BY log_source, line',
  },
];

function freshDir(requested: string | undefined): string {
  if (requested) return path.resolve(requested);
  for (let i = 1; ; i++) {
    const dir = path.resolve(i === 1 ? 'lakewatch-demo' : `lakewatch-demo-${i}`);
    if (!existsSync(dir)) return dir;
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create a lake in a fresh folder, ingest bundled sample logs, show tables and query results')
    .argument('[dir]', 'folder to create (default: ./lakewatch-demo, or -2, -3… if taken)')
    .addHelpText('after', '\nExample:\n  lakewatch demo && cd lakewatch-demo && lakewatch tables\n')
    .action(async (dir: string | undefined) => {
      const target = freshDir(dir);
      scaffold('demo', target);
      const out = process.stdout;
      out.write(`Created the demo lake in ${target}\n\n`);
      const lakeDir = loadLakeDirectory(target);
      await withLake(lakeDir, async (lake) => {
        await withRealtime(lake, lakeDir, true, async (realtime) => {
          for (const source of lakeDir.logSources) {
            const inputs = await expandInputs([path.join(target, 'data', source.name)]);
            const summary = await ingestFiles({ lake, lakeDir, logSource: source.name, inputs, realtime });
            out.write(formatIngestSummary(summary) + '\n');
          }
          if (realtime) {
            out.write(
              `── Alerts raised by the detections in ${path.join(target, 'detections')}\n$ lakewatch alerts\n`,
            );
            out.write(formatAlertList(realtime.store.list({ limit: 10 })) + '\n');
          }
        });
        out.write(await listTables(lake, false));
        const session = await openQuerySession(lake);
        try {
          for (const q of QUERIES) {
            out.write(`\n── ${q.title}\n$ lakewatch query "${q.sql}"\n`);
            out.write(formatResult(await session.query(q.sql), 'table'));
          }
        } finally {
          await session.close();
        }
      });
      out.write(
        `\nThe lake is a plain Iceberg warehouse: ${path.join(target, '.lakewatch', 'warehouse')}\n` +
          `Try:\n  cd ${path.relative(process.cwd(), target)}\n  lakewatch tables auth\n` +
          `  lakewatch query "SELECT * FROM auth LIMIT 5" --format json\n` +
          `  lakewatch alerts --min-severity high\n` +
          `  lakewatch token create me && lakewatch up    # console, API and HTTP ingest on http://127.0.0.1:8470\n`,
      );
    });
}
