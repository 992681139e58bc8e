import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileVrl, VrlCompileError } from '../../compiler/index.js';
import { toVrlJson } from '../../value/index.js';

const dir = mkdtempSync(join(tmpdir(), 'psl-'));
const file = join(dir, 'custom_public_suffix_list.dat');
writeFileSync(file, '// ===BEGIN ICANN DOMAINS===\n\ncustomdev\n');

function run(source: string): string {
  const out = compileVrl(source).run({});
  if (!out.ok) throw new Error(out.error.message);
  return toVrlJson(out.value);
}

function compileError(source: string): { code: number; message: string; notes: string[] } {
  try {
    compileVrl(source);
  } catch (e) {
    if (!(e instanceof VrlCompileError)) throw e;
    const d = e.diagnostics.find((x) => x.severity === 'error')!;
    return { code: d.code, message: d.message, notes: d.notes };
  }
  throw new Error('compiled');
}

describe('parse_etld with a custom psl file, through the compiler', () => {
  // VRL's corpus case `functions/parse_etld/custom_psl_file.vrl`, with the list at an absolute path.
  it('uses the custom list (absolute path)', () => {
    const source = `parse_etld!("vector.customdev", plus_parts: 1, psl: ${JSON.stringify(file)})`;
    expect(run(source)).toBe(
      toVrlJson({ etld: 'customdev', etld_plus: 'vector.customdev', known_suffix: true }),
    );
  });

  it('resolves a relative path against the working directory, as VRL does', () => {
    const rel = relative(process.cwd(), file);
    const source = `parse_etld!("vector.acmecorp", psl: ${JSON.stringify(rel)})`;
    expect(run(source)).toBe(toVrlJson({ etld: 'acmecorp', etld_plus: 'acmecorp', known_suffix: false }));
  });

  it('accepts a variable holding a literal path', () => {
    const source = `p = ${JSON.stringify(file)}\nparse_etld!("a.customdev", psl: p)`;
    expect(run(source)).toBe(toVrlJson({ etld: 'customdev', etld_plus: 'customdev', known_suffix: true }));
  });

  it('reports an unreadable file as E610 / E403 with what was received', () => {
    const e = compileError('parse_etld!("x.com", psl: "definitelynotafile")');
    expect(e.code).toBe(610);
    expect(e.message).toBe('function compilation error: error[E403] invalid argument');
    expect(e.notes.slice(0, 2)).toEqual(['received: "definitelynotafile"', 'error: Unable to read psl file']);
  });

  it('requires a static path (E402)', () => {
    const e = compileError('parse_etld!("x.com", psl: .p)');
    expect(e.code).toBe(610);
    expect(e.message).toBe(
      'function compilation error: error[E402] this argument must be a static expression',
    );
  });
});
