/**
 * Every YAML file `lakewatch init` and `lakewatch demo` write points its editor at a JSON Schema
 * (`# yaml-language-server: $schema=…`), and that schema accepts the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffold } from '../src/cli/commands/init.js';
import { runCli, tempDir } from './helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yml'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe.each(['init', 'demo'])('the %s template', (template) => {
  it('has a matching JSON Schema for each config file, and each file is valid', async () => {
    const dir = path.join(tempDir(), template);
    if (template === 'init') {
      // `lakewatch init` adds a detection to the template, then one more with --detection
      expect((await runCli(['init', dir])).code).toBe(0);
      expect((await runCli(['init', dir, '--detection', 'ts_one', '--language', 'typescript'])).code).toBe(0);
    } else scaffold(template, dir);
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const seen: string[] = [];
    for (const file of yamlFiles(dir)) {
      const rel = path.relative(dir, file);
      const text = readFileSync(file, 'utf8');
      const header = /^# yaml-language-server: \$schema=(.*)$/m.exec(text);
      if (rel.split(path.sep).includes('tests')) {
        expect(header, `${rel} is a detection test file: no schema`).toBeNull();
        continue;
      }
      expect(header, `${rel} has no $schema header`).not.toBeNull();
      const schemaPath = path.resolve(path.dirname(file), header![1]!);
      const kind = path.basename(schemaPath, '.schema.json');
      seen.push(`${rel.split(path.sep)[0]}:${kind}`);
      const validate =
        ajv.getSchema(schemaPath) ??
        ajv.addSchema(JSON.parse(readFileSync(schemaPath, 'utf8')), schemaPath).getSchema(schemaPath)!;
      const ok = validate(parse(text) ?? {});
      expect(ok, `${rel} against ${kind}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(seen).toContain('detections:detection');
    expect(seen).toContain('log_sources:log_source');
  });
});
