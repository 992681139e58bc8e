/** Loads `integrations/destinations/*.yml` into DestinationConfigs plus ConfigProblems. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { issueToProblems } from '../../config/issues.js';
import type { ConfigProblem, DetectionConfig } from '../../config/types.js';
import { nearest } from '../../schema/index.js';
import { formatPath, locate, parseYamlFile, type YamlFile } from '../../config/yaml.js';
import {
  destinationFileSchema,
  type DestinationFile,
  type EmailProps,
  type JiraProps,
  type PagerDutyProps,
  type SlackProps,
  type SnsProps,
  type TeamsProps,
  type WebhookProps,
} from './schema.js';
import { checkRefs, hasRef } from './secrets.js';
import type { DestinationConfig, DestinationType } from './types.js';

export const DESTINATIONS_DIR = 'integrations/destinations';
const DEFAULT_TIMEOUT_MS = 10_000;

/** Keys whose value is a credential: they must be references, never literals. */
const SECRET_KEYS: Record<DestinationType, string[]> = {
  slack: ['token', 'webhook_url'],
  webhook: ['secret'],
  pagerduty: ['routing_key'],
  jira: ['api_token'],
  teams: ['webhook_url'],
  email: ['password'],
  sns: ['secret_access_key', 'session_token'],
};
const SECRET_HEADER_RE = /authorization|token|secret|api[-_]?key|password|cookie|signature/i;

export function loadDestinations(lakeDir: string): {
  destinations: DestinationConfig[];
  problems: ConfigProblem[];
} {
  const root = path.resolve(lakeDir);
  const dir = path.join(root, DESTINATIONS_DIR);
  const destinations: DestinationConfig[] = [];
  const problems: ConfigProblem[] = [];
  if (!existsSync(dir)) return { destinations, problems };
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  const byName = new Map<string, string>();
  for (const f of files) {
    const rel = `${DESTINATIONS_DIR}/${f}`;
    const parsed = parseYamlFile(rel, readFileSync(path.join(dir, f), 'utf8'));
    problems.push(...parsed.problems);
    if (!parsed.yaml) continue;
    const yaml = parsed.yaml;
    const result = destinationFileSchema.safeParse(yaml.value ?? {});
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(...issueToProblems(issue, yaml, destinationFileSchema));
      continue;
    }
    const file = result.data;
    const own = checkFile(file, yaml);
    problems.push(...own);
    if (own.length > 0) continue;
    const name = file.name ?? f.replace(/\.ya?ml$/i, '');
    const earlier = byName.get(name);
    if (earlier) {
      problems.push(
        problem(yaml, ['name'], `duplicate destination name \`${name}\` (also in ${earlier})`, {
          suggestion: 'give each destination file its own `name`',
        }),
      );
      continue;
    }
    byName.set(name, rel);
    destinations.push(toConfig(file, name, rel, root));
  }
  return { destinations, problems };
}

function problem(
  yaml: YamlFile,
  p: (string | number)[],
  message: string,
  extra: Partial<ConfigProblem> = {},
): ConfigProblem {
  const out: ConfigProblem = { file: yaml.file, path: formatPath(p), message, ...extra };
  const loc = locate(yaml, p);
  if (loc) {
    out.line = loc.line;
    out.column = loc.column;
  }
  return out;
}

