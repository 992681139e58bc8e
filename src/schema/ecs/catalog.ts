/**
 * Access to the generated ECS catalog (`ecs-catalog.json`, written by
 * `scripts/generate-ecs-catalog.mjs`). It is imported as a JSON module, so `tsc` copies it next
 * to the compiled module in `dist/` and nothing reads files at runtime.
 */
import { distance } from 'fastest-levenshtein';
import catalogJson from './ecs-catalog.json' with { type: 'json' };
import { isEcsType, type EcsField, type EcsType } from './types.js';

export interface EcsCatalog {
  /** ECS version the catalog was generated from, e.g. `9.4.0`. */
  readonly version: string;
  /**
   * Every ECS field, sorted by name, followed by the reusable field sets at the top level
   * (`geo.*`, `os.*`, `x509.*`, … marked `reusable`), which Matano's ECS schema offered.
   */
  readonly fields: readonly EcsField[];
  /** Field by dotted name. */
  readonly byName: ReadonlyMap<string, EcsField>;
  /**
   * Every dotted prefix that groups fields (`dns`, `dns.question`, `source.geo`, …) with the
   * fields under it, in catalog order. Selecting one of these selects all of its fields.
   */
  readonly groups: ReadonlyMap<string, readonly EcsField[]>;
}

type CatalogRow = [string, string, boolean] | [string, string, boolean, string];

function loadCatalog(): EcsCatalog {
  const file = 'ecs-catalog.json';
  const raw = catalogJson as unknown as { version: string; fields: CatalogRow[]; reusable?: CatalogRow[] };
  const fields: EcsField[] = [];
  const byName = new Map<string, EcsField>();
  const groups = new Map<string, EcsField[]>();
  const rows = [
    ...raw.fields.map((r) => ({ r, reusable: false })),
    ...(raw.reusable ?? []).map((r) => ({ r, reusable: true })),
  ];
  for (const { r: row, reusable } of rows) {
    const [name, type, isArray, objectType] = row;
    if (!isEcsType(type) || (objectType !== undefined && !isEcsType(objectType))) {
      throw new Error(`${file}: ${name} has an unknown ECS type ${type}`);
    }
    const field: EcsField = { name, type, isArray };
    if (objectType !== undefined) field.objectType = objectType as EcsType;
    if (reusable) field.reusable = true;
    fields.push(field);
    byName.set(name, field);
    const parts = name.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      let members = groups.get(prefix);
      if (!members) groups.set(prefix, (members = []));
      members.push(field);
    }
  }
  return { version: raw.version, fields, byName, groups };
}

let cached: EcsCatalog | undefined;

/** The generated ECS catalog (loaded on first use). */
export function ecsCatalog(): EcsCatalog {
  return (cached ??= loadCatalog());
}

/** The ECS field with this dotted name; `ts` is accepted for `@timestamp`. */
export function lookupEcsField(name: string): EcsField | undefined {
  return ecsCatalog().byName.get(name === 'ts' ? '@timestamp' : name);
}

/** Top-level ECS field set names (`agent`, `dns`, `source`, …), sorted. */
export function ecsFieldSetNames(): string[] {
  return [...ecsCatalog().groups.keys()].filter((g) => !g.includes('.')).sort();
}

/**
 * Every name `schema.ecs_field_names` accepts: all fields, all field-set prefixes, and `ts`.
 * Sorted; used for suggestions and for the JSON Schema enum.
 */
export function ecsSelectableNames(): string[] {
  if (!selectable) {
    const { byName, groups } = ecsCatalog();
    selectable = [...new Set(['ts', ...byName.keys(), ...groups.keys()])].sort();
  }
  return [...selectable];
}

let selectable: string[] | undefined;

/**
 * The geo_point field a `<geo_point>.lat` / `<geo_point>.lon` name refers to. Matano modelled
 * geo_point as a struct, so its log sources select `source.geo.location.lat`; Lakewatch selects
 * the whole `struct<lat, lon>` for either.
 */
export function geoPointParent(name: string): EcsField | undefined {
  const m = /^(.+)\.(lat|lon)$/.exec(name);
  const parent = m ? ecsCatalog().byName.get(m[1]!) : undefined;
  return parent?.type === 'geo_point' ? parent : undefined;
}

/** True if `name` is an ECS field, a field-set prefix, `ts`, or a geo_point's `lat`/`lon`. */
export function isEcsSelectable(name: string): boolean {
  const { byName, groups } = ecsCatalog();
  return name === 'ts' || byName.has(name) || groups.has(name) || geoPointParent(name) !== undefined;
}

/**
 * Up to `limit` valid names nearest to `name` (Levenshtein over field and field-set names),
 * all at the smallest distance found; empty when nothing is close enough to be a plausible typo.
 */
export function suggestEcsNames(name: string, limit = 3): string[] {
  return nearest(name, ecsSelectableNames(), limit);
}

/** Nearest candidates by edit distance, within a typo-sized threshold. */
export function nearest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = Math.max(2, Math.floor(input.length / 3));
  const scored: { c: string; d: number }[] = [];
  const lower = input.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : distance(lower, c.toLowerCase());
    if (d <= max && c !== input) scored.push({ c, d });
  }
  scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  // Only the closest candidates: one clear typo fix beats a list of far-fetched ones.
  const best = scored[0]?.d;
  return scored
    .filter((s) => s.d === best)
    .slice(0, limit)
    .map((s) => s.c);
}
