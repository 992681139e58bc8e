/** What a sender gets and gives back. */
import type { AlertPayload } from '../payload.js';
import type { SecretResolver } from '../secrets.js';

/** Remembered per (alert, destination): the Slack root message, the Jira issue. */
export interface ThreadRef {
  ref: string;
  channel?: string;
}

export interface SendContext {
  payload: AlertPayload;
  secrets: SecretResolver;
  thread?: ThreadRef;
  env: NodeJS.ProcessEnv;
  /** The ledger showed this pair `sending`: an earlier run may have sent it before stopping. */
  recovering?: boolean;
}

export interface SendResult {
  /** Short, secret-free description of the response for the ledger. */
  response: string;
  /** Set when this send created the alert's thread/issue. */
  thread?: ThreadRef;
}
