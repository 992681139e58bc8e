/** Lower-case hyphenated UUID text from 16 bytes. */
import { hexLower } from './util.js';

export function uuidText(bytes: Uint8Array): string {
  const h = hexLower(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
