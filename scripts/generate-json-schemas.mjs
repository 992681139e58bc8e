#!/usr/bin/env node
/**
 * Writes the JSON Schemas of the lake directory's files to schemas/ from the built zod schemas:
 *   npm run build && node scripts/generate-json-schemas.mjs
 * A test (src/config/json-schema.test.ts) fails when the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { generateJsonSchemas } = await import(pathToFileURL(join(root, 'dist', 'config', 'index.js')).href);
const outDir = join(root, 'schemas');
mkdirSync(outDir, { recursive: true });
for (const [file, text] of Object.entries(generateJsonSchemas())) {
  writeFileSync(join(outDir, file), text);
  console.log(`wrote schemas/${file} (${text.length} bytes)`);
}
