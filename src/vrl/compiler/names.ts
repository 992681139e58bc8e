import type { PathSegment } from '../parser/index.js';

/** The JavaScript local holding VRL variable `name`. */
export function varName(name: string): string {
  return `v_${name}`;
}

export function segValue(s: PathSegment): string | number {
  return s.kind === 'field' ? s.name : s.index;
}
