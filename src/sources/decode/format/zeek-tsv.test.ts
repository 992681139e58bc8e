import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode, type DecodedItem, type DecodeOptions } from '../index.js';
import { looksLikeZeekTsv, unescapeZeek, ZeekTsvDecoder } from './zeek-tsv.js';

async function* chunks(buf: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(text: string | Buffer, opts: Partial<DecodeOptions> = {}, size = 1 << 16) {
  const out: DecodedItem[] = [];
  const buf = typeof text === 'string' ? Buffer.from(text) : text;
  for await (const batch of decode(chunks(buf, size), { source: 'conn.log', ...opts })) out.push(...batch);
  return out;
}

const records = (items: DecodedItem[]) =>
  items.flatMap((i) => (i.kind === 'record' && 'json' in i.value ? [i.value.json] : []));
const errors = (items: DecodedItem[]) =>
  items.flatMap((i) =>
    i.kind === 'error' ? [{ line: i.line, reason: i.reason, raw: Buffer.from(i.raw).toString() }] : [],
  );

const T = '\t';
const row = (...v: string[]) => v.join(T);

const CONN_HEADER = [
  '#separator \\x09',
  row('#set_separator', ','),
  row('#empty_field', '(empty)'),
  row('#unset_field', '-'),
  row('#path', 'conn'),
  row('#open', '2024-03-05-14-00-00'),
  row(
    '#fields',
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'proto',
    'service',
    'duration',
    'orig_bytes',
    'local_orig',
    'history',
    'tunnel_parents',
  ),
  row(
    '#types',
    'time',
    'string',
    'addr',
    'port',
    'addr',
    'port',
    'enum',
    'string',
    'interval',
    'count',
    'bool',
    'string',
    'set[string]',
  ),
].join('\n');

const CONN_1 = row(
  '1709647200.123456',
  'CHhAvVGS1DHFjwGM9',
  '192.0.2.10',
  '51234',
  '2001:db8::53',
  '53',
  'udp',
  'dns',
  '0.012031',
  '44',
  'T',
  'Dd',
  '(empty)',
);
const CONN_2 = row(
  '1709647201.5',
  'C4J4Th3PJpwUYZZ6gc',
  '198.51.100.7',
  '443',
  '203.0.113.9',
  '8080',
  'tcp',
  '-',
  '-',
  '-',
  'F',
  'ShADadFf',
  'Cx1,Cx2',
);

describe('Zeek TSV detection', () => {
  it('recognizes #separator as the first line', () => {
    expect(looksLikeZeekTsv(Buffer.from('#separator \\x09\n'), 0)).toBe(true);
    expect(looksLikeZeekTsv(Buffer.from('  #separator\t,'), 2)).toBe(true);
    expect(looksLikeZeekTsv(Buffer.from('#separators are nice'), 0)).toBe(false);
    expect(looksLikeZeekTsv(Buffer.from('# comment'), 0)).toBe(false);
  });

  it('auto mode decodes a Zeek TSV input into typed JSON records keyed by #fields', async () => {
    const items = await collect(`${CONN_HEADER}\n${CONN_1}\n${CONN_2}\n#close\t2024-03-05-15-00-00\n`);
    expect(errors(items)).toEqual([]);
    expect(items.map((i) => i.line)).toEqual([9, 10]);
    expect(records(items)).toEqual([
      {
        ts: 1709647200.123456,
        uid: 'CHhAvVGS1DHFjwGM9',
        'id.orig_h': '192.0.2.10',
        'id.orig_p': 51234,
        'id.resp_h': '2001:db8::53',
        'id.resp_p': 53,
        proto: 'udp',
        service: 'dns',
        duration: 0.012031,
        orig_bytes: 44,
        local_orig: true,
        history: 'Dd',
        tunnel_parents: [],
      },
      {
        ts: 1709647201.5,
        uid: 'C4J4Th3PJpwUYZZ6gc',
        'id.orig_h': '198.51.100.7',
        'id.orig_p': 443,
        'id.resp_h': '203.0.113.9',
        'id.resp_p': 8080,
        proto: 'tcp',
        local_orig: false,
        history: 'ShADadFf',
        tunnel_parents: ['Cx1', 'Cx2'],
      },
    ]);
    // Offsets point at each data line.
    const text = `${CONN_HEADER}\n`;
    expect(items[0]!.offset).toBe(Buffer.byteLength(text));
  });

  it('reads VRL kinds in vrl mode: integers as bigint, time/interval as floats', async () => {
    const [rec] = records(await collect(`${CONN_HEADER}\n${CONN_1}\n`, { numbers: 'vrl' }));
    expect(rec).toMatchObject({
      ts: 1709647200.123456,
      'id.orig_p': 51234n,
      orig_bytes: 44n,
      duration: 0.012031,
    });
  });

  it('detects Zeek TSV after a BOM, in gzip, and across tiny chunks', async () => {
    const body = `${CONN_HEADER}\n${CONN_1}\n`;
    const expected = records(await collect(body));
    expect(records(await collect(`\ufeff${body}`))).toEqual(expected);
    expect(records(await collect(gzipSync(Buffer.from(body))))).toEqual(expected);
    expect(records(await collect(body, {}, 3))).toEqual(expected);
  });

  it('leaves other `#` inputs and explicit formats alone', async () => {
    const items = await collect('# just a comment\nhello\n');
    expect(items.map((i) => (i.kind === 'record' ? i.value : null))).toEqual([
      { message: '# just a comment' },
      { message: 'hello' },
    ]);
    const asText = await collect(`${CONN_HEADER}\n${CONN_1}\n`, { format: 'text' });
    expect(asText).toHaveLength(9);
  });

  it('a short input that is only the start of #separator is text', async () => {
    const items = await collect('#separ');
    expect(items.map((i) => (i.kind === 'record' ? i.value : null))).toEqual([{ message: '#separ' }]);
  });
});

describe('Zeek TSV values', () => {
  it('decodes \\xHH and \\\\ escapes, keeping undecodable bytes escaped', () => {
    expect(unescapeZeek('plain')).toBe('plain');
    expect(unescapeZeek('a\\x09b\\x2cc')).toBe('a\tb,c');
    expect(unescapeZeek('\\\\\\\\SRV01\\\\IPC$')).toBe('\\\\SRV01\\IPC$');
    expect(unescapeZeek('caf\\xc3\\xa9')).toBe('café');
    expect(unescapeZeek('bin\\xff\\xfe')).toBe('bin\\xff\\xfe');
    expect(unescapeZeek('ok \\q')).toBe('ok \\q');
    expect(unescapeZeek('Grüße \\x2d')).toBe('Grüße -');
    expect(unescapeZeek('\\x2')).toBe('\\x2');
  });

  it('types containers, empties, unset and escaped values', async () => {
    const header = [
      '#separator \\x09',
      row('#set_separator', ','),
      row('#empty_field', '(empty)'),
      row('#unset_field', '-'),
      row('#path', 'dns'),
      row('#fields', 'ts', 'query', 'answers', 'TTLs', 'rejected', 'note', 'vals', 'neg'),
      row(
        '#types',
        'time',
        'string',
        'vector[string]',
        'vector[interval]',
        'bool',
        'string',
        'vector[count]',
        'int',
      ),
    ].join('\n');
    const line1 = row(
      '1709647200.000000',
      'www.ex\\x2cample.com',
      'a.example,2001:db8::1,b\\x2cc',
      '60.000000,3600.0',
      'F',
      '(empty)',
      '1,-,3',
      '-42',
    );
    const line2 = row('1709647200.5', '\\x2d', '(empty)', '-', 'T', 'caf\\xc3\\xa9 \\xff', '(empty)', '-');
    const recs = records(await collect(`${header}\n${line1}\n${line2}\n`));
    expect(recs).toEqual([
      {
        ts: 1709647200,
        query: 'www.ex,ample.com',
        answers: ['a.example', '2001:db8::1', 'b,c'],
        TTLs: [60, 3600],
        rejected: false,
        note: '',
        vals: [1, null, 3],
        neg: -42,
      },
      { ts: 1709647200.5, query: '-', answers: [], rejected: true, note: 'caf\\xc3\\xa9 \\xff', vals: [] },
    ]);
  });

  it('honours custom separators, set separator, empty and unset markers', async () => {
    const text = [
      '#separator \\x7c',
      '#set_separator|;',
      '#empty_field|EMPTY',
      '#unset_field|NONE',
      '#fields|ts|names|n',
      '#types|time|set[string]|count',
      '1.5|a;b|NONE',
      '2.5|EMPTY|7',
    ].join('\n');
    expect(records(await collect(text))).toEqual([
      { ts: 1.5, names: ['a', 'b'] },
      { ts: 2.5, names: [], n: 7 },
    ]);
  });

  it('keeps 64-bit counts exact and reads unparseable numbers as strings', async () => {
    const text = [
      '#separator \\x09',
      row('#fields', 'a', 'b', 'c'),
      row('#types', 'count', 'double', 'count'),
      row('18446744073709551615', 'x1', '9007199254740993'),
    ].join('\n');
    expect(records(await collect(text))).toEqual([
      { a: 18446744073709551615n, b: 'x1', c: 9007199254740993n },
    ]);
    const vrl = records(await collect(text, { numbers: 'vrl' }));
    expect(vrl).toEqual([{ a: 18446744073709552000, b: 'x1', c: 9007199254740993n }]);
  });

  it('fields without #types are strings', async () => {
    const text = ['#separator \\x09', row('#fields', 'ts', 'n'), row('1.5', '3')].join('\n');
    expect(records(await collect(text))).toEqual([{ ts: '1.5', n: '3' }]);
  });
});

describe('Zeek TSV header changes and bad lines', () => {
  it('uses the newest #fields after a header change and dead-letters wrong column counts', async () => {
    const text = [
      CONN_HEADER,
      CONN_1,
      row('1709647202.0', 'Cshort', '192.0.2.1'),
      row('#fields', 'ts', 'uid', 'extra'),
      row('#types', 'time', 'string', 'count'),
      row('1709647203.25', 'Cnew', '17'),
      CONN_2,
      '',
    ].join('\n');
    const items = await collect(text);
    expect(records(items)).toEqual([
      expect.objectContaining({ uid: 'CHhAvVGS1DHFjwGM9' }),
      { ts: 1709647203.25, uid: 'Cnew', extra: 17 },
    ]);
    expect(errors(items)).toEqual([
      {
        line: 10,
        reason: 'Zeek TSV (#path conn) line 10: the #fields header names 13 fields, the line has 3 columns',
        raw: row('1709647202.0', 'Cshort', '192.0.2.1'),
      },
      {
        line: 14,
        reason: 'Zeek TSV (#path conn) line 14: the #fields header names 3 fields, the line has 13 columns',
        raw: CONN_2,
      },
    ]);
  });

  it('concatenated files: a new #separator starts over; CRLF and blank lines are fine', async () => {
    const dns = [
      '#separator \\x09',
      row('#path', 'dns'),
      row('#fields', 'ts', 'query'),
      row('#types', 'time', 'string'),
      row('5.0', 'example.org'),
    ].join('\r\n');
    const items = await collect(`${CONN_HEADER}\n${CONN_1}\n\n${dns}\r\n`);
    expect(errors(items)).toEqual([]);
    expect(records(items)).toEqual([
      expect.objectContaining({ uid: 'CHhAvVGS1DHFjwGM9' }),
      { ts: 5, query: 'example.org' },
    ]);
  });

  it('a data line before #fields, invalid UTF-8 and over-long lines are error items', async () => {
    const bad = Buffer.concat([
      Buffer.from('#separator \\x09\n1.0\tx\n'),
      Buffer.from(`${row('#fields', 'ts', 'msg')}\n${row('#types', 'time', 'string')}\n2.0\t`),
      Buffer.from([0xff, 0x0a]),
      Buffer.from(`3.0\t${'y'.repeat(100)}\n4.0\tok\n`),
    ]);
    const items = await collect(bad, { maxLineBytes: 50 });
    expect(records(items)).toEqual([{ ts: 4, msg: 'ok' }]);
    expect(errors(items).map((e) => [e.line, e.reason])).toEqual([
      [2, 'Zeek TSV line 2: data line before any #fields header'],
      [5, expect.stringMatching(/^Zeek TSV: invalid UTF-8 at byte 4 of the line/)],
      [6, 'Zeek TSV line 6 is 104 bytes, longer than maxLineBytes (50)'],
    ]);
  });

  it('unknown # lines after #fields are data (and fail the column check); before, they are skipped', async () => {
    const text = ['#separator \\x09', '#comment\tx\ty', row('#fields', 'a', 'b'), '#odd\tz\tw', '#x\ty'].join(
      '\n',
    );
    const items = await collect(text);
    expect(records(items)).toEqual([{ a: '#x', b: 'y' }]);
    expect(errors(items).map((e) => e.line)).toEqual([4]);
  });

  it('a broken gzip stream ends with an error item', async () => {
    const gz = gzipSync(Buffer.from(`${CONN_HEADER}\n${CONN_1}\n${CONN_2}\n`));
    const items = await collect(gz.subarray(0, gz.length - 12));
    expect(items.at(-1)!.kind).toBe('error');
  });

  it('can be driven directly', () => {
    const out: DecodedItem[] = [];
    const d = new ZeekTsvDecoder((i) => out.push(i), 1024, { offset: 100, line: 7 }, 'js');
    d.push(Buffer.from('#separator \\x09\n#fields\tts\n#types\ttime\n1.25'));
    d.end();
    expect(out).toEqual([{ kind: 'record', line: 10, offset: 100 + 39, value: { json: { ts: 1.25 } } }]);
  });
});
