// Copies the managed log sources' data (YAML, VRL, samples, READMEs) beside the compiled
// registry, so `dist/managed/<type>/` holds what `src/managed/<type>/` holds.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'src', 'managed');
const to = path.join(root, 'dist', 'managed');
cpSync(from, to, { recursive: true, filter: (src) => !/\.tsx?$/.test(src) });
// A type renamed or removed in src must not linger in dist.
for (const name of readdirSync(to)) {
  const target = path.join(to, name);
  if (statSync(target).isDirectory() && !existsSync(path.join(from, name)))
    rmSync(target, { recursive: true, force: true });
}
