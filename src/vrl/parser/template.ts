import { unescapeString } from '../lexer/lexer.js';
import type { StringSegment } from './ast.js';

/**
 * Splits a string literal's raw text into literal and `{{ name }}` template segments, applying escapes
 * to the literal parts. `\{{` and `\}}` stand for literal braces. `offset` is where the raw text starts in
 * the source, so segment spans are source spans.
 *
 * As in VRL, an unterminated `{{` drops the rest of the string and an empty `{{}}` yields nothing.
 */
export function splitTemplate(raw: string, offset: number): StringSegment[] {
  const segments: StringSegment[] = [];
  let template = false;
  let current = '';
  let start = offset;
  let pos = 0;
  const flushLiteral = () => {
    if (current !== '')
      segments.push({ kind: 'literal', value: unescapeString(current), span: span(start, pos) });
  };
  const span = (from: number, to: number) => ({ start: from, end: offset + to });
  while (pos < raw.length) {
    const c = raw[pos]!;
    if (template) {
      if (c === '}' && raw[pos + 1] === '}') {
        if (current !== '')
          segments.push({ kind: 'template', name: current.trim(), span: span(start, pos + 2) });
        template = false;
        current = '';
        pos += 2;
        start = offset + pos;
      } else {
        current += c;
        pos++;
      }
    } else if (c === '\\' && (raw.startsWith('{{', pos + 1) || raw.startsWith('}}', pos + 1))) {
      current += raw.slice(pos + 1, pos + 3);
      pos += 3;
    } else if (c === '\\') {
      current += raw.slice(pos, pos + 2);
      pos += 2;
    } else if (c === '{' && raw[pos + 1] === '{') {
      flushLiteral();
      template = true;
      current = '';
      start = offset + pos;
      pos += 2;
    } else {
      current += c;
      pos++;
    }
  }
  if (!template) flushLiteral();
  return segments;
}
