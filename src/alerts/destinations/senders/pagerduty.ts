/** PagerDuty Events API v2: `trigger` with dedup_key = alert id, so repeats fold into one incident. */
import type { Severity } from '../../../config/types.js';
import { httpRequest, originOf } from '../http.js';
import { headline, payloadJson } from '../payload.js';
import type { PagerDutyDestination } from '../types.js';
import type { SendContext, SendResult } from './types.js';

export const PD_SEVERITY: Record<Severity, 'critical' | 'error' | 'warning' | 'info'> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'warning',
  notice: 'info',
  info: 'info',
};

export async function sendPagerDuty(d: PagerDutyDestination, ctx: SendContext): Promise<SendResult> {
  const p = ctx.payload;
  const routingKey = ctx.secrets.resolve(d.routingKey, `${d.file} properties.routing_key`, d.lakeDir);
  const json = payloadJson(p);
  const event: Record<string, unknown> = {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: p.alertId,
    client: 'Lakewatch',
    payload: {
      summary: headline(p).slice(0, 1024),
      source: d.source ?? p.event['host.name'] ?? 'lakewatch',
      severity: PD_SEVERITY[p.severity],
      timestamp: p.lastMatchedAt,
      class: p.detection,
      ...(d.component ? { component: d.component } : {}),
      ...(d.group ? { group: d.group } : {}),
      custom_details: { ...(json.alert as object), event: p.event, delivery_id: p.changeId },
    },
  };
  if (p.reference && /^https?:\/\//.test(p.reference))
    event.links = [{ href: p.reference, text: 'Reference' }];
  const res = await httpRequest(d.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
    timeoutMs: d.timeoutMs,
    label: `PagerDuty Events API (${originOf(d.url)})`,
  });
  return { response: `HTTP ${res.status} dedup_key ${p.alertId}` };
}
