/** Generic webhook: JSON body, HMAC-SHA256 over the raw body, custom headers. */
import { createHmac } from 'node:crypto';
import { httpRequest, originOf } from '../http.js';
import { payloadJson } from '../payload.js';
import type { WebhookDestination } from '../types.js';
import type { SendContext, SendResult } from './types.js';

/** `sha256=<hex>` of the body, the format receivers compare in constant time. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export async function sendWebhook(d: WebhookDestination, ctx: SendContext): Promise<SendResult> {
  const where = (key: string) => `${d.file} properties.${key}`;
  const url = ctx.secrets.resolve(d.url, where('url'), d.lakeDir);
  const body = JSON.stringify(payloadJson(ctx.payload));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'lakewatch',
    // Receivers can drop repeats (at-least-once after a crash) by this id.
    'x-lakewatch-delivery': ctx.payload.changeId,
    'x-lakewatch-event': `alert.${ctx.payload.kind}`,
  };
  for (const [k, v] of Object.entries(d.headers))
    headers[k.toLowerCase()] = ctx.secrets.resolve(v, where(`headers.${k}`), d.lakeDir);
  if (d.secret !== undefined) {
    const key = ctx.secrets.resolve(d.secret, where('secret'), d.lakeDir);
    headers[d.signatureHeader.toLowerCase()] = signBody(key, body);
  }
  const res = await httpRequest(url, {
    method: d.method,
    headers,
    body,
    timeoutMs: d.timeoutMs,
    label: `webhook ${d.method} ${originOf(url)}`,
  });
  return { response: `HTTP ${res.status}` };
}
