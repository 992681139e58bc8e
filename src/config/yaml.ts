/** YAML files with positions: parse once, then map key paths back to line:column. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigProblem } from './types.js';

export type KeyPath = (string | number)[];

export interface YamlFile {
  /** Relative to the lake dir. */
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The parsed value (undefined for an empty or comment-only file). */
  value: unknown;
}

/** `schema.ecs_field_names[3]` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/**
 * Parses YAML text. Syntax errors (and duplicate keys) become problems with their line and
 * column; the file is then unusable and `file` is undefined.
 */
export function parseYamlFile(file: string, text: string): { yaml?: YamlFile; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        const problem: ConfigProblem = {
          file,
          path: '',
          message: `invalid YAML: ${message}`,
          expected: 'valid YAML syntax',
        };
        if (pos) {
          problem.line = pos.line;
          problem.column = pos.col;
        }
        return problem;
      }),
    };
  }
  return { yaml: { file, doc, lineCounter, value: doc.toJS({ maxAliasCount: 1000 }) }, problems: [] };
}

interface Located {
  line: number;
  column: number;
}

function pos(yaml: YamlFile, node: Node | null | undefined): Located | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const lp = yaml.lineCounter.linePos(offset);
  return { line: lp.line, column: lp.col };
}

/**
 * Position of `path` in the file: of the key when `at` is 'key' (unknown keys), of the value
 * otherwise; falls back to the nearest existing ancestor (e.g. for a missing key).
 */
export function locate(
  yaml: YamlFile,
  path: readonly PropertyKey[],
  at: 'key' | 'value' = 'value',
): Located | undefined {
  let node: Node | null | undefined = yaml.doc.contents;
  let best = pos(yaml, node) ?? { line: 1, column: 1 };
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return best;
      const keyNode = pair.key as Node;
      if (last && at === 'key') return pos(yaml, keyNode) ?? best;
      best = pos(yaml, keyNode) ?? best;
      node = pair.value as Node | null;
      if (node) best = pos(yaml, node) ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return best;
      node = item;
      best = pos(yaml, node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}
