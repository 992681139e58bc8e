#!/usr/bin/env node
/**
 * Runs upstream VRL's behaviour corpus (`lib/tests/tests/**\/*.vrl` in the local mirror) against the
 * built compiler (`dist/vrl/compiler`) and prints pass/fail counts. A tool, not part of the test suite.
 *
 *   node scripts/vrl-corpus.mjs [--dist DIR] [--mirror GITDIR] [--filter TEXT] [--verbose] [--oracle]
 *
 * Each corpus file starts with `#` header lines: `# object: {json}` (the input event), `# result: …`
 * (expected value as JSON, or the expected diagnostics/runtime error text; `# result: ~` compares
 * approximately), then the program. Files starting with `# SKIP` are skipped. A compile error passes when
 * the first diagnostic code matches the expected text's `error[E…]`; exact rendering is counted apart.
 *
 * With `--oracle`, each program is instead compared with `@bpinternal/verel` (the VRL oracle): same
 * diagnostic codes, or same result/runtime error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const verbose = args.includes('--verbose');
const filter = opt('--filter', '');
const dist = resolve(opt('--dist', 'dist'));
const mirror = opt('--mirror', '/work/.mirror/vectordotdev+vrl/repo');

if (!existsSync(mirror)) {
  console.log(`no VRL mirror at ${mirror}; nothing to run`);
  process.exit(0);
}
const compilerPath = resolve(dist, 'vrl/compiler/index.js');
if (!existsSync(compilerPath)) {
  console.error(`${compilerPath} not found: build first (npm run build)`);
  process.exit(1);
}
const { compileVrl, VrlCompileError } = await import(pathToFileURL(compilerPath).href);
const { parseVrlJson, toVrlJson } = await import(pathToFileURL(resolve(dist, 'vrl/value/index.js')).href);
const { formatDiagnostics } = await import(pathToFileURL(resolve(dist, 'vrl/diagnostics/index.js')).href);

const git = (...a) => execFileSync('git', ['-C', mirror, ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'lib/tests/tests')
  .split('\n')
  .filter((f) => f.endsWith('.vrl') && f.includes(filter) && !f.includes('/fixme/'));

function parseTest(content) {
  let source = '';
  let object = '';
  let result = '';
  let approx = false;
  let mode = 'none';
  for (let line of content.split('\n')) {
    if (line.startsWith('#') && mode !== 'done') {
      line = line.slice(1);
      if (line.startsWith(' ')) line = line.slice(1);
      if (line.startsWith('object:')) {
        mode = 'object';
        line = line.slice('object:'.length).trimStart();
      } else if (line.startsWith('result: ~')) {
        mode = 'result';
        approx = true;
        line = line.slice('result: ~'.length).trimStart();
      } else if (line.startsWith('result:')) {
        mode = 'result';
        line = line.slice('result:'.length).trimStart();
      } else if (line.startsWith('read_only')) continue;
      if (mode === 'result') result += `${line}\n`;
      else if (mode === 'object') object += line;
    } else {
      mode = 'done';
      source += `${line}\n`;
    }
  }
  return { source, object, result: result.trimEnd(), approx, skip: content.startsWith('# SKIP') };
}

function expectedValue(want) {
  const w = want.trim();
  if (w.startsWith("s'") && w.endsWith("'")) return w.slice(2, -1);
  if (w.startsWith("t'") && w.endsWith("'")) return w.slice(2, -1);
  if (w.startsWith("r'") && w.endsWith("'")) return w.slice(2, -1).replace(/\\'/g, "'");
  try {
    return JSON.parse(w);
  } catch {
    return w;
  }
}

function equal(a, b) {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

if (args.includes('--oracle')) {
  const { createRequire } = await import('node:module');
  const verel = createRequire(import.meta.url)('@bpinternal/verel');
  let pass = 0;
  let fail = 0;
  for (const file of files) {
    const test = parseTest(git('show', `HEAD:${file}`));
    if (test.skip) continue;
    const input = test.object ? JSON.parse(test.object) : {};
    let want;
    const check = verel.check(test.source);
    if (check.errors.length) want = `compile ${check.errors.map((e) => e.code).join(',')}`;
    else {
      try {
        want = JSON.stringify(
          sortKeys(verel.execute(test.source, JSON.parse(JSON.stringify(input))).result ?? null),
        );
      } catch (e) {
        want = `error ${String(e instanceof Error ? e.message : e).replace(/^Termination;\s*/, '')}`;
      }
    }
    let got;
    try {
      const out = compileVrl(test.source).run(test.object ? parseVrlJson(test.object) : {}, { metadata: {} });
      got = out.ok
        ? JSON.stringify(sortKeys(JSON.parse(toVrlJson(out.value))))
        : `error ${out.error.message}`;
    } catch (e) {
      got =
        e instanceof VrlCompileError ? `compile ${e.diagnostics.map((d) => d.code).join(',')}` : `crash ${e}`;
    }
    if (got === want) pass++;
    else {
      fail++;
      console.log(`DIFF ${file}\n  ours:   ${got.slice(0, 300)}\n  oracle: ${want.slice(0, 300)}`);
    }
  }
  console.log(`\nVRL corpus vs oracle: ${pass} agree, ${fail} differ`);
  process.exit(0);
}

const counts = { pass: 0, fail: 0, skip: 0, exactDiagnostics: 0 };
const failures = [];
for (const file of files) {
  const test = parseTest(git('show', `HEAD:${file}`));
  if (test.skip || !test.result) {
    counts.skip++;
    continue;
  }
  let outcome;
  let ok = false;
  try {
    const event = test.object ? parseVrlJson(test.object) : {};
    const program = compileVrl(test.source);
    const out = program.run(event, { metadata: {} });
    if (out.ok) {
      const got = JSON.parse(toVrlJson(out.value));
      ok = equal(got, expectedValue(test.result));
      outcome = JSON.stringify(got);
    } else if (out.error.abort) {
      ok =
        out.error.message === test.result.trim() ||
        equal(JSON.parse(toVrlJson(event)), expectedValue(test.result));
      outcome = `abort: ${out.error.message}`;
    } else {
      ok = out.error.message === test.result.trim();
      outcome = `error: ${out.error.message}`;
    }
  } catch (e) {
    if (e instanceof VrlCompileError) {
      const text = formatDiagnostics(test.source, e.diagnostics).trim();
      const wantCode = /error\[(E\d+)\]/.exec(test.result)?.[1];
      const gotCode = /error\[(E\d+)\]/.exec(text)?.[1];
      if (test.approx) {
        // `# result: ~`: every expected line appears in our rendering.
        const lines = test.result
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        ok = lines.every((l) => text.includes(l));
      } else ok = wantCode !== undefined && wantCode === gotCode;
      if (text === test.result.trim()) counts.exactDiagnostics++;
      outcome = text.split('\n')[0];
    } else {
      outcome = `crash: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (ok) counts.pass++;
  else {
    counts.fail++;
    failures.push({ file, outcome, want: test.result.split('\n').find((l) => l.trim() !== '') ?? '' });
  }
}

if (verbose) for (const f of failures) console.log(`FAIL ${f.file}\n  got:  ${f.outcome}\n  want: ${f.want}`);
else for (const f of failures) console.log(`FAIL ${f.file}`);
console.log(
  `\nVRL corpus: ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped (${counts.exactDiagnostics} diagnostics rendered exactly)`,
);
