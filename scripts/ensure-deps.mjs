#!/usr/bin/env node
// Installs dependencies when a fresh clone has none yet, so `npm run demo` and `npm test`
// work as the first command. A no-op once node_modules is in place.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.bin/tsc') || !existsSync('node_modules/@duckdb/node-api')) {
  console.error('installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund --loglevel=error', { stdio: 'inherit' });
}
