import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../util/index.js';
import { CliError, loadLake, withLake, type GlobalOptions } from '../context.js';
import { withRealtime } from '../realtime.js';

interface UpOptions {
  host?: string;
  port?: string;
  detect: boolean;
}

export function registerUp(program: Command, globals: () => GlobalOptions): void {
  program
    .command('up')
    .description(
      'run the lake as a service: HTTP ingest (and Splunk HEC), drop folders, realtime detections and alerts, maintenance schedules, the HTTP API and the web console',
    )
    .argument('[dir]', 'lake directory (default: --dir, the current directory or its nearest parent)')
    .option('--host <address>', 'address to listen on (default: service.host, else 127.0.0.1)')
    .option('--port <n>', 'TCP port, 0 for any free one (default: service.port, else 8470)')
    .option('--no-detect', 'do not run realtime detections on what the service ingests')
    .addHelpText(
      'after',
      '\nStop with Ctrl-C or SIGTERM: accepted data is committed first.\nAPI and ingest need a token: lakewatch token create <name>\n',
    )
    .action(async (dir: string | undefined, opts: UpOptions) => {
      const lakeDir = loadLake(dir ? { ...globals(), dir } : globals());
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
        throw new CliError(`--port ${opts.port}: expected a TCP port (0-65535)`, 2);
      const webDir = path.join(packageRoot(), 'dist', 'web');
      const version = (
        JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
      ).version;
      await withLake(lakeDir, (lake) =>
        withRealtime(lake, lakeDir, opts.detect, async (realtime) => {
          // loaded here: the HTTP server and console stack would slow every other command's start
          const { startService } = await import('../../service/index.js');
          const service = await startService({
            lake,
            lakeDir,
            ...(realtime ? { realtime } : {}),
            ...(opts.host ? { host: opts.host } : {}),
            ...(port !== undefined ? { port } : {}),
            ...(existsSync(path.join(webDir, 'index.html')) ? { webDir } : {}),
            version,
          });
          process.stdout.write(`lakewatch: listening on ${service.url}\n`);
          const s = lakeDir.project.service;
          process.stderr.write(
            `lakewatch: console ${service.url}/  ·  POST ${service.url}/ingest/<log_source>  ·  HEC ${service.url}/services/collector\n` +
              (s.drop.enabled ? `lakewatch: drop folders ${displayPath(s.drop.path)}/<log_source>/\n` : '') +
              `lakewatch: ${lakeDir.logSources.length} log sources, ${lakeDir.detections.filter((d) => d.enabled).length} detections${realtime ? '' : ' (not running)'}\n`,
          );
          await untilSignal();
          process.stderr.write('lakewatch: stopping: committing what was accepted…\n');
          await service.stop();
          process.stderr.write('lakewatch: stopped\n');
        }),
      );
    });
}

/** Resolves on the first SIGTERM or SIGINT; a second one exits at once. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.once(signal, () => process.exit(130));
      resolve();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}

/** Relative to the working directory when inside it, else absolute. */
function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
}
