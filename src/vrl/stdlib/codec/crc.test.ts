import { describe, expect, it } from 'vitest';
import { CRC_CATALOG } from './crc_catalog.js';
import { crcChecksum } from './crc_engine.js';

describe('CRC engine', () => {
  const data = new TextEncoder().encode('123456789');
  it('has all 112 algorithms VRL lists', () => expect(CRC_CATALOG.size).toBe(112));
  it.each([...CRC_CATALOG.keys()])('%s matches its catalogue check value', (name) => {
    const p = CRC_CATALOG.get(name)!;
    expect(crcChecksum(p, data).toString(16)).toBe(p.check.toString(16));
  });
});
