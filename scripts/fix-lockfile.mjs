#!/usr/bin/env node
// Usage: node scripts/fix-lockfile.mjs  (after any `npm install` that changes package-lock.json)
// The npm registry mirror these machines use serves only linux-x64 builds of packages with
// per-platform binaries (DuckDB bindings, Rollup), so npm leaves the other platforms out of
// package-lock.json and npm 11 `npm ci` then refuses the lock.
// Adds lockfile entries for platform-specific optional packages that the registry mirror here
// does not serve, so `npm ci` (npm 11) accepts the lock; they are skipped on this platform.
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const here = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (pkgs[here] || pkgs[top]) continue;
    const platform =
      /-(darwin|win32|linux|freebsd|android|openbsd|sunos|aix|netbsd)-(arm64|x64|arm|ia32|ppc64|s390x|riscv64|loong64)?/.exec(
        name,
      );
    pkgs[top] = {
      version,
      optional: true,
      ...(entry.dev ? { dev: true } : {}),
      ...(platform ? { os: [platform[1]] } : {}),
      ...(platform?.[2] ? { cpu: [platform[2]] } : {}),
      ...(/musl/.test(name) ? { libc: ['musl'] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} entries`);
