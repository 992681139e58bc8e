/**
 * Strict zod schema of `integrations/destinations/<name>.yml`: Matano's shape (`name`, `type`,
 * `properties`) for every type. It also feeds `schemas/destination.schema.json`.
 */
import { z } from 'zod';

const REF_HINT = 'Write `${env:NAME}` or `${secret:name}`; never the secret itself.';

const secretString = (what: string) => z.string().min(1).describe(`${what} ${REF_HINT}`);
const url = (what: string) => z.string().min(1).describe(what);
const timeoutMs = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('Lakewatch: per-request timeout in milliseconds (default 10000).');

const slackProps = z
  .strictObject({
    channel: z
      .string()
      .min(1)
      .optional()
      .describe('Channel id or name for bot-token mode (chat.postMessage), e.g. `C04AG3QSXSS` or `alerts`.'),
    client_id: z
      .string()
      .optional()
      .describe('Matano: client id of the Slack app (accepted; Lakewatch does not need it).'),
    token: secretString(
      'Bot token (`xoxb-…`) for chat.postMessage. Default `${secret:<name>.bot_user_oauth_token}` (Matano keeps it in a secret of that shape).',
    ).optional(),
    webhook_url: secretString('Incoming webhook URL (it embeds a secret).').optional(),
    api_url: url('Slack Web API base URL (default `https://slack.com/api`).').optional(),
    username: z.string().optional().describe('Bot mode: display name override (needs chat:write.customize).'),
    icon_emoji: z.string().optional().describe('Bot mode: icon override, e.g. `:rotating_light:`.'),
    timeout_ms: timeoutMs,
  })
  .describe('Slack: an incoming webhook, or a bot token plus channel (updates go to the thread).');

const webhookProps = z
  .strictObject({
    url: url('Where to send the JSON body.'),
    method: z.enum(['POST', 'PUT', 'PATCH']).optional().describe('HTTP method (default POST).'),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('Extra request headers. Credentials in them must be references.'),
    secret: secretString(
      'HMAC-SHA256 key: the signature header carries `sha256=<hex>` over the raw body.',
    ).optional(),
    signature_header: z
      .string()
      .min(1)
      .optional()
      .describe('Header carrying the HMAC signature (default `X-Lakewatch-Signature`).'),
    timeout_ms: timeoutMs,
  })
  .describe('Generic webhook: JSON body, optional HMAC-SHA256 signature, custom headers.');

const pagerdutyProps = z
  .strictObject({
    routing_key: secretString('Events API v2 integration (routing) key.'),
    url: url('Events API endpoint (default `https://events.pagerduty.com/v2/enqueue`).').optional(),
    source: z
      .string()
      .optional()
      .describe('`payload.source` (default: the event host.name, else `lakewatch`).'),
    component: z.string().optional().describe('`payload.component`.'),
    group: z.string().optional().describe('`payload.group`.'),
    timeout_ms: timeoutMs,
  })
  .describe('PagerDuty Events API v2: trigger events with dedup_key = alert id.');

const jiraProps = z
  .strictObject({
    url: url('Jira site base URL, e.g. `https://example.atlassian.net`.'),
    api_version: z
      .union([z.literal(2), z.literal(3)])
      .optional()
      .describe('REST API version (default 3: descriptions and comments in Atlassian Document Format).'),
    project: z.string().min(1).describe('Project key, e.g. `SEC`.'),
    issue_type: z.string().min(1).optional().describe('Issue type name (default `Task`).'),
    email: z.string().min(1).describe('Account email for basic auth (may be a reference).'),
    api_token: secretString('API token for basic auth.'),
    labels: z.array(z.string().min(1)).optional().describe('Labels added to created issues.'),
    timeout_ms: timeoutMs,
  })
  .describe('Jira: one issue per alert on activation, a comment per update.');

