import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateJsonSchemas } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('JSON Schemas in schemas/', () => {
  const generated = generateJsonSchemas();

  it.each(Object.keys(generated))('%s is up to date (npm run gen:schemas)', (file) => {
    const committed = readFileSync(path.join(repoRoot, 'schemas', file), 'utf8');
    expect(committed).toBe(generated[file as keyof typeof generated]);
  });

  it('describe every key of every file', () => {
    for (const [file, text] of Object.entries(generated)) {
      const doc = JSON.parse(text) as Record<string, unknown>;
      const defs = (doc.$defs ?? {}) as Record<string, { description?: string }>;
      const undocumented: string[] = [];
      const walk = (node: unknown, at: string): void => {
        if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`));
        if (node === null || typeof node !== 'object') return;
        const obj = node as Record<string, unknown>;
        for (const [key, prop] of Object.entries(
          (obj.properties ?? {}) as Record<string, Record<string, unknown>>,
        )) {
          const ref = typeof prop.$ref === 'string' ? defs[prop.$ref.replace('#/$defs/', '')] : undefined;
          if (!prop.description && !ref?.description) undocumented.push(`${at}.${key}`);
        }
        for (const [key, value] of Object.entries(obj)) {
          if (key === 'enum') continue;
          // `properties` and `$defs` map names to schemas: walk the schemas, not the map.
          if ((key === 'properties' || key === '$defs') && value && typeof value === 'object') {
            for (const [name, sub] of Object.entries(value)) walk(sub, `${at}/${key}/${name}`);
          } else {
            walk(value, `${at}/${key}`);
          }
        }
      };
      walk(doc, file);
      expect(undocumented).toEqual([]);
    }
  });

  it('are draft 2020-12, strict, described, and list ECS names for completion', () => {
    const logSource = JSON.parse(generated['log_source.schema.json']);
    expect(logSource.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(logSource.additionalProperties).toBe(false);
    expect(logSource.required).toEqual(['name']);
    for (const [key, value] of Object.entries(
      logSource.properties as Record<string, { description?: string }>,
    )) {
      expect(value.description, key).toBeTruthy();
    }
    const ecsNames = logSource.properties.schema.properties.ecs_field_names.items.enum as string[];
    expect(ecsNames).toEqual(expect.arrayContaining(['ts', 'dns', 'source.ip', 'source.geo']));
    expect(logSource.$defs.IcebergField.properties.type.$ref).toBe('#/$defs/IcebergType');

    const table = JSON.parse(generated['table.schema.json']);
    expect(Object.keys(table.properties)).not.toContain('managed');
    const project = JSON.parse(generated['lakewatch.config.schema.json']);
    expect(Object.keys(project.properties)).toEqual(
      expect.arrayContaining(['name', 'namespace', 'vrl_version', 'aws', 'is_production']),
    );
  });
});
