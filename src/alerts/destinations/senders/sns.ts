/** Amazon SNS Publish over the Query API, SigV4-signed with aws4. */
import aws4 from 'aws4';
import { createHash } from 'node:crypto';
import { DeliveryError, httpRequest, originOf } from '../http.js';
import { headline, payloadJson } from '../payload.js';
import type { SnsDestination } from '../types.js';
import type { SendContext, SendResult } from './types.js';

export async function sendSns(d: SnsDestination, ctx: SendContext): Promise<SendResult> {
  const p = ctx.payload;
  const where = (key: string) => `${d.file} properties.${key}`;
  const resolveOr = (ref: string | undefined, envName: string, key: string): string | undefined => {
    if (ref !== undefined) return ctx.secrets.resolve(ref, where(key), d.lakeDir);
    const v = ctx.env[envName];
    ctx.secrets.remember(v);
    return v || undefined;
  };
  const accessKeyId = resolveOr(d.accessKeyId, 'AWS_ACCESS_KEY_ID', 'access_key_id');
  const secretAccessKey = resolveOr(d.secretAccessKey, 'AWS_SECRET_ACCESS_KEY', 'secret_access_key');
  const sessionToken = resolveOr(d.sessionToken, 'AWS_SESSION_TOKEN', 'session_token');
  if (!accessKeyId || !secretAccessKey)
    throw new DeliveryError(
      `SNS ${d.file}: no AWS credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`,
      false,
    );
  const endpoint = new URL(d.endpoint ?? `https://sns.${d.region}.amazonaws.com/`);
  const form = new URLSearchParams({
    Action: 'Publish',
    Version: '2010-03-31',
    TopicArn: d.topicArn,
    Message: JSON.stringify(payloadJson(p)),
    // Subject: ASCII-ish, no line breaks, at most 100 characters.
    Subject: headline(p)
      .replace(/[\r\n]+/g, ' ')
      .slice(0, 100),
    'MessageAttributes.entry.1.Name': 'severity',
    'MessageAttributes.entry.1.Value.DataType': 'String',
    'MessageAttributes.entry.1.Value.StringValue': p.severity,
    'MessageAttributes.entry.2.Name': 'detection',
    'MessageAttributes.entry.2.Value.DataType': 'String',
    'MessageAttributes.entry.2.Value.StringValue': p.detection,
  });
  if (d.topicArn.endsWith('.fifo')) {
    // FIFO topics drop repeats of a deduplication id within 5 minutes: a resend after a crash folds.
    form.set('MessageGroupId', p.alertId);
    form.set('MessageDeduplicationId', createHash('sha256').update(`${p.changeId}|${d.name}`).digest('hex'));
  }
  const body = form.toString();
  const signed = aws4.sign(
    {
      host: endpoint.host,
      path: endpoint.pathname + endpoint.search,
      method: 'POST',
      service: 'sns',
      region: d.region,
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    },
    { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers ?? {})) {
    // fetch sets Host and Content-Length itself (to the same values that were signed).
    if (!/^(host|content-length)$/i.test(k)) headers[k] = String(v);
  }
  ctx.secrets.remember(headers.Authorization ?? headers.authorization);
  let res;
  try {
    res = await httpRequest(endpoint.toString(), {
      method: 'POST',
      headers,
      body,
      timeoutMs: d.timeoutMs,
      label: `SNS Publish (${originOf(endpoint.toString())})`,
    });
  } catch (err) {
    // SNS reports throttling as HTTP 400 with code Throttling.
    if (err instanceof DeliveryError && /Throttl/i.test(err.message))
      throw new DeliveryError(err.message, true, err.retryAfterMs);
    throw err;
  }
  const id = /<MessageId>([^<]+)<\/MessageId>/.exec(res.text)?.[1];
  return { response: `HTTP ${res.status}${id ? ` MessageId ${id}` : ''}` };
}