const teamsProps = z
  .strictObject({
    webhook_url: secretString('Incoming webhook (or Workflows) URL; it embeds a secret.'),
    card: z
      .enum(['adaptive', 'message_card'])
      .optional()
      .describe('`adaptive` (default, Adaptive Card) or `message_card` (legacy connector MessageCard).'),
    timeout_ms: timeoutMs,
  })
  .describe('Microsoft Teams incoming webhook.');

const emailProps = z
  .strictObject({
    host: z.string().min(1).describe('SMTP server host.'),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe('SMTP port (default 587, or 465 with `secure`).'),
    secure: z.boolean().optional().describe('TLS from the start (port 465). Default false.'),
    starttls: z
      .boolean()
      .optional()
      .describe('Require STARTTLS (default true unless `secure`); false sends in clear text.'),
    user: z.string().optional().describe('SMTP user (may be a reference).'),
    password: secretString('SMTP password.').optional(),
    from: z.string().min(1).describe('Sender address.'),
    to: z.array(z.string().min(1)).min(1).describe('Recipients.'),
    subject_prefix: z.string().optional().describe('Subject prefix (default `[Lakewatch]`).'),
    timeout_ms: timeoutMs,
  })
  .describe('Email over SMTP.');

const snsProps = z
  .strictObject({
    topic_arn: z
      .string()
      .regex(/^arn:[^:]+:sns:[^:]+:\d{12}:.+$/, {
        message: 'expected an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)',
      })
      .describe('Topic to publish to; the region comes from the ARN.'),
    region: z.string().optional().describe('Region override (default: from the ARN).'),
    endpoint: url('SNS endpoint override (default `https://sns.<region>.amazonaws.com/`).').optional(),
    access_key_id: z
      .string()
      .optional()
      .describe('Access key id reference (default: AWS_ACCESS_KEY_ID from the environment).'),
    secret_access_key: secretString('Secret access key (default: AWS_SECRET_ACCESS_KEY).').optional(),
    session_token: secretString('Session token (default: AWS_SESSION_TOKEN).').optional(),
    timeout_ms: timeoutMs,
  })
  .describe('Amazon SNS Publish (SigV4-signed).');

const nameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { message: 'expected letters, digits, `_` and `-`' })
  .describe('Destination name used in `alert.destinations` and routes (default: the file name).');

const base = {
  name: nameSchema.optional(),
  description: z.string().optional().describe('Free text.'),
};

/** Matano writes types in capitals (`SLACK`); both spellings are accepted. */
function branch<T extends string, P extends z.ZodType>(type: T, properties: P) {
  return z.strictObject({
    ...base,
    type: z.literal([type, type.toUpperCase()] as [T, string]).describe(`\`${type}\``),
    properties,
  });
}

export const destinationFileSchema = z
  .discriminatedUnion('type', [
    branch('slack', slackProps),
    branch('webhook', webhookProps),
    branch('pagerduty', pagerdutyProps),
    branch('jira', jiraProps),
    branch('teams', teamsProps),
    branch('email', emailProps),
    branch('sns', snsProps),
  ])
  .describe('An alert destination: integrations/destinations/<name>.yml (Matano-compatible).');

export type DestinationFile = z.infer<typeof destinationFileSchema>;
export type SlackProps = z.infer<typeof slackProps>;
export type WebhookProps = z.infer<typeof webhookProps>;
export type PagerDutyProps = z.infer<typeof pagerdutyProps>;
export type JiraProps = z.infer<typeof jiraProps>;
export type TeamsProps = z.infer<typeof teamsProps>;
export type EmailProps = z.infer<typeof emailProps>;
export type SnsProps = z.infer<typeof snsProps>;

export const DESTINATION_TYPES = ['slack', 'webhook', 'pagerduty', 'jira', 'teams', 'email', 'sns'] as const;

/** The JSON Schema text for `schemas/destination.schema.json`. */
export function destinationJsonSchema(): string {
  const json = z.toJSONSchema(destinationFileSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return JSON.stringify(json, null, 2) + '\n';
}
