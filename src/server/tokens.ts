/**
 * API tokens: `lw_` + 32 random bytes (base64url). Only the SHA-256 of a token is stored, in the
 * lake's state database (`api_tokens`), with its name and when it was created, last used and
 * revoked. The plaintext is shown once, by `create`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';

export const TOKEN_PREFIX = 'lw_';

export interface TokenInfo {
  name: string;
  /** Epoch ms. */
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A second token with a name in use, or a name that isn't one. */
export class TokenNameError extends Error {
  override readonly name = 'TokenNameError';
}

export interface TokenStore {
  /** Creates a token and returns its plaintext (the only time it exists). */
  create(name: string): string;
  /** The token's name when it is known and not revoked (and marks it used), else null. */
  verify(token: string): { name: string; createdAt: number } | null;
  /** Every token, revoked ones included, oldest first. */
  list(): TokenInfo[];
  /** Revokes the token; false when no active token has that name. */
  revoke(name: string): boolean;
  close(): void;
}

const DDL = `CREATE TABLE IF NOT EXISTS api_tokens (
  name TEXT PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
)`;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** Writing `last_used_at` at most this often per token. */
const TOUCH_EVERY_MS = 60_000;

interface Row {
  name: string;
  hash: Buffer;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** Opens the store on an open database (not closed by `close`) or a SQLite file path. */
export function openTokenStore(target: string | Database.Database, now: () => number = Date.now): TokenStore {
  const owned = typeof target === 'string';
  const db = owned ? new Database(target) : target;
  if (owned) db.pragma('busy_timeout = 10000');
  db.exec(DDL);
  return new SqliteTokenStore(db, owned, now);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

class SqliteTokenStore implements TokenStore {
  constructor(
    private readonly db: Database.Database,
    private readonly owned: boolean,
    private readonly now: () => number,
  ) {}

  create(name: string): string {
    if (!NAME.test(name))
      throw new TokenNameError(
        `token name ${JSON.stringify(name)}: use 1 to 64 letters, digits, '.', '_', '@' or '-' (starting with a letter or digit)`,
      );
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const taken = this.db.prepare(`SELECT 1 FROM api_tokens WHERE name = ?`).get(name);
    if (taken)
      throw new TokenNameError(
        `a token named ${JSON.stringify(name)} exists already (revoked tokens keep their name)`,
      );
    this.db
      .prepare(`INSERT INTO api_tokens (name, hash, created_at) VALUES (?, ?, ?)`)
      .run(name, sha256(token), this.now());
    return token;
  }

  verify(token: string): { name: string; createdAt: number } | null {
    if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX)) return null;
    const hash = sha256(token);
    // The lookup is by hash (a secret-independent index probe); compare again in constant time.
    const row = this.db.prepare(`SELECT * FROM api_tokens WHERE hash = ?`).get(hash) as Row | undefined;
    if (!row || row.revoked_at !== null) return null;
    if (row.hash.length !== hash.length || !timingSafeEqual(row.hash, hash)) return null;
    const now = this.now();
    if (row.last_used_at === null || now - row.last_used_at >= TOUCH_EVERY_MS)
      this.db.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE name = ?`).run(now, row.name);
    return { name: row.name, createdAt: row.created_at };
  }

  list(): TokenInfo[] {
    const rows = this.db.prepare(`SELECT * FROM api_tokens ORDER BY created_at, name`).all() as Row[];
    return rows.map((r) => ({
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    }));
  }

  revoke(name: string): boolean {
    const res = this.db
      .prepare(`UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL`)
      .run(this.now(), name);
    return res.changes > 0;
  }

  close(): void {
    if (this.owned && this.db.open) this.db.close();
  }
}
