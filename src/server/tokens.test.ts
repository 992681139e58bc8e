import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { lakewatch, tempDir, writeLake } from './test-helpers/lake.js';
import { openTokenStore, TokenNameError } from './tokens.js';

describe('TokenStore', () => {
  it('creates lw_ tokens stored only as their SHA-256, verifies, lists and revokes', () => {
    let now = 1000;
    const file = path.join(tempDir(), 'state.db');
    const store = openTokenStore(file, () => now);
    const token = store.create('console');
    expect(token).toMatch(/^lw_[A-Za-z0-9_-]{43}$/);
    expect(store.create('other')).not.toBe(token);

    const db = new Database(file);
    const rows = db.prepare('SELECT * FROM api_tokens').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(token.slice(3));
    expect(
      (rows.find((r) => r.name === 'console')!.hash as Buffer).equals(
        createHash('sha256').update(token).digest(),
      ),
    ).toBe(true);
    db.close();

    expect(store.verify(token)).toEqual({ name: 'console', createdAt: 1000 });
    expect(store.verify(token + 'x')).toBeNull();
    expect(store.verify('lw_' + 'A'.repeat(43))).toBeNull();
    expect(store.verify('')).toBeNull();
    now = 5000;
    expect(store.list()).toEqual([
      { name: 'console', createdAt: 1000, lastUsedAt: 1000, revokedAt: null },
      { name: 'other', createdAt: 1000, lastUsedAt: null, revokedAt: null },
    ]);
    expect(store.revoke('console')).toBe(true);
    expect(store.revoke('console')).toBe(false);
    expect(store.revoke('nobody')).toBe(false);
    expect(store.verify(token)).toBeNull();
    expect(store.list()[0]!.revokedAt).toBe(5000);
    store.close();
  });

  it('refuses duplicate and malformed names', () => {
    const store = openTokenStore(path.join(tempDir(), 'state.db'));
    store.create('ci');
    expect(() => store.create('ci')).toThrow(TokenNameError);
    expect(() => store.create('')).toThrow(/token name ""/);
    expect(() => store.create('has space')).toThrow(TokenNameError);
    store.close();
  });
});

describe('lakewatch token', () => {
  it('creates (printing the token once), lists and revokes tokens', async () => {
    const dir = writeLake({});
    const created = await lakewatch('token', 'create', 'ci', '--dir', dir);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^lw_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/shown only this once/);
    const token = created.stdout.trim();

    const dup = await lakewatch('token', 'create', 'ci', '--dir', dir);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/exists already/);

    const list = await lakewatch('token', 'list', '--dir', dir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^name\s+created\s+last used\s+revoked/);
    expect(list.stdout).toMatch(/\nci\s+\d{4}-\d\d-\d\dT/);
    expect(list.stdout).not.toContain(token);
    const json = JSON.parse((await lakewatch('token', 'list', '--json', '--dir', dir)).stdout) as unknown[];
    expect(json).toEqual([{ name: 'ci', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null }]);

    expect((await lakewatch('token', 'revoke', 'ci', '--dir', dir)).code).toBe(0);
    const again = await lakewatch('token', 'revoke', 'ci', '--dir', dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/no active token named "ci"/);
  });
});
