import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DetectionConfig } from '../../../config/types.js';

export interface DetectionSpec {
  name: string;
  code: string;
  /** Default: detect.ts. */
  file?: 'detect.ts' | 'detect.js' | 'detect.py';
  tables?: string[];
  extra?: Partial<DetectionConfig>;
}

const LANGUAGE = { 'detect.ts': 'typescript', 'detect.js': 'javascript', 'detect.py': 'python' } as const;

/** A fresh `<dir>/detections/` folder with the detections (and helper files at its top, e.g. lib/x.ts). */
export function writeDetections(
  dir: string,
  specs: DetectionSpec[],
  helpers: Record<string, string> = {},
): DetectionConfig[] {
  const root = path.join(dir, 'detections');
  mkdirSync(root, { recursive: true });
  for (const [file, text] of Object.entries(helpers)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return specs.map((s) => {
    const ddir = path.join(root, s.name);
    mkdirSync(ddir);
    const file = s.file ?? 'detect.ts';
    const code = path.join(ddir, file);
    writeFileSync(code, s.code);
    return {
      name: s.name,
      dir: ddir,
      file: `detections/${s.name}/detection.yml`,
      enabled: true,
      tables: s.tables ?? ['aws_cloudtrail'],
      code: { language: LANGUAGE[file], path: code },
      alert: { severity: 'info', threshold: 1, deduplicationWindowMs: 3_600_000, destinations: [] },
      references: [],
      falsePositives: [],
      tags: [],
      attack: [],
      ...s.extra,
    } satisfies DetectionConfig;
  });
}
