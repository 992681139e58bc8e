/**
 * New detection folders with a passing test: `lakewatch init` (a sample detection on the example
 * log source) and `lakewatch init --detection <name>` (a starting point on any table).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ScaffoldDetectionOptions {
  /** The lake directory (absolute). */
  lakeDir: string;
  /** Detection name (letters, digits, underscores); also the folder name. */
  name: string;
  /** Resolved table name the detection runs on. */
  table: string;
  language?: 'python' | 'typescript';
  /** `example`: the failed-login sample of `lakewatch init` (needs the `example` log source). */
  template?: 'generic' | 'example';
  /** Directory of this package's JSON Schemas, for the editor hint in detection.yml. */
  schemasDir?: string;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

/** Writes `detections/<name>/` (detection.yml, detect.py|detect.ts, tests/<name>.yml); returns the files. */
export function scaffoldDetection(opts: ScaffoldDetectionOptions): string[] {
  const { name, table } = opts;
  if (!NAME_RE.test(name))
    throw new ScaffoldError(`detection name "${name}": expected letters, digits and underscores`);
  const dir = path.join(opts.lakeDir, 'detections', name);
  if (existsSync(dir)) throw new ScaffoldError(`${dir} already exists; pick another detection name`);
  const language = opts.language ?? 'python';
  const example = opts.template === 'example';
  const files: Record<string, string> = {};
  const schema = opts.schemasDir
    ? `# yaml-language-server: $schema=${path.relative(dir, path.join(opts.schemasDir, 'detection.schema.json'))}\n`
    : '';
  files['detection.yml'] = schema + (example ? exampleYml(name, table, language) : genericYml(name, table));
  if (language === 'python') files['detect.py'] = example ? EXAMPLE_PY : genericPy(name);
  else files['detect.ts'] = example ? EXAMPLE_TS : genericTs(name);
  files[path.join('tests', `${name}.yml`)] = example ? EXAMPLE_TESTS : genericTests(name, table);
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
    written.push(file);
  }
  return written;
}

function genericYml(name: string, table: string): string {
  return `# A detection: runs on every new record of its tables while ingesting; matches become alerts.
name: ${name}
# display_name: ${name.replace(/_/g, ' ')}   # the default alert title
description: TODO describe what this detection finds and why it matters.
tables:
  - ${table}
alert:
  severity: medium            # info | notice | low | medium | high | critical
  # threshold: 1              # matches within the window before the alert fires
  # deduplication_window_minutes: 60
  # destinations: [slack_alerts]
# runbook: what a responder should do
# references: [https://…]
`;
}

function exampleYml(name: string, table: string, language: string): string {
  const code = language === 'python' ? 'detect.py' : 'detect.ts';
  return `# A sample detection on the example log source. Edit ${code}, then run \`lakewatch test\`.
name: ${name}
display_name: Failed login
description: A user failed to log in to the web application.
tables:
  - ${table}
alert:
  severity: medium            # info | notice | low | medium | high | critical
  threshold: 1                # matches within the window before the alert fires
  deduplication_window_minutes: 60
# runbook: Check whether the user expected this login attempt.
`;
}

function genericPy(name: string): string {
  return `"""${name}: TODO describe what this detects. Run \`lakewatch test ${name}\` after every edit."""


def detect(record):
    # record is a dict of the table's ECS fields; deepget returns None (or the default) when
    # any part of the path is missing.
    return record.deepget("event.action") == "example-action"


def title(record):
    return "example-action by " + record.deepget("user.name", "an unknown user")


def dedupe(record):
    # matches with the same dedupe string (within the window) join one alert
    return record.deepget("user.name", "")
`;
}

function genericTs(name: string): string {
  return `// ${name}: TODO describe what this detects. Run \`lakewatch test ${name}\` after every edit.
import type { DetectionRecord } from 'lakewatch/detection';

export function detect(record: DetectionRecord): boolean {
  // deepget returns undefined (or the default) when any part of the path is missing
  return record.deepget('event.action') === 'example-action';
}

export function title(record: DetectionRecord): string {
  return 'example-action by ' + record.deepget('user.name', 'an unknown user');
}

export function dedupe(record: DetectionRecord): string {
  // matches with the same dedupe string (within the window) join one alert
  return record.deepget('user.name', '');
}
`;
}

function genericTests(name: string, table: string): string {
  return `# Tests of ${name}: \`lakewatch test ${name}\`. Every detection of the table runs on each case,
# so another detection matching these events fails the case (unless listed in also_matches).
tests:
  - name: example-action matches
    record:                   # an ECS record as stored in ${table}
      ts: 2026-01-01T12:00:00Z
      event: { action: example-action }
      user: { name: alice }
    match: true
    title: example-action by alice
    dedupe: alice
    severity: medium
  - name: another action does not match
    record:
      ts: 2026-01-01T12:00:00Z
      event: { action: something-else }
      user: { name: alice }
    match: false
  # A raw vendor log goes through the log source's decode and transform first:
  # - name: from the raw log
  #   log_source: <log source name>
  #   log: |
  #     {"action": "example-action", "user": "alice"}
  #   match: true
`;
}

const EXAMPLE_PY = `"""Failed logins of the example web application. Run \`lakewatch test\` after every edit."""


def detect(record):
    return record.deepget("event.action") == "login" and record.deepget("event.outcome") == "failure"


def title(record):
    return "Failed login for " + record.deepget("user.name", "an unknown user")


def dedupe(record):
    # failed logins of the same user (within the deduplication window) join one alert
    return record.deepget("user.name", "")
`;

const EXAMPLE_TS = `// Failed logins of the example web application. Run \`lakewatch test\` after every edit.
import type { DetectionRecord } from 'lakewatch/detection';

export function detect(record: DetectionRecord): boolean {
  return record.deepget('event.action') === 'login' && record.deepget('event.outcome') === 'failure';
}

export function title(record: DetectionRecord): string {
  return 'Failed login for ' + record.deepget('user.name', 'an unknown user');
}

export function dedupe(record: DetectionRecord): string {
  return record.deepget('user.name', '');
}
`;

const EXAMPLE_TESTS = `# Tests of failed_login: \`lakewatch test\`. Every detection of the table runs on each case, so
# another detection matching these events fails the case (unless listed in also_matches).
tests:
  - name: a failed login in the raw application log matches
    log_source: example       # goes through the log source's decode and transform, as in ingest
    log: |
      {"@timestamp": "2026-11-01T00:14:26.002Z", "event": {"action": "login", "outcome": "failure"}, "source": {"ip": "10.0.0.9"}, "user": {"name": "alice"}, "url": {"path": "/login"}, "http": {"response": {"status_code": 401}}}
    match: true
    title: Failed login for alice
    dedupe: alice
    severity: medium

  - name: a successful login does not match
    record:                   # an ECS record as stored in the example table
      ts: 2026-11-01T00:07:13Z
      event: { action: login, outcome: success }
      user: { name: carol }
    match: false
`;
