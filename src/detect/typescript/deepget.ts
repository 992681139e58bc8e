/**
 * Matano's `deepget`, as the Python runtime has it: the default when any part of the dotted path
 * is missing or null; numeric parts (negative too) index arrays.
 */
export function deepget<T = unknown>(record: unknown, path: string, defaultValue?: T): T {
  const dflt = defaultValue as T;
  let cur: unknown = record;
  for (const part of String(path).split('.')) {
    if (Array.isArray(cur)) {
      if (!/^-?\d+$/.test(part)) return dflt;
      const i = Number(part);
      cur = i < 0 ? cur[cur.length + i] : cur[i];
    } else if (cur !== null && typeof cur === 'object') {
      // own keys only: 'constructor' or 'toString' are not part of a record
      cur = Object.hasOwn(cur, part) ? (cur as Record<string, unknown>)[part] : undefined;
    } else {
      return dflt;
    }
    if (cur === null || cur === undefined) return dflt;
  }
  return cur as T;
}
