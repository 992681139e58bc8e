/** Public types of alert delivery. Secret-bearing strings hold `${env:…}` / `${secret:…}` references. */
import type { Severity } from '../../config/types.js';

export type DestinationType = 'slack' | 'webhook' | 'pagerduty' | 'jira' | 'teams' | 'email' | 'sns';

interface Base {
  name: string;
  /** The YAML file, relative to the lake directory. */
  file: string;
  /** Absolute lake directory (a secrets file must lie outside it). */
  lakeDir: string;
  timeoutMs: number;
}

export interface SlackDestination extends Base {
  type: 'slack';
  /** Incoming-webhook mode. */
  webhookUrl?: string;
  /** Bot mode: token reference and channel. */
  token?: string;
  channel?: string;
  apiUrl: string;
  username?: string;
  iconEmoji?: string;
}

export interface WebhookDestination extends Base {
  type: 'webhook';
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  headers: Record<string, string>;
  secret?: string;
  signatureHeader: string;
}

export interface PagerDutyDestination extends Base {
  type: 'pagerduty';
  routingKey: string;
  url: string;
  source?: string;
  component?: string;
  group?: string;
}

export interface JiraDestination extends Base {
  type: 'jira';
  url: string;
  apiVersion: 2 | 3;
  project: string;
  issueType: string;
  email: string;
  apiToken: string;
  labels: string[];
}

export interface TeamsDestination extends Base {
  type: 'teams';
  webhookUrl: string;
  card: 'adaptive' | 'message_card';
}

export interface EmailDestination extends Base {
  type: 'email';
  host: string;
  port: number;
  secure: boolean;
  starttls: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string[];
  subjectPrefix: string;
}

export interface SnsDestination extends Base {
  type: 'sns';
  topicArn: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

export type DestinationConfig =
  | SlackDestination
  | WebhookDestination
  | PagerDutyDestination
  | JiraDestination
  | TeamsDestination
  | EmailDestination
  | SnsDestination;

export type DeliveryState = 'sending' | 'sent' | 'failed';

/** One ledger row: one alert change to one destination. */
export interface DeliveryRecord {
  /** The AlertChange id (`<alertId>:activated` / `<alertId>:updated:<n>`). */
  changeId: string;
  changeSeq: number;
  alertId: string;
  kind: 'activated' | 'updated';
  destination: string;
  /** Undefined when the name matched no destination file. */
  destinationType?: DestinationType;
  state: DeliveryState;
  /** True when a failed pair reached the round cap and will not be tried again. */
  gaveUp: boolean;
  /** HTTP/SMTP attempts over all rounds. */
  attempts: number;
  /** deliverPending calls that tried this pair. */
  rounds: number;
  /** Redacted error of the last failed round. */
  error?: string;
  /** Short response info: HTTP status, Slack ts, Jira key, SNS MessageId… */
  response?: string;
  createdAt: number;
  updatedAt: number;
  sentAt?: number;
}

export interface DeliverySummary {
  /** Changes read from the outbox after the cursor. */
  changes: number;
  /** Pairs sent in this call. */
  sent: number;
  /** Pairs that failed in this call (still to retry, or given up). */
  failed: number;
  /** Pairs that reached the round cap in this call. */
  gaveUp: number;
  /** Pairs already sent before (ledger), not resent. */
  alreadySent: number;
  /** Pairs not tried because an earlier pair to the same destination failed in this call. */
  deferred: number;
  /** Outbox position the next call starts after. */
  cursor: number;
  /** True when another process held the delivery lease, so this call did nothing. */
  busy: boolean;
}

export interface RetryOptions {
  /** Attempts per pair per deliverPending call (default 4). */
  attempts?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** deliverPending calls that may try a failing pair before it is given up (default 10). */
  rounds?: number;
  /** Longest Retry-After honoured within a call (default 60000); longer ones end the round. */
  maxRetryAfterMs?: number;
}

export type Routes = Partial<Record<Severity, string[]>>;
