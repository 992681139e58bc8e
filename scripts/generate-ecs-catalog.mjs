#!/usr/bin/env node
/**
 * Generates the compact ECS field catalog that Lakewatch ships (src/schema/ecs/ecs-catalog.json)
 * from the ECS reference `ecs_flat.yml` (https://github.com/elastic/ecs, generated/ecs/ecs_flat.yml).
 *
 *   node scripts/generate-ecs-catalog.mjs <path to ecs_flat.yml> [output path]
 *
 * The reference file is read only here, never at runtime and never committed. The output is
 * `{ "version": "9.4.0", "fields": [[name, ecsType, isArray, objectType?], ...], "reusable": [...] }`,
 * sorted by name, one field per line so that diffs between ECS versions stay readable.
 * `reusable` holds reusable field sets at the top level (`geo.city_name`), see below.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// Keep in sync with `EcsType` in src/schema/ecs/types.ts (a test checks the catalog against it).
const KNOWN_TYPES = new Set([
  'keyword',
  'constant_keyword',
  'wildcard',
  'text',
  'match_only_text',
  'ip',
  'version',
  'binary',
  'long',
  'integer',
  'short',
  'byte',
  'unsigned_long',
  'float',
  'half_float',
  'scaled_float',
  'double',
  'boolean',
  'date',
  'date_nanos',
  'geo_point',
  'object',
  'nested',
  'flattened',
]);

const here = dirname(fileURLToPath(import.meta.url));
const [input, output = join(here, '..', 'src', 'schema', 'ecs', 'ecs-catalog.json')] = process.argv.slice(2);
if (!input) {
  console.error('usage: node scripts/generate-ecs-catalog.mjs <path to ecs_flat.yml> [output]');
  process.exit(2);
}

const text = readFileSync(resolve(input), 'utf8');
const flat = parse(text, { maxAliasCount: -1 });
if (flat === null || typeof flat !== 'object' || Array.isArray(flat)) {
  throw new Error(`${input}: expected a mapping of dotted field names`);
}

// ecs_flat.yml does not carry the version; the distribution's README/version file does.
// Accept it from ECS_VERSION, else from a `version` file or the README next to the input.
function detectVersion() {
  if (process.env.ECS_VERSION) return process.env.ECS_VERSION;
  for (const name of ['version', 'VERSION', '../version']) {
    try {
      const v = readFileSync(join(dirname(resolve(input)), name), 'utf8').trim();
      if (/^\d+\.\d+\.\d+/.test(v)) return v;
    } catch {
      /* next */
    }
  }
  try {
    const readme = readFileSync(join(dirname(resolve(input)), 'README.md'), 'utf8');
    const m = /ECS\D{0,40}?(\d+\.\d+\.\d+)/i.exec(readme) ?? /\b(\d+\.\d+\.\d+)\b/.exec(readme);
    if (m) return m[1];
  } catch {
    /* fall through */
  }
  throw new Error('cannot determine the ECS version: set ECS_VERSION=x.y.z');
}

function rowOf(name, def) {
  const type = def?.type;
  if (!KNOWN_TYPES.has(type)) {
    throw new Error(`${name}: unknown ECS type ${JSON.stringify(type)}; add it to EcsType and KNOWN_TYPES`);
  }
  const isArray = Array.isArray(def.normalize) && def.normalize.includes('array');
  const row = [name, type, isArray];
  if (def.object_type !== undefined) {
    if (!KNOWN_TYPES.has(def.object_type)) throw new Error(`${name}: unknown object_type ${def.object_type}`);
    row.push(def.object_type);
  }
  return row;
}

const fields = Object.keys(flat)
  .sort()
  .map((name) => rowOf(name, flat[name]));

// Reusable field sets (geo, os, x509, pe, hash, …) exist in ECS only nested (`source.geo.*`,
// `host.os.*`). Matano's ECS schema also offered them at the top level (`geo.city_name`,
// `os.version`), and Matano log sources use those names, so the catalog lists them too, built
// from `original_fieldset` + the field's `name` within its set.
const topLevelSets = new Set(Object.keys(flat).map((name) => name.split('.')[0]));
const reusable = new Map();
for (const name of Object.keys(flat)) {
  const def = flat[name];
  // Only sets that ECS never places at the top level (`process.parent.*` reuses `process`,
  // which already is a top-level set with its own field list).
  if (!def.original_fieldset || !def.name || topLevelSets.has(def.original_fieldset)) continue;
  const topName = `${def.original_fieldset}.${def.name}`;
  if (Object.hasOwn(flat, topName) || reusable.has(topName)) continue;
  reusable.set(topName, rowOf(topName, def));
}
const reusableRows = [...reusable.keys()].sort().map((name) => reusable.get(name));

const version = detectVersion();
const rows = (list) => list.map((row) => '    ' + JSON.stringify(row)).join(',\n');
writeFileSync(
  output,
  `{\n  "version": ${JSON.stringify(version)},\n  "fields": [\n${rows(fields)}\n  ],\n  "reusable": [\n${rows(reusableRows)}\n  ]\n}\n`,
);
console.log(
  `wrote ${output}: ECS ${version}, ${fields.length} fields, ${reusableRows.length} top-level reusable fields`,
);
