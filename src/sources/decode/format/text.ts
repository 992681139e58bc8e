/** Text format: each non-empty line → `{ message }` (trailing `\r` stripped). */
import type { DecodedItem } from '../types.js';
import { utf8Error } from './utf8.js';

export function parseTextLine(bytes: Buffer, line: number, offset: number): DecodedItem | null {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  if (end === 0) return null;
  const view = end === bytes.length ? bytes : bytes.subarray(0, end);
  const bad = utf8Error(view, offset);
  if (bad !== null) return { kind: 'error', line, offset, reason: bad, raw: Buffer.from(bytes) };
  return { kind: 'record', line, offset, value: { message: view.toString('utf8') } };
}
