import type { ConfigProblem } from './types.js';

function location(p: ConfigProblem): string {
  let out = p.file;
  if (p.line !== undefined) out += `:${p.line}` + (p.column !== undefined ? `:${p.column}` : '');
  return out;
}

/** One problem as text: `file:line:col: path: message` plus expected/suggestion lines. */
export function formatProblem(p: ConfigProblem): string {
  const lines = [`${location(p)}: ${p.path ? `${p.path}: ` : ''}${p.message}`];
  if (p.expected) lines.push(`    expected: ${p.expected}`);
  if (p.suggestion) lines.push(`    ${p.suggestion}`);
  return lines.join('\n');
}

/** Every problem found while loading a lake directory (thrown once, after looking at everything). */
export class ConfigErrors extends Error {
  readonly problems: ConfigProblem[];
  readonly dir: string;

  constructor(dir: string, problems: ConfigProblem[]) {
    const sorted = [...problems].sort(
      (a, b) =>
        (a.file === b.file ? 0 : a.file < b.file ? -1 : 1) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    );
    super(ConfigErrors.render(dir, sorted));
    this.name = 'ConfigErrors';
    this.dir = dir;
    this.problems = sorted;
  }

  /** All problems, one block each, sorted by file and position, with a count heading. */
  format(): string {
    return ConfigErrors.render(this.dir, this.problems);
  }

  private static render(dir: string, problems: ConfigProblem[]): string {
    const n = problems.length;
    const head = `${n} problem${n === 1 ? '' : 's'} in lake directory ${dir}:`;
    return [head, ...problems.map(formatProblem)].join('\n');
  }
}
