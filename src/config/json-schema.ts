/**
 * JSON Schemas (draft 2020-12) of the lake directory's files, generated from the zod schemas so
 * they cannot drift. `scripts/generate-json-schemas.mjs` writes them to `schemas/`; a test
 * checks the committed files against this output. Editors pick them up with a first line like
 *   # yaml-language-server: $schema=../../schemas/log_source.schema.json
 * (VS Code's YAML extension, Neovim/Helix with yaml-language-server, JetBrains IDEs).
 */
import { z } from 'zod';
import { ecsCatalog, ecsSelectableNames } from '../schema/index.js';
import { detectionFileSchema, logSourceFileSchema, projectFileSchema, tableFileSchema } from './schemas.js';

export const JSON_SCHEMA_FILES = {
  'lakewatch.config.schema.json': projectFileSchema,
  'log_source.schema.json': logSourceFileSchema,
  'table.schema.json': tableFileSchema,
  'detection.schema.json': detectionFileSchema,
} as const;

export type JsonSchemaFileName = keyof typeof JSON_SCHEMA_FILES;

type Json = Record<string, unknown>;

/** Adds the ECS names as an enum to every `ecs_field_names` list, for editor completion. */
function addEcsEnum(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addEcsEnum);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Json;
  const props = obj.properties as Json | undefined;
  const ecs = props?.ecs_field_names as Json | undefined;
  if (ecs && ecs.items && typeof ecs.items === 'object') {
    const items = ecs.items as Json;
    items.enum = ecsSelectableNames();
    items.description = `An ECS ${ecsCatalog().version} field (\`source.ip\`) or field set (\`dns\`).`;
  }
  for (const value of Object.values(obj)) addEcsEnum(value);
}

/** The JSON Schema documents, by file name, as the text written to `schemas/`. */
export function generateJsonSchemas(): Record<JsonSchemaFileName, string> {
  const out = {} as Record<JsonSchemaFileName, string>;
  for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES) as [JsonSchemaFileName, z.ZodType][]) {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    }) as Json;
    addEcsEnum(json);
    out[file] = JSON.stringify(json, null, 2) + '\n';
  }
  return out;
}