/** Checks zod cannot express: literal secrets, reference syntax, Slack mode. */
function checkFile(file: DestinationFile, yaml: YamlFile): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const type = file.type.toLowerCase() as DestinationType;
  const props = file.properties as Record<string, unknown>;
  const envName = (key: string) =>
    `${(file.name ?? 'DEST').toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${key.toUpperCase()}`;
  const literal = (p: (string | number)[], key: string) =>
    problem(yaml, p, `\`${key}\` holds a literal secret; put it in \${env:...} or \${secret:...}`, {
      expected: 'a reference such as `${env:' + envName(key) + '}`',
      suggestion: `set ${envName(key)} in the environment and write \`${key}: \${env:${envName(key)}}\``,
    });
  for (const key of SECRET_KEYS[type]) {
    const v = props[key];
    if (typeof v === 'string' && !hasRef(v)) out.push(literal(['properties', key], key));
  }
  if (type === 'webhook') {
    const headers = (props.headers ?? {}) as Record<string, string>;
    for (const [h, v] of Object.entries(headers))
      if (SECRET_HEADER_RE.test(h) && !hasRef(v)) out.push(literal(['properties', 'headers', h], h));
  }
  // Every string value: reference syntax.
  const walk = (v: unknown, p: (string | number)[]) => {
    if (typeof v === 'string') {
      for (const r of checkRefs(v))
        out.push(problem(yaml, p, r.message, r.suggestion ? { suggestion: r.suggestion } : {}));
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(props, ['properties']);
  if (type === 'slack') {
    if (props.webhook_url !== undefined && (props.token !== undefined || props.channel !== undefined))
      out.push(
        problem(
          yaml,
          ['properties', 'webhook_url'],
          'use either `webhook_url` or `token` + `channel`, not both',
          {
            expected: '`webhook_url` (incoming webhook) or `channel` (bot token)',
          },
        ),
      );
    else if (props.webhook_url === undefined && props.channel === undefined)
      out.push(
        problem(yaml, ['properties'], 'missing `webhook_url` or `channel`', {
          expected: '`webhook_url: ${env:SLACK_WEBHOOK_URL}`, or `channel` plus `token`',
        }),
      );
  }
  return out;
}

function toConfig(file: DestinationFile, name: string, rel: string, lakeDir: string): DestinationConfig {
  const base = { name, file: rel, lakeDir, timeoutMs: file.properties.timeout_ms ?? DEFAULT_TIMEOUT_MS };
  const type = file.type.toLowerCase() as DestinationType;
  switch (type) {
    case 'slack': {
      const p = file.properties as SlackProps;
      if (p.webhook_url !== undefined)
        return { ...base, type, webhookUrl: p.webhook_url, apiUrl: apiUrl(p.api_url) };
      return {
        ...base,
        type,
        channel: p.channel!,
        // Matano keeps the bot token in a per-destination secret with this field.
        token: p.token ?? `\${secret:${name}.bot_user_oauth_token}`,
        apiUrl: apiUrl(p.api_url),
        ...(p.username !== undefined ? { username: p.username } : {}),
        ...(p.icon_emoji !== undefined ? { iconEmoji: p.icon_emoji } : {}),
      };
    }
    case 'webhook': {
      const p = file.properties as WebhookProps;
      return {
        ...base,
        type,
        url: p.url,
        method: p.method ?? 'POST',
        headers: p.headers ?? {},
        ...(p.secret !== undefined ? { secret: p.secret } : {}),
        signatureHeader: p.signature_header ?? 'X-Lakewatch-Signature',
      };
    }
    case 'pagerduty': {
      const p = file.properties as PagerDutyProps;
      return {
        ...base,
        type,
        routingKey: p.routing_key,
        url: p.url ?? 'https://events.pagerduty.com/v2/enqueue',
        ...(p.source !== undefined ? { source: p.source } : {}),
        ...(p.component !== undefined ? { component: p.component } : {}),
        ...(p.group !== undefined ? { group: p.group } : {}),
      };
    }
    case 'jira': {
      const p = file.properties as JiraProps;
      return {
        ...base,
        type,
        url: p.url.replace(/\/+$/, ''),
        apiVersion: p.api_version ?? 3,
        project: p.project,
        issueType: p.issue_type ?? 'Task',
        email: p.email,
        apiToken: p.api_token,
        labels: p.labels ?? [],
      };
    }
    case 'teams': {
      const p = file.properties as TeamsProps;
      return { ...base, type, webhookUrl: p.webhook_url, card: p.card ?? 'adaptive' };
    }
    case 'email': {
      const p = file.properties as EmailProps;
      const secure = p.secure ?? false;
      return {
        ...base,
        type,
        host: p.host,
        port: p.port ?? (secure ? 465 : 587),
        secure,
        starttls: p.starttls ?? !secure,
        ...(p.user !== undefined ? { user: p.user } : {}),
        ...(p.password !== undefined ? { password: p.password } : {}),
        from: p.from,
        to: p.to,
        subjectPrefix: p.subject_prefix ?? '[Lakewatch]',
      };
    }
    case 'sns': {
      const p = file.properties as SnsProps;
      return {
        ...base,
        type,
        topicArn: p.topic_arn,
        region: p.region ?? p.topic_arn.split(':')[3]!,
        ...(p.endpoint !== undefined ? { endpoint: p.endpoint } : {}),
        ...(p.access_key_id !== undefined ? { accessKeyId: p.access_key_id } : {}),
        ...(p.secret_access_key !== undefined ? { secretAccessKey: p.secret_access_key } : {}),
        ...(p.session_token !== undefined ? { sessionToken: p.session_token } : {}),
      };
    }
  }
}

function apiUrl(v: string | undefined): string {
  return (v ?? 'https://slack.com/api').replace(/\/+$/, '');
}

/**
 * Problems for detection `alert.destinations` entries that name no destination file, with the
 * nearest name as a suggestion. (Names returned by `destinations()` at run time are recorded as
 * delivery failures instead.)
 */
export function checkDestinationNames(
  lakeDir: string,
  detections: readonly Pick<DetectionConfig, 'file' | 'alert'>[],
  destinations: readonly DestinationConfig[],
): ConfigProblem[] {
  const names = destinations.map((d) => d.name);
  const known = new Set(names);
  const out: ConfigProblem[] = [];
  for (const det of detections) {
    const unknown = det.alert.destinations.filter((n) => !known.has(n));
    if (unknown.length === 0) continue;
    let yaml: YamlFile | undefined;
    try {
      yaml = parseYamlFile(det.file, readFileSync(path.join(lakeDir, det.file), 'utf8')).yaml;
    } catch {
      // Positions are a bonus; the problem stands without them.
    }
    const listed = (yaml?.value as { alert?: { destinations?: unknown[] } } | undefined)?.alert?.destinations;
    for (const n of unknown) {
      const i = Array.isArray(listed) ? listed.indexOf(n) : -1;
      const p: (string | number)[] = i >= 0 ? ['alert', 'destinations', i] : ['alert', 'destinations'];
      const guess = nearest(n, names, 1)[0];
      const extra: Partial<ConfigProblem> = {
        expected:
          names.length > 0
            ? `one of ${names.map((x) => `\`${x}\``).join(', ')}`
            : `a file ${DESTINATIONS_DIR}/${n}.yml`,
        ...(guess ? { suggestion: `did you mean \`${guess}\`?` } : {}),
      };
      const message = `unknown destination \`${n}\` (no ${DESTINATIONS_DIR}/*.yml has this name)`;
      out.push(
        yaml ? problem(yaml, p, message, extra) : { file: det.file, path: formatPath(p), message, ...extra },
      );
    }
  }
  return out;
}
