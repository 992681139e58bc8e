/** useState that survives navigating away and back (sessionStorage, per tab). */
import { useEffect, useState } from 'react';

export function useSessionState<T extends string>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      return (sessionStorage.getItem(`lakewatch.${key}`) as T | null) ?? initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(`lakewatch.${key}`, value);
    } catch {
      // no storage
    }
  }, [key, value]);
  return [value, setValue];
}
