/** `lakewatch token create|list|revoke`: API tokens for `lakewatch up` (see src/server/tokens.ts). */
import type { Command } from 'commander';
import { openStateDb } from '../../detect/realtime.js';
import { openTokenStore, TokenNameError, type TokenStore } from '../../server/tokens.js';
import { CliError, loadLake, withLake, type GlobalOptions } from '../context.js';
import { alignedTable } from './tables.js';

export function registerToken(program: Command, globals: () => GlobalOptions): void {
  const token = program
    .command('token')
    .description('create, list and revoke API tokens for `lakewatch up` (HTTP API, ingest, console)');
  token
    .command('create')
    .description('create a token; it is printed once (only its hash is stored)')
    .argument('<name>', 'who or what uses it, e.g. "console" or "fluent-bit"')
    .action(async (name: string) => {
      await withTokens(globals(), (tokens) => {
        let plaintext: string;
        try {
          plaintext = tokens.create(name);
        } catch (err) {
          if (err instanceof TokenNameError) throw new CliError(err.message, 2);
          throw err;
        }
        process.stdout.write(plaintext + '\n');
        process.stderr.write(
          `token "${name}" created; it is shown only this once. Send it as "Authorization: Bearer <token>".\n`,
        );
      });
    });
  token
    .command('list')
    .description('list tokens: name, created, last used, revoked (never the token)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withTokens(globals(), (tokens) => {
        const list = tokens.list();
        const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
        if (opts.json) {
          const rows = list.map((t) => ({
            name: t.name,
            createdAt: iso(t.createdAt),
            lastUsedAt: iso(t.lastUsedAt),
            revokedAt: iso(t.revokedAt),
          }));
          process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        if (list.length === 0) {
          process.stdout.write('no tokens: create one with `lakewatch token create <name>`\n');
          return;
        }
        const rows = list.map((t) => [
          t.name,
          iso(t.createdAt)!,
          iso(t.lastUsedAt) ?? '-',
          iso(t.revokedAt) ?? '-',
        ]);
        process.stdout.write(
          alignedTable(['name', 'created', 'last used', 'revoked'], rows, [false, false, false, false]),
        );
      });
    });
  token
    .command('revoke')
    .description('revoke a token: requests with it are refused from now on')
    .argument('<name>', 'token name')
    .action(async (name: string) => {
      await withTokens(globals(), (tokens) => {
        if (!tokens.revoke(name)) throw new CliError(`no active token named ${JSON.stringify(name)}`, 2);
        process.stdout.write(`token "${name}" revoked\n`);
      });
    });
}

async function withTokens(globals: GlobalOptions, fn: (tokens: TokenStore) => void): Promise<void> {
  await withLake(loadLake(globals), async (lake) => {
    const db = openStateDb(lake);
    try {
      fn(openTokenStore(db));
    } finally {
      db.close();
    }
  });
}
