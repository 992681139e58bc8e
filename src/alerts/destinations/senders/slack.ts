/** Slack: incoming webhook, or chat.postMessage with a bot token (updates go to the thread). */
import { DeliveryError, httpRequest, originOf } from '../http.js';
import { facts, headline, type AlertPayload } from '../payload.js';
import type { SlackDestination } from '../types.js';
import type { SendContext, SendResult } from './types.js';

const SEVERITY_EMOJI: Record<string, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  notice: ':white_circle:',
  info: ':white_circle:',
};

/** Slack mrkdwn needs &, < and > escaped. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 3)}...` : s);

type Block = Record<string, unknown>;

export function slackBlocks(p: AlertPayload, inThread: boolean): Block[] {
  const blocks: Block[] = [];
  if (!inThread)
    blocks.push({ type: 'header', text: { type: 'plain_text', text: cut(p.title, 150), emoji: true } });
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `${SEVERITY_EMOJI[p.severity] ?? ''} *${esc(cut(headline(p), 2900))}*`.trim(),
    },
  });
  // Section blocks take at most 10 fields.
  blocks.push({
    type: 'section',
    fields: facts(p)
      .slice(0, 10)
      .map(([k, v]) => ({ type: 'mrkdwn', text: cut(`*${esc(k)}*\n${esc(v)}`, 2000) })),
  });
  if (!inThread) {
    if (p.description)
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(esc(p.description), 3000) } });
    if (p.runbook)
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: cut(`*Runbook*\n${esc(p.runbook)}`, 3000) },
      });
    if (p.context !== undefined)
      blocks.push({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: cut(`*Context*\n\`\`\`${esc(JSON.stringify(p.context, null, 2))}\`\`\``, 3000),
        },
      });
    if (p.reference)
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: cut(`Reference: ${esc(p.reference)}`, 2000) }],
      });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Lakewatch alert \`${p.alertId}\`` }] });
  return blocks;
}

const RETRYABLE_SLACK_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export async function sendSlack(d: SlackDestination, ctx: SendContext): Promise<SendResult> {
  const p = ctx.payload;
  const where = (key: string) => `${d.file} properties.${key}`;
  if (d.webhookUrl !== undefined) {
    const url = ctx.secrets.resolve(d.webhookUrl, where('webhook_url'), d.lakeDir);
    const res = await httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ text: headline(p), blocks: slackBlocks(p, false) }),
      timeoutMs: d.timeoutMs,
      label: 'Slack incoming webhook',
    });
    return { response: `HTTP ${res.status}` };
  }
  const token = ctx.secrets.resolve(d.token!, where('token'), d.lakeDir);
  const inThread = ctx.thread !== undefined;
  const body: Record<string, unknown> = {
    channel: ctx.thread?.channel ?? d.channel,
    text: headline(p),
    blocks: slackBlocks(p, inThread),
    unfurl_links: false,
  };
  if (ctx.thread) body.thread_ts = ctx.thread.ref;
  if (d.username) body.username = d.username;
  if (d.iconEmoji) body.icon_emoji = d.iconEmoji;
  const res = await httpRequest(`${d.apiUrl}/chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    timeoutMs: d.timeoutMs,
    label: `Slack chat.postMessage (${originOf(d.apiUrl)})`,
  });
  let json: { ok?: boolean; error?: string; ts?: string; channel?: string };
  try {
    json = JSON.parse(res.text) as typeof json;
  } catch {
    throw new DeliveryError('Slack chat.postMessage: response is not JSON', true);
  }
  if (!json.ok) {
    const err = String(json.error ?? 'unknown_error');
    throw new DeliveryError(`Slack chat.postMessage: ${err}`, RETRYABLE_SLACK_ERRORS.has(err));
  }
  const result: SendResult = {
    response: `ts ${json.ts ?? '?'}${ctx.thread ? ` in thread ${ctx.thread.ref}` : ''}`,
  };
  if (!ctx.thread && json.ts)
    result.thread = { ref: json.ts, ...(json.channel ? { channel: json.channel } : {}) };
  return result;
}
