import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ECS_TO_ICEBERG,
  ecsCatalog,
  ecsFieldSetNames,
  ecsTypeToIceberg,
  isEcsSelectable,
  lookupEcsField,
  suggestEcsNames,
} from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
const script = path.join(repoRoot, 'scripts', 'generate-ecs-catalog.mjs');
const reference = path.resolve(repoRoot, '..', 'shared', 'ecs', 'ecs_flat.yml');
const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('generated ECS catalog', () => {
  it('records ECS 9.4.0 with types and array-ness', () => {
    expect(ecsCatalog().version).toBe('9.4.0');
    expect(ecsCatalog().fields.length).toBeGreaterThan(2000);
    expect(lookupEcsField('source.ip')).toEqual({ name: 'source.ip', type: 'ip', isArray: false });
    expect(lookupEcsField('event.category')).toMatchObject({ type: 'keyword', isArray: true });
    expect(lookupEcsField('dns.answers')).toMatchObject({ type: 'object', isArray: true });
    expect(lookupEcsField('labels')).toMatchObject({ type: 'object', objectType: 'keyword' });
    expect(lookupEcsField('ts')).toMatchObject({ name: '@timestamp', type: 'date' });
    expect(lookupEcsField('sorce.ip')).toBeUndefined();
  });

  it('offers reusable field sets at the top level, as Matano did', () => {
    expect(lookupEcsField('geo.city_name')).toEqual({
      name: 'geo.city_name',
      type: 'keyword',
      isArray: false,
      reusable: true,
    });
    expect(lookupEcsField('os.version')).toMatchObject({ reusable: true });
    expect(lookupEcsField('x509.issuer.common_name')).toMatchObject({ isArray: true, reusable: true });
    expect(lookupEcsField('source.ip')!.reusable).toBeUndefined();
    expect(isEcsSelectable('geo')).toBe(true);
    expect(isEcsSelectable('source.geo.location.lat')).toBe(true);
    expect(isEcsSelectable('source.geo.city_name.lat')).toBe(false);
  });

  it('knows field sets and prefixes', () => {
    expect(ecsFieldSetNames()).toEqual(expect.arrayContaining(['dns', 'source', 'event', 'threat']));
    expect(ecsFieldSetNames()).not.toContain('source.geo');
    expect(isEcsSelectable('source.geo')).toBe(true);
    expect(isEcsSelectable('dns')).toBe(true);
    expect(isEcsSelectable('ts')).toBe(true);
    expect(isEcsSelectable('dnss')).toBe(false);
  });

  it('suggests the nearest names for typos', () => {
    expect(suggestEcsNames('sorce.ip')[0]).toBe('source.ip');
    expect(suggestEcsNames('evnt')).toContain('event');
    expect(suggestEcsNames('completely.unrelated.thing.xyz')).toEqual([]);
  });

  it('maps every ECS type in the catalog (the Record is exhaustive)', () => {
    for (const f of ecsCatalog().fields) expect(ECS_TO_ICEBERG).toHaveProperty(f.type);
  });

  it('maps ECS types to Iceberg', () => {
    expect(ecsTypeToIceberg('ip')).toBe('string');
    expect(ecsTypeToIceberg('keyword', { isArray: true })).toEqual({ type: 'list', element: 'string' });
    expect(ecsTypeToIceberg('integer')).toBe('long');
    expect(ecsTypeToIceberg('scaled_float')).toBe('double');
    expect(ecsTypeToIceberg('date')).toBe('timestamptz');
    expect(ecsTypeToIceberg('geo_point')).toEqual({
      type: 'struct',
      fields: [
        { name: 'lat', type: 'double' },
        { name: 'lon', type: 'double' },
      ],
    });
    expect(ecsTypeToIceberg('object', { objectType: 'keyword' })).toEqual({
      type: 'map',
      key: 'string',
      value: 'string',
    });
    expect(ecsTypeToIceberg('flattened')).toBe('string');
    expect(ecsTypeToIceberg('nested', { isArray: true, subFields: [{ name: 'a', type: 'string' }] })).toEqual(
      {
        type: 'list',
        element: { type: 'struct', fields: [{ name: 'a', type: 'string' }] },
      },
    );
  });
});

describe('scripts/generate-ecs-catalog.mjs', () => {
  it('writes a compact catalog from an ecs_flat.yml', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-ecs-'));
    tmpDirs.push(dir);
    writeFileSync(
      path.join(dir, 'ecs_flat.yml'),
      [
        "'@timestamp': { type: date, normalize: [] }",
        'source.ip: { type: ip, normalize: [] }',
        'event.category: { type: keyword, normalize: [array] }',
        'labels: { type: object, object_type: keyword, normalize: [] }',
        'dns.answers: { type: object, normalize: [array] }',
        'dns.answers.ttl: { type: long, normalize: [] }',
      ].join('\n'),
    );
    const out = path.join(dir, 'catalog.json');
    execFileSync(process.execPath, [script, path.join(dir, 'ecs_flat.yml'), out], {
      env: { ...process.env, ECS_VERSION: '1.2.3' },
    });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      version: '1.2.3',
      fields: [
        ['@timestamp', 'date', false],
        ['dns.answers', 'object', true],
        ['dns.answers.ttl', 'long', false],
        ['event.category', 'keyword', true],
        ['labels', 'object', false, 'keyword'],
        ['source.ip', 'ip', false],
      ],
      reusable: [],
    });
  });

  it('rejects unknown ECS types', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-ecs-'));
    tmpDirs.push(dir);
    writeFileSync(path.join(dir, 'ecs_flat.yml'), 'a.b: { type: semantic_vector }\n');
    expect(() =>
      execFileSync(process.execPath, [script, path.join(dir, 'ecs_flat.yml'), path.join(dir, 'o.json')], {
        env: { ...process.env, ECS_VERSION: '1.0.0' },
        stdio: 'pipe',
      }),
    ).toThrow(/unknown ECS type/);
  });

  it.skipIf(!existsSync(reference))('the committed catalog matches the ECS reference', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-ecs-'));
    tmpDirs.push(dir);
    const out = path.join(dir, 'catalog.json');
    execFileSync(process.execPath, [script, reference, out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(here, 'ecs-catalog.json'), 'utf8'));
  });
});
