import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRequestId } from '../sources/http/index.js';
import { Spool, spoolIdentity } from './spool.js';

describe('Spool', () => {
  it('writes a request durably and finds it again after a restart', async () => {
    const dir = tempDir('lakewatch-spool-');
    const spool = await Spool.open(dir);
    const id = newRequestId();
    const entry = await spool.append('okta', id, Buffer.from('{"a":1}\n{"a":2}\n'), 2);
    expect(readFileSync(entry.input.path, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    expect(entry.input.identity).toBe(spoolIdentity('okta', id));
    expect(entry.input.size).toBe(16);

    // a request whose write never finished (it was never answered) is dropped on restart
    const halfWritten = path.join(dir, 'okta', `.${newRequestId()}.tmp`);
    writeFileSync(halfWritten, '{"partial"');
    const again = await (await Spool.open(dir)).pending();
    expect(again.map((e) => [e.logSource, e.requestId, e.input.identity])).toEqual([
      ['okta', id, spoolIdentity('okta', id)],
    ]);
    expect(existsSync(halfWritten)).toBe(false);

    await spool.remove(again);
    expect(await spool.pending()).toEqual([]);
  });

  it('request ids are unique and ordered by time', () => {
    const ids = [newRequestId(1000), newRequestId(2000), newRequestId(2000)];
    expect(ids[0]! < ids[1]!).toBe(true);
    expect(new Set(ids).size).toBe(3);
  });
});

function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
