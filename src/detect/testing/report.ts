/** Human-readable test output: one line per case, a diff under each failure, a summary. */
import type { CaseResult, DetectionTests, Failure, TestReport } from './run.js';

export interface Style {
  ok(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
}

export const plainStyle: Style = { ok: (s) => s, bad: (s) => s, dim: (s) => s };

export const ansiStyle: Style = {
  ok: (s) => `\x1b[32m${s}\x1b[39m`,
  bad: (s) => `\x1b[31m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
};

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function indent(text: string, pad: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

function formatFailure(f: Failure, st: Style): string {
  const lines: string[] = [];
  if (f.expected !== undefined && (f.kind === 'title' || f.kind === 'dedupe' || f.kind === 'severity')) {
    lines.push(`${f.message}:`);
    lines.push(`  ${st.ok('- expected')} ${show(f.expected)}`);
    lines.push(`  ${st.bad('+ actual  ')} ${show(f.actual)}`);
  } else if (f.kind === 'match' && typeof f.expected === 'boolean') {
    lines.push(`match: ${f.message}`);
    lines.push(`  ${st.ok('- expected')} match: ${String(f.expected)}`);
    lines.push(`  ${st.bad('+ actual  ')} match: ${String(f.actual)}`);
  } else {
    lines.push(f.message);
  }
  if (f.traceback) lines.push(st.dim(indent(f.traceback, '  ')));
  return lines.join('\n');
}

/** The line of one case, and for a failure its diff (indented). */
export function formatCase(r: CaseResult, st: Style = plainStyle): string {
  if (r.passed) return `  ${st.ok('✓')} ${r.name}\n`;
  const out = [`  ${st.bad('✗')} ${r.name}  ${st.dim(`${r.file}:${r.line}`)}`];
  for (const f of r.failures) out.push(indent(formatFailure(f, st), '      '));
  if (r.output) out.push(indent(`output:\n${indent(r.output, '  ')}`, '      '));
  return out.join('\n') + '\n';
}

/** The heading of a detection's block (printed before its cases). */
export function formatDetectionHeading(d: DetectionTests, st: Style = plainStyle): string {
  const note = d.status === 'tested' ? '' : st.dim(`  ${d.status}`);
  return `${d.detection} ${st.dim(`(${d.language})`)}${note}\n`;
}

export function formatSummary(report: TestReport, st: Style = plainStyle): string {
  const lines: string[] = [];
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  const untested = report.detections.filter((d) => d.status === 'no tests').length;
  const disabled = report.detections.filter((d) => d.status === 'disabled').length;
  const parts = [
    st.ok(`${report.passed} passed`),
    report.failed ? st.bad(`${report.failed} failed`) : `${report.failed} failed`,
  ];
  const extra: string[] = [];
  if (untested) extra.push(`${untested} detection${untested === 1 ? '' : 's'} without tests`);
  if (disabled) extra.push(`${disabled} disabled`);
  lines.push(parts.join(', ') + (extra.length ? st.dim(` (${extra.join(', ')})`) : ''));
  return lines.join('\n') + '\n';
}

/** The whole report at once (the CLI streams the same pieces as cases finish). */
export function formatReport(report: TestReport, st: Style = plainStyle): string {
  let out = '';
  for (const d of report.detections) {
    out += formatDetectionHeading(d, st);
    for (const c of d.cases) out += formatCase(c, st);
  }
  return out + formatSummary(report, st);
}
