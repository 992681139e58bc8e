import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../util/index.js';
import { scaffoldDetection, ScaffoldError } from '../../detect/testing/index.js';
import { CliError, loadLake, type GlobalOptions } from '../context.js';
import { CONFIG_FILE_NAMES, findLakeDir } from '../../config/index.js';
import { loadManagedSource, managedTypes } from '../../managed/registry.js';
import { managedPropertyLines } from '../../managed/scaffold.js';

/** Copies a template folder from the package's samples/ into `target`, which must be new or empty. */
export function scaffold(template: string, target: string): void {
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new CliError(`${target} is not empty; pick a new directory`);
  }
  const source = path.join(packageRoot(), 'samples', template);
  cpSync(source, target, { recursive: true });
  linkSchemas(target);
}

/** Which JSON Schema describes a YAML file of a lake directory (by its place), if any. */
function schemaKind(rel: string): string | undefined {
  const parts = rel.split(path.sep);
  const name = parts[parts.length - 1]!;
  if (parts.length === 1 && name.endsWith('config.yml')) return 'lakewatch.config';
  if (parts[0] === 'log_sources' && name === 'log_source.yml') return 'log_source';
  if (parts[0] === 'log_sources' && parts[parts.length - 2] === 'tables') return 'table';
  if (parts[0] === 'detections' && name === 'detection.yml') return 'detection';
  if (parts[0] === 'integrations' && parts[1] === 'destinations') return 'destination';
  return undefined; // e.g. detection tests: no schema
}

/** Points the `$schema` comments of the copied YAML files at this package's JSON Schemas. */
function linkSchemas(target: string): void {
  const schemas = path.join(packageRoot(), 'schemas');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.yml')) {
        const kind = schemaKind(path.relative(target, file));
        if (!kind) continue;
        const text = readFileSync(file, 'utf8');
        const rel = path.relative(path.dirname(file), path.join(schemas, `${kind}.schema.json`));
        const header = `# yaml-language-server: $schema=${rel}\n`;
        const body = text.replace(/^# yaml-language-server: .*\n/, '');
        writeFileSync(file, header + body);
      }
    }
  };
  visit(target);
}

interface InitOptions {
  detection?: string;
  source?: string;
  language: string;
  table?: string;
}

const LANGUAGES = ['python', 'typescript'] as const;

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'create a lake directory with an example log source, sample data and a tested detection; ' +
        'or, with --detection, add a detection with a test to an existing lake directory',
    )
    .argument('[dir]', 'directory to create (with --detection: the lake directory)')
    .option('--detection <name>', 'add detections/<name>/ (detection.yml, code, tests) to a lake directory')
    .option(
      '--source <type>',
      'add a managed log source (e.g. okta, aws_cloudtrail; `lakewatch sources` lists them)',
    )
    .option('--language <language>', 'python | typescript', 'python')
    .option('--table <table>', 'with --detection: the table it runs on (default: the first table)')
    .addHelpText(
      'after',
      '\nExamples:\n  lakewatch init my-lake && cd my-lake && lakewatch ingest example data/example.jsonl\n' +
        '  lakewatch init --detection root_login --table aws_cloudtrail && lakewatch test root_login\n' +
        '  lakewatch init --source okta   # log_sources/okta/log_source.yml with managed.type OKTA\n',
    )
    .action((dir: string | undefined, opts: InitOptions) => {
      if (!(LANGUAGES as readonly string[]).includes(opts.language))
        throw new CliError(`--language ${opts.language}: expected one of ${LANGUAGES.join(', ')}`, 2);
      const language = opts.language as (typeof LANGUAGES)[number];
      if (opts.source !== undefined) {
        if (opts.detection !== undefined)
          throw new CliError('--source and --detection are separate steps', 2);
        addManagedSource(program, dir, opts.source);
        return;
      }
      if (opts.detection !== undefined) {
        addDetection(program, dir, opts.detection, language, opts.table);
        return;
      }
      if (opts.table !== undefined) throw new CliError('--table goes with --detection', 2);
      const target = path.resolve(dir ?? '.');
      scaffold('init', target);
      scaffoldDetection({
        lakeDir: target,
        name: 'failed_login',
        table: 'example',
        language,
        template: 'example',
        schemasDir: path.join(packageRoot(), 'schemas'),
      });
      process.stdout.write(
        `created a lake directory in ${target}\n` +
          `next:\n  cd ${path.relative(process.cwd(), target) || '.'}\n` +
          `  lakewatch validate\n  lakewatch test\n  lakewatch ingest example data/example.jsonl\n` +
          `  lakewatch query "SELECT user.name, event.outcome, count(*) AS n FROM example GROUP BY ALL ORDER BY n DESC"\n`,
      );
    });
}

