/** Microsoft Teams incoming webhook: Adaptive Card (default) or legacy MessageCard. */
import { httpRequest } from '../http.js';
import { facts, headline, type AlertPayload } from '../payload.js';
import type { TeamsDestination } from '../types.js';
import type { SendContext, SendResult } from './types.js';

const THEME: Record<string, string> = {
  critical: 'B00020',
  high: 'E8590C',
  medium: 'F2C94C',
  low: '2D9CDB',
  notice: '9E9E9E',
  info: '9E9E9E',
};

export function messageCard(p: AlertPayload): Record<string, unknown> {
  const card: Record<string, unknown> = {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: headline(p),
    themeColor: THEME[p.severity] ?? '9E9E9E',
    title: headline(p),
    sections: [
      {
        activityTitle: p.title,
        activitySubtitle: `Lakewatch · ${p.detection}`,
        facts: facts(p).map(([name, value]) => ({ name, value })),
        ...(p.description ? { text: p.description } : {}),
      },
      ...(p.runbook ? [{ title: 'Runbook', text: p.runbook }] : []),
    ],
  };
  if (p.reference && /^https?:\/\//.test(p.reference))
    card.potentialAction = [
      { '@type': 'OpenUri', name: 'Reference', targets: [{ os: 'default', uri: p.reference }] },
    ];
  return card;
}

export function adaptiveCard(p: AlertPayload): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: headline(p), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'FactSet', facts: facts(p).map(([title, value]) => ({ title, value })) },
  ];
  if (p.description) body.push({ type: 'TextBlock', text: p.description, wrap: true });
  if (p.runbook) body.push({ type: 'TextBlock', text: `Runbook: ${p.runbook}`, wrap: true });
  const content: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
  };
  if (p.reference && /^https?:\/\//.test(p.reference))
    content.actions = [{ type: 'Action.OpenUrl', title: 'Reference', url: p.reference }];
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}

export async function sendTeams(d: TeamsDestination, ctx: SendContext): Promise<SendResult> {
  const url = ctx.secrets.resolve(d.webhookUrl, `${d.file} properties.webhook_url`, d.lakeDir);
  const card = d.card === 'message_card' ? messageCard(ctx.payload) : adaptiveCard(ctx.payload);
  const res = await httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(card),
    timeoutMs: d.timeoutMs,
    label: 'Teams webhook',
  });
  return { response: `HTTP ${res.status}` };
}
