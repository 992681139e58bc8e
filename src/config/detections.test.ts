/** `detections/<dir>/detection.yml`: Matano's keys, defaults, and errors as good as the lake directory's. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigErrors, loadLakeDirectory, type ConfigProblem } from './index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SOURCES = {
  'lakewatch.config.yml': 'name: test\n',
  'log_sources/aws_cloudtrail/log_source.yml':
    'name: aws_cloudtrail\nschema:\n  ecs_field_names: [event.action]\n',
  'log_sources/okta/log_source.yml': 'name: okta\nschema:\n  ecs_field_names: [event.action]\n',
  'log_sources/okta/tables/system.yml': 'name: system\n',
};

function lake(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lakewatch-detections-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries({ ...SOURCES, ...files })) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function problems(dir: string): ConfigProblem[] {
  try {
    loadLakeDirectory(dir);
  } catch (err) {
    if (err instanceof ConfigErrors) return err.problems;
    throw err;
  }
  throw new Error('expected ConfigErrors');
}

describe('detections', () => {
  it("accepts Matano's other keys: id, created, modified, alert.threshold_count, and log_sources for tables", () => {
    const dir = lake({
      'detections/root/detection.yml': [
        'id: 8ad1600d-e9dc-4251-b0ee-a65268f29add',
        'created: 2022/10/23',
        'modified: 2022/10/24',
        'name: aws_root_credentials',
        'alert:',
        '  threshold_count: 3',
        'tables: [aws_cloudtrail]',
        '',
      ].join('\n'),
      'detections/root/detect.py': 'def detect(record):\n    return True\n',
      'detections/entity/detection.yml': 'name: "entity_issue"\nlog_sources:\n  - "okta"\n',
      'detections/entity/detect.py': 'def detect(record):\n    return True\n',
    });
    const loaded = loadLakeDirectory(dir).detections;
    const root = loaded.find((d) => d.name === 'aws_root_credentials')!;
    expect(root.id).toBe('8ad1600d-e9dc-4251-b0ee-a65268f29add');
    expect(root.alert.threshold).toBe(3);
    // a log source name stands for all of its tables
    expect(loaded.find((d) => d.name === 'entity_issue')!.tables).toEqual(['okta_system']);
  });

  it('reports tables given twice, or not at all, and unknown log_sources', () => {
    const both = problems(
      lake({
        'detections/a/detection.yml': 'name: a\ntables: [aws_cloudtrail]\nlog_sources: [okta]\n',
        'detections/a/detect.py': 'def detect(r):\n    return True\n',
        'detections/b/detection.yml': 'name: b\n',
        'detections/b/detect.py': 'def detect(r):\n    return True\n',
        'detections/c/detection.yml': 'name: c\nlog_sources: [otka]\n',
        'detections/c/detect.py': 'def detect(r):\n    return True\n',
      }),
    );
    expect(both.map((p) => [p.file, p.path, p.message, p.suggestion])).toEqual([
      [
        'detections/a/detection.yml',
        'log_sources',
        'give `tables` or `log_sources` (its earlier Matano form), not both',
        undefined,
      ],
      ['detections/b/detection.yml', 'tables', 'missing required key `tables`', undefined],
      [
        'detections/c/detection.yml',
        'log_sources[0]',
        'no log source or table named "otka" in this lake directory',
        'did you mean `okta`?',
      ],
    ]);
  });

  it('reads Matano detection folders with defaults, and skips helper folders', () => {
    const dir = lake({
      'detections/root_login/detection.yml': [
        'name: aws_root_login',
        'display_name: Root account console login',
        'tables: [aws_cloudtrail]',
        'alert:',
        '  severity: high',
        '  destinations: [slack_main]',
        'reference: https://example.com/root',
        'references: [https://example.com/more]',
        'reports:',
        '  attack: ["TA0004:T1078.004"]',
        '',
      ].join('\n'),
      'detections/root_login/detect.py': 'def detect(record):\n    return True\n',
      'detections/okta_bruteforce/detection.yml':
        'name: okta_bruteforce\ntables: [okta_system]\nenabled: false\nalert:\n  threshold: 10\n  deduplication_window: 300\n',
      'detections/okta_bruteforce/detect.ts': 'export function detect() { return false; }\n',
      'detections/shared/helpers.py': 'X = 1\n',
    });
    const { detections } = loadLakeDirectory(dir);
    expect(detections.map((d) => d.name)).toEqual(['okta_bruteforce', 'aws_root_login']);
    const [okta, root] = detections;
    expect(root).toMatchObject({
      displayName: 'Root account console login',
      enabled: true,
      tables: ['aws_cloudtrail'],
      code: { language: 'python', path: path.join(dir, 'detections/root_login/detect.py') },
      alert: {
        severity: 'high',
        threshold: 1,
        deduplicationWindowMs: 3_600_000,
        destinations: ['slack_main'],
      },
      references: ['https://example.com/root', 'https://example.com/more'],
      attack: ['TA0004:T1078.004'],
    });
    expect(okta).toMatchObject({
      enabled: false,
      code: { language: 'typescript' },
      alert: { severity: 'medium', threshold: 10, deduplicationWindowMs: 300_000 },
    });
  });

  it('reports unknown tables, bad values, unknown keys and missing code with file, key and line', () => {
    const dir = lake({
      'detections/a/detection.yml': [
        'name: a',
        'tables: [okta_system]',
        'alert:',
        '  severity: urgent',
        '  threshold: 0',
        'runbok: check it',
        '',
      ].join('\n'),
      'detections/a/detect.py': 'def detect(r):\n    return False\n',
      'detections/d/detection.yml': 'name: d\ntables: [okta_system, aws_cloudtrial]\n',
      'detections/d/detect.py': 'def detect(r):\n    return False\n',
      'detections/e/detection.yml':
        'name: d\ntables: [okta_system]\nalert:\n  deduplication_window_minutes: 5\n  deduplication_window: 300\n',
      'detections/e/detect.py': 'def detect(r):\n    return False\n',
      'detections/b/detection.yml': 'name: b\ntables: [okta_system]\n',
      'detections/c/detect.js': 'export function detect() {}\n',
    });
    const got = problems(dir).map((p) => ({
      file: p.file,
      path: p.path,
      message: p.message,
      suggestion: p.suggestion,
      line: p.line,
    }));
    expect(got).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'detections/a/detection.yml', path: 'alert.severity', line: 4 }),
        expect.objectContaining({ file: 'detections/a/detection.yml', path: 'alert.threshold', line: 5 }),
        expect.objectContaining({
          file: 'detections/a/detection.yml',
          path: 'runbok',
          suggestion: 'did you mean `runbook`?',
        }),
        expect.objectContaining({
          file: 'detections/d/detection.yml',
          path: 'tables[1]',
          message: 'no table named "aws_cloudtrial" in this lake directory',
          suggestion: 'did you mean `aws_cloudtrail`?',
          line: 2,
        }),
        expect.objectContaining({
          file: 'detections/e/detection.yml',
          path: 'name',
          message: 'detection name "d" is also used by detections/d/detection.yml',
        }),
        expect.objectContaining({ file: 'detections/e/detection.yml', path: 'alert.deduplication_window' }),
        expect.objectContaining({
          file: 'detections/b/detection.yml',
          message: 'no detection code beside detection.yml',
        }),
        expect.objectContaining({
          file: 'detections/c',
          message: 'a detection folder without detection.yml',
        }),
      ]),
    );
    const severity = problems(dir).find((p) => p.path === 'alert.severity')!;
    expect(`${severity.message} ${severity.expected ?? ''}`).toMatch(/critical/);
  });
});
