/** Unix path components as Rust's `Path::components` yields them (with their spans in the text). */
export interface Component {
  readonly kind: 'root' | 'cur' | 'parent' | 'normal';
  readonly text: string;
  readonly end: number;
}

export function pathComponents(path: string): Component[] {
  const out: Component[] = [];
  let i = 0;
  if (path.startsWith('/')) {
    out.push({ kind: 'root', text: '/', end: 1 });
    i = 1;
  }
  while (i <= path.length) {
    let j = path.indexOf('/', i);
    if (j === -1) j = path.length;
    const segment = path.slice(i, j);
    if (segment === '..') out.push({ kind: 'parent', text: segment, end: j });
    else if (segment === '.') {
      // `.` is normalised away except at the very start of a relative path.
      if (i === 0) out.push({ kind: 'cur', text: segment, end: j });
    } else if (segment !== '') out.push({ kind: 'normal', text: segment, end: j });
    i = j + 1;
  }
  return out;
}
