#!/usr/bin/env node
// Compiles every VRL program in Matano's managed log sources (transforms, table selection, record
// expansion) with Lakewatch's VRL in the 0.24 dialect, the way ingest wraps them, and reports which
// compile. Reads Matano's repository from a local git mirror; nothing from it is copied into this repo.
//
//   npm run build && node scripts/matano-compat.mjs [/path/to/matano/git/dir]
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { compileVrl, formatDiagnostics, VrlCompileError } from '../dist/vrl/index.js';

const gitDir = process.argv[2] ?? '/work/.mirror/matanolabs+matano/repo';
const git = (...args) =>
  execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'data/managed/log_sources')
  .split('\n')
  .filter((f) => f.endsWith('.yml'));

const PRELUDE = {
  transform: '.related.ip = []\n.related.hash = []\n.related.user = []\n.related.hosts = []\n',
  'ingest.select_table_from_payload_metadata':
    '.__metadata.s3.bucket = string!(.__metadata.s3.bucket)\n.__metadata.s3.key = string!(.__metadata.s3.key)\n' +
    '.__metadata.s3.size = int!(.__metadata.s3.size)\n.__metadata.s3.sequencer = string!(.__metadata.s3.sequencer)\n',
};
let ok = 0;
const failed = [];
for (const file of files) {
  const doc = parse(git('show', `HEAD:${file}`)) ?? {};
  const programs = [
    ['transform', doc.transform],
    ['ingest.select_table_from_payload_metadata', doc.ingest?.select_table_from_payload_metadata],
    ['ingest.select_table_from_payload', doc.ingest?.select_table_from_payload],
    ['ingest.expand_records_from_payload', doc.ingest?.expand_records_from_payload],
  ].filter(([, text]) => typeof text === 'string' && text.trim() !== '');
  for (const [key, text] of programs) {
    const prelude = PRELUDE[key] ?? '';
    try {
      compileVrl(prelude + text, { compat: '0.24' });
      ok++;
    } catch (error) {
      if (!(error instanceof VrlCompileError)) throw error;
      const first = error.diagnostics[0];
      const shifted = {
        ...first,
        labels: first.labels.map((l) => ({
          ...l,
          span: { start: l.span.start - prelude.length, end: l.span.end - prelude.length },
        })),
      };
      failed.push(
        `${file}: ${key}: E${first.code} ${first.message}${process.env.VERBOSE ? formatDiagnostics(text, [shifted]) : ''}`,
      );
    }
  }
}
console.log(`Matano managed VRL programs compiled in the 0.24 dialect: ${ok} of ${ok + failed.length}`);
for (const f of failed) console.log(`  ✗ ${f}`);
process.exitCode = failed.length ? 1 : 0;
