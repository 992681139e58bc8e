import { cpSync, existsSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../util/index.js';
import { CliError } from '../context.js';

/** Copies a template folder from the package's samples/ into `target`, which must be new or empty. */
export function scaffold(template: string, target: string): void {
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new CliError(`${target} is not empty; pick a new directory`);
  }
  const source = path.join(packageRoot(), 'samples', template);
  cpSync(source, target, { recursive: true });
  linkSchemas(target);
}

/** Points the `$schema` comments of the copied YAML files at this package's JSON Schemas. */
function linkSchemas(target: string): void {
  const schemas = path.join(packageRoot(), 'schemas');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.yml')) {
        const text = readFileSync(file, 'utf8');
        const kind =
          entry.name === 'log_source.yml'
            ? 'log_source'
            : entry.name.endsWith('config.yml')
              ? 'lakewatch.config'
              : 'table';
        const rel = path.relative(path.dirname(file), path.join(schemas, `${kind}.schema.json`));
        const header = `# yaml-language-server: $schema=${rel}\n`;
        const body = text.replace(/^# yaml-language-server: .*\n/, '');
        writeFileSync(file, header + body);
      }
    }
  };
  visit(target);
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a lake directory with an example log source and sample data')
    .argument('[dir]', 'directory to create', '.')
    .addHelpText(
      'after',
      '\nExample:\n  lakewatch init my-lake && cd my-lake && lakewatch ingest example data/example.jsonl\n',
    )
    .action((dir: string) => {
      const target = path.resolve(dir);
      scaffold('init', target);
      process.stdout.write(
        `created a lake directory in ${target}\n` +
          `next:\n  cd ${path.relative(process.cwd(), target) || '.'}\n` +
          `  lakewatch validate\n  lakewatch ingest example data/example.jsonl\n` +
          `  lakewatch query "SELECT user.name, event.outcome, count(*) AS n FROM example GROUP BY ALL ORDER BY n DESC"\n`,
      );
    });
}
