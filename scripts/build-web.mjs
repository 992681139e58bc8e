#!/usr/bin/env node
// Usage: node scripts/build-web.mjs   (part of `npm run build`)
// Builds the web console (web/) with Vite into dist/web/ — index.html plus hashed assets — which
// `lakewatch up` serves at `/`. Quiet unless something fails.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const configFile = fileURLToPath(new URL('../web/vite.config.ts', import.meta.url));
const started = Date.now();
try {
  await build({ configFile, logLevel: 'warn' });
} catch (err) {
  console.error(`build-web: the console failed to build (web/): ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
if (process.env.LAKEWATCH_BUILD_VERBOSE)
  console.error(`build-web: dist/web built in ${Date.now() - started} ms`);