/** `init --detection`: a new detection folder (with a passing test) in an existing lake directory. */
function addDetection(
  program: Command,
  dir: string | undefined,
  name: string,
  language: 'python' | 'typescript',
  table: string | undefined,
): void {
  const globals = program.opts<GlobalOptions>();
  const lakeDir = loadLake(dir !== undefined ? { dir } : globals);
  const tables = lakeDir.tables.filter((t) => t.enabled).map((t) => t.name);
  if (table === undefined) {
    if (tables.length === 0)
      throw new CliError(
        `${lakeDir.dir} has no tables yet; add a log source first (log_sources/<dir>/log_source.yml)`,
        2,
      );
    table = tables[0]!;
  } else if (!lakeDir.tables.some((t) => t.name === table)) {
    throw new CliError(`--table ${table}: no such table in ${lakeDir.dir} (tables: ${tables.join(', ')})`, 2);
  }
  if (lakeDir.detections.some((d) => d.name === name))
    throw new CliError(`a detection named "${name}" already exists`, 2);
  let files: string[];
  try {
    files = scaffoldDetection({
      lakeDir: lakeDir.dir,
      name,
      table,
      language,
      schemasDir: path.join(packageRoot(), 'schemas'),
    });
  } catch (e) {
    if (e instanceof ScaffoldError) throw new CliError(e.message, 2);
    throw e;
  }
  process.stdout.write(
    `created detection ${name} on table ${table}:\n` +
      files.map((f) => `  ${path.relative(process.cwd(), f)}\n`).join('') +
      `next: edit the code and its tests, then\n  lakewatch test ${name}\n`,
  );
}

/**
 * `init --source <type>`: `log_sources/<name>/log_source.yml` using the managed type, in the lake
 * directory (found like every command does; a directory without one becomes a new lake).
 */
function addManagedSource(program: Command, dir: string | undefined, type: string): void {
  const managed = loadManagedSource(type);
  if (!managed)
    throw new CliError(
      `--source ${type}: no such managed log source (${managedTypes().join(', ').toLowerCase()})`,
      2,
    );
  const globals = program.opts<GlobalOptions>();
  const start = path.resolve(dir ?? globals.dir ?? '.');
  const root = (dir ?? globals.dir) ? start : (findLakeDir(start) ?? start);
  const created: string[] = [];
  if (!CONFIG_FILE_NAMES.some((n) => existsSync(path.join(root, n)))) {
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'lakewatch.config.yml'), `name: ${path.basename(root)}\n`);
    created.push('lakewatch.config.yml');
  }
  const name = String(managed.file.name ?? managed.type.toLowerCase());
  const sourceDir = path.join(root, 'log_sources', name);
  if (existsSync(path.join(sourceDir, 'log_source.yml')))
    throw new CliError(
      `${path.relative(process.cwd(), sourceDir) || sourceDir}/log_source.yml already exists`,
      2,
    );
  mkdirSync(sourceDir, { recursive: true });
  const tables = managed.tables.map((t) => t.name);
  const resolved = tables.map((t) => (t === 'default' ? name : `${name}_${t}`));
  const lines = [
    `name: ${name}`,
    '',
    '# Lakewatch normalizes this source to ECS for you (`lakewatch sources ' +
      managed.type +
      '` describes it).',
    `# Tables: ${resolved.join(', ')}.`,
    '# Every table is on; to keep some only, list them under managed.properties.tables.',
    '# A `transform` here runs after the managed mapping; `schema` entries add to its schema.',
    'managed:',
    `  type: ${managed.type}`,
    ...managedPropertyLines(managed.type, name),
  ];
  writeFileSync(path.join(sourceDir, 'log_source.yml'), lines.join('\n') + '\n');
  linkSchemas(root);
  created.push(path.join('log_sources', name, 'log_source.yml'));
  process.stdout.write(
    `added managed log source ${managed.type} in ${root}:\n${created.map((f) => `  ${f}`).join('\n')}\n` +
      `tables: ${resolved.join(', ')}\n` +
      `next:\n  lakewatch validate\n  lakewatch ingest ${name} <files>\n`,
  );
}
