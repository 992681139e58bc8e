import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveFile, numbered } from './after-ingest.js';
import { isIgnoredName, scanFolder } from './scan.js';

function put(root: string, rel: string, text = 'x\n'): string {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe('scanFolder', () => {
  it('lists files recursively, skipping hidden, in-progress names, symlinks and the given folders', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'lakewatch-scan-'));
    for (const rel of ['a.json', 'sub/b.json.gz', 'sub/deeper/c.log'])
      put(root, rel, rel.padEnd(20, ' ') + '\n');
    for (const rel of [
      '.hidden.json',
      '.dir/d.json',
      'sub/.e.json',
      'f.json.tmp',
      'g.part',
      'h.PARTIAL',
      'i.crdownload',
      'j.json~',
      'archive/k.json',
    ])
      put(root, rel);
    symlinkSync(path.join(root, 'a.json'), path.join(root, 'link.json'));
    const found = await scanFolder(root, new Set([path.join(root, 'archive')]));
    expect(found.map((f) => f.relative)).toEqual(['a.json', 'sub/b.json.gz', 'sub/deeper/c.log']);
    expect(found[0]).toMatchObject({ path: path.join(root, 'a.json'), size: 21 });
    expect(Number.isInteger(found[0]!.mtimeMs)).toBe(true);
  });

  it('a folder that does not exist lists as empty', async () => {
    expect(await scanFolder('/nonexistent/lakewatch-drop')).toEqual([]);
  });

  it('names', () => {
    expect(isIgnoredName('x.json')).toBe(false);
    expect(isIgnoredName('x.TMP')).toBe(true);
    expect(isIgnoredName('.x')).toBe(true);
  });
});

describe('archiveFile', () => {
  it('keeps the relative path under <log_source>/<day>/ and never overwrites', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'lakewatch-archive-'));
    const archive = path.join(root, 'archive');
    const target = {
      archivePath: archive,
      logSource: 'app',
      relative: 'sub/a.json.gz',
      now: new Date('2026-12-07T23:59:00Z'),
    };
    const first = await archiveFile(put(root, 'drop/sub/a.json.gz', 'one'), target);
    const second = await archiveFile(put(root, 'drop/sub/a.json.gz', 'two'), target);
    expect(first).toBe(path.join(archive, 'app', '2026-12-07', 'sub', 'a.json.gz'));
    expect(second).toBe(path.join(archive, 'app', '2026-12-07', 'sub', 'a.1.json.gz'));
    expect(readFileSync(first, 'utf8')).toBe('one');
    expect(readFileSync(second, 'utf8')).toBe('two');
  });

  it('numbers before the extensions', () => {
    expect(numbered('/a/x.json.gz', 2)).toBe('/a/x.2.json.gz');
    expect(numbered('/a/x', 1)).toBe('/a/x.1');
    expect(numbered('/a/.x', 1)).toBe('/a/.x.1');
  });
});
