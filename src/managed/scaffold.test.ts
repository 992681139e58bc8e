/**
 * `init --source` writes the settings a pull collector needs; they must stay the names the
 * collectors read (`Collector.requires`), or a user following the scaffold gets no pulls.
 */
import { describe, expect, it } from 'vitest';
import { collectorFor, collectorTypes } from '../sources/collectors/index.js';
import { managedPropertyLines } from './scaffold.js';

describe('init --source hints for pull sources', () => {
  it.each(collectorTypes())('%s names every required property and secret', (type) => {
    const text = managedPropertyLines(type, 'corp').join('\n');
    const requires = collectorFor(type)!.requires ?? {};
    for (const property of requires.properties ?? []) {
      const names = [property].flat();
      expect(
        names.some((n) => text.includes(`#   ${n}:`)),
        `${type}: one of ${names.join(', ')}`,
      ).toBe(true);
    }
    for (const secret of requires.secrets ?? []) expect(text).toContain(`LAKEWATCH_CORP_${secret}`);
  });
});
