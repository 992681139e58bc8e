/** Email over SMTP (nodemailer); updates reply to the activation message so clients thread them. */
import nodemailer from 'nodemailer';
import { DeliveryError } from '../http.js';
import { facts, headline, textBody, type AlertPayload } from '../payload.js';
import type { EmailDestination } from '../types.js';
import type { SendContext, SendResult } from './types.js';

const escHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function emailSubject(d: EmailDestination, p: AlertPayload): string {
  const base = `${d.subjectPrefix} [${p.severity.toUpperCase()}] ${p.title}`.trim();
  return p.kind === 'updated' ? `${base} (+${p.newMatches} new, ${p.matchCount} total)` : base;
}

function html(p: AlertPayload): string {
  const rows = facts(p)
    .map(([k, v]) => `<tr><th align="left">${escHtml(k)}</th><td>${escHtml(v)}</td></tr>`)
    .join('');
  const parts = [`<h2>${escHtml(headline(p))}</h2>`, `<table>${rows}</table>`];
  if (p.description) parts.push(`<p>${escHtml(p.description)}</p>`);
  if (p.runbook) parts.push(`<h3>Runbook</h3><p>${escHtml(p.runbook)}</p>`);
  if (p.reference) parts.push(`<p>Reference: ${escHtml(p.reference)}</p>`);
  if (p.context !== undefined) parts.push(`<pre>${escHtml(JSON.stringify(p.context, null, 2))}</pre>`);
  return parts.join('\n');
}

const msgId = (id: string) => `<${id.replace(/[^A-Za-z0-9.:_-]/g, '_')}@lakewatch>`;

export async function sendEmail(d: EmailDestination, ctx: SendContext): Promise<SendResult> {
  const p = ctx.payload;
  const user = ctx.secrets.resolveOptional(d.user, `${d.file} properties.user`, d.lakeDir);
  const pass = ctx.secrets.resolveOptional(d.password, `${d.file} properties.password`, d.lakeDir);
  const transport = nodemailer.createTransport({
    host: d.host,
    port: d.port,
    secure: d.secure,
    requireTLS: !d.secure && d.starttls,
    ignoreTLS: !d.secure && !d.starttls,
    connectionTimeout: d.timeoutMs,
    greetingTimeout: d.timeoutMs,
    socketTimeout: d.timeoutMs,
    ...(user !== undefined ? { auth: { user, pass: pass ?? '' } } : {}),
  });
  try {
    const root = msgId(`${p.alertId}:activated`);
    const info = await transport.sendMail({
      from: d.from,
      to: d.to,
      subject: emailSubject(d, p),
      text: textBody(p),
      html: html(p),
      messageId: msgId(p.changeId),
      ...(p.kind === 'updated' ? { inReplyTo: root, references: [root] } : {}),
      headers: { 'X-Lakewatch-Alert-Id': p.alertId, 'X-Lakewatch-Delivery': p.changeId },
    });
    return { response: `SMTP ${String(info.response).slice(0, 80)}` };
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string };
    // 4xx SMTP replies and connection trouble are transient; 5xx replies are not.
    const retryable = e.responseCode === undefined || e.responseCode < 500;
    throw new DeliveryError(`SMTP ${d.host}:${d.port}: ${e.code ? `${e.code} ` : ''}${e.message}`, retryable);
  } finally {
    transport.close();
  }
}
