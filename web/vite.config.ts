/**
 * Vite config of the console. `scripts/build-web.mjs` builds with it (root `web/`, output `dist/web/`);
 * `npx vite web` serves it for development and proxies the API to `LAKEWATCH_URL`
 * (default http://127.0.0.1:8080, a running `lakewatch up`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.LAKEWATCH_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': api, '/healthz': api, '/metrics': api } },
});
