/** Query history in localStorage: newest first, at most 100 entries. */
export interface HistoryEntry {
  sql: string;
  at: string;
  ok: boolean;
  rows?: number;
  elapsedMs?: number;
  error?: string;
}

const KEY = 'lakewatch.history';
const MAX = 100;

export function loadHistory(): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

export function addHistory(entry: HistoryEntry): HistoryEntry[] {
  const list = [entry, ...loadHistory().filter((e) => e.sql !== entry.sql)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // storage full or unavailable: keep the in-memory list
  }
  return list;
}

export function clearHistory(): HistoryEntry[] {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
  return [];
}
