import type { Command } from 'commander';
import { resolveTransform, VrlProgramError, vrlCompatOf } from '../../pipeline/index.js';
import { ecsCatalog } from '../../schema/index.js';
import { ConfigErrors } from '../../config/index.js';
import { CliError, loadLake, type GlobalOptions } from '../context.js';
import { createDetectionRunner } from '../../detect/runner.js';
import { describeLoadError, loadAlerting } from '../realtime.js';
import { checkPullSources } from '../../sources/collectors/index.js';

export function registerValidate(program: Command, globals: () => GlobalOptions): void {
  program
    .command('validate')
    .description(
      'check the lake directory: config files, keys, ECS field names, schemas, VRL programs, detections',
    )
    .addHelpText('after', '\nExample:\n  lakewatch validate --dir ./my-lake\n')
    .action(async () => {
      const lakeDir = loadLake(globals());
      const tables = lakeDir.tables.filter((t) => t.enabled);
      // Every VRL program must compile (with the lake's VRL dialect) before data moves.
      const vrl = { compat: vrlCompatOf(lakeDir), ecsVersion: ecsCatalog().version };
      const problems: string[] = [];
      for (const source of lakeDir.logSources.filter((s) => s.enabled)) {
        try {
          resolveTransform(source, undefined, vrl);
        } catch (error) {
          if (!(error instanceof VrlProgramError)) throw error;
          problems.push(error.message);
        }
      }
      // Pull sources: settings and secrets present (no API call).
      const pulls = checkPullSources(lakeDir);
      for (const p of pulls.filter((x) => x.level === 'error')) problems.push(`${p.logSource}: ${p.message}`);
      for (const p of pulls.filter((x) => x.level !== 'error'))
        process.stderr.write(`warning: ${p.logSource}: ${p.message}\n`);
      if (problems.length > 0) throw new CliError(problems.join('\n\n'), 2);
      // Every detection must load (syntax, imports, a detect function), as every program must compile.
      const enabled = lakeDir.detections.filter((d) => d.enabled);
      if (enabled.length > 0) {
        const runner = await createDetectionRunner({ detections: enabled, workers: 1 });
        try {
          for (const e of await runner.loadErrors())
            problems.push(
              `${e.detection}: cannot load: ${describeLoadError(e, lakeDir.dir)}\n${userFrames(e.traceback, e.file)}`.trimEnd(),
            );
        } finally {
          await runner.close();
        }
      }
      if (problems.length > 0) throw new CliError(problems.join('\n\n'), 2);
      const alerting = loadAlerting(lakeDir);
      if (alerting.problems.length > 0) throw new ConfigErrors(lakeDir.dir, alerting.problems);
      const detections = lakeDir.detections;
      process.stdout.write(
        `${lakeDir.configFile}: ok — ${lakeDir.logSources.length} log sources, ${tables.length} tables` +
          (detections.length ? `, ${detections.length} detections` : '') +
          (alerting.destinations.length ? `, ${alerting.destinations.length} destinations` : '') +
          '\n',
      );
      for (const source of lakeDir.logSources) {
        const state = source.enabled ? '' : '  (disabled)';
        process.stdout.write(`  ${source.name}${state}\n`);
        for (const t of source.tables) {
          process.stdout.write(
            `    ${t.name.padEnd(30)} ${t.schema.length} top-level fields${t.enabled ? '' : '  (disabled)'}\n`,
          );
        }
      }
      if (detections.length) process.stdout.write('  detections:\n');
      for (const d of detections) {
        const state = d.enabled ? '' : '  (disabled)';
        process.stdout.write(
          `    ${d.name.padEnd(30)} ${d.code.language.padEnd(10)} ${d.alert.severity.padEnd(8)} on ${d.tables.join(', ')}${state}\n`,
        );
      }
      if (alerting.destinations.length) process.stdout.write('  destinations:\n');
      for (const d of alerting.destinations) process.stdout.write(`    ${d.name.padEnd(30)} ${d.type}\n`);
      const routes = Object.entries(lakeDir.project.alerting?.routes ?? {});
      if (routes.length) process.stdout.write('  routes (alerts whose detection names no destination):\n');
      for (const [severity, names] of routes)
        process.stdout.write(`    ${severity.padEnd(30)} → ${(names ?? []).join(', ')}\n`);
    });
}

/** The traceback from the first frame in the detection's own file (the runtime's frames are noise). */
function userFrames(traceback: string, file: string): string {
  const at = file ? traceback.indexOf(`File "${file}"`) : -1;
  if (at < 0) return traceback;
  return traceback.slice(traceback.lastIndexOf('\n', at) + 1);
}
