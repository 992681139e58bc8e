/** Jira: create an issue on activation, comment on updates (the issue key is remembered). */
import { DeliveryError, httpRequest, originOf } from '../http.js';
import { headline, textBody, type AlertPayload } from '../payload.js';
import type { JiraDestination } from '../types.js';
import type { SendContext, SendResult } from './types.js';

/** Atlassian Document Format: one paragraph per line (v3 rejects plain strings). */
function adf(text: string): Record<string, unknown> {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => ({
      type: 'paragraph',
      content: line ? [{ type: 'text', text: line }] : [],
    })),
  };
}

function body(d: JiraDestination, text: string): unknown {
  return d.apiVersion === 3 ? adf(text) : text;
}

const alertLabel = (p: AlertPayload) => `lakewatch-alert-${p.alertId}`;

/** The issue an earlier, interrupted create made for this alert, if any. */
async function findIssue(d: JiraDestination, p: AlertPayload, headers: Record<string, string>) {
  const jql = encodeURIComponent(`labels = "${alertLabel(p)}" ORDER BY created ASC`);
  // Jira Cloud moved v3 search to /search/jql; v2 (and Data Center) keep /search.
  const endpoint = d.apiVersion === 3 ? 'search/jql' : 'search';
  const res = await httpRequest(
    `${d.url}/rest/api/${d.apiVersion}/${endpoint}?jql=${jql}&fields=key&maxResults=1`,
    {
      method: 'GET',
      headers,
      timeoutMs: d.timeoutMs,
      label: `Jira search in ${d.project} (${originOf(d.url)})`,
    },
  );
  try {
    return (JSON.parse(res.text) as { issues?: { key?: string }[] }).issues?.[0]?.key;
  } catch {
    return undefined;
  }
}

export function jiraIssueFields(d: JiraDestination, p: AlertPayload): Record<string, unknown> {
  return {
    project: { key: d.project },
    issuetype: { name: d.issueType },
    summary: `[${p.severity.toUpperCase()}] ${p.title}`.slice(0, 255),
    description: body(d, textBody(p)),
    // The alert label lets a run that stopped mid-create find the issue instead of making another.
    labels: [...d.labels, 'lakewatch', `lakewatch-${p.detection}`.replace(/\s+/g, '_'), alertLabel(p)],
  };
}

export async function sendJira(d: JiraDestination, ctx: SendContext): Promise<SendResult> {
  const p = ctx.payload;
  const email = ctx.secrets.resolve(d.email, `${d.file} properties.email`, d.lakeDir);
  const token = ctx.secrets.resolve(d.apiToken, `${d.file} properties.api_token`, d.lakeDir);
  const basic = Buffer.from(`${email}:${token}`).toString('base64');
  ctx.secrets.remember(basic);
  const auth = `Basic ${basic}`;
  const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: auth };
  const api = `${d.url}/rest/api/${d.apiVersion}`;
  if (ctx.thread) {
    const res = await httpRequest(`${api}/issue/${encodeURIComponent(ctx.thread.ref)}/comment`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: body(d, textBody(p)) }),
      timeoutMs: d.timeoutMs,
      label: `Jira comment on ${ctx.thread.ref} (${originOf(d.url)})`,
    });
    return { response: `HTTP ${res.status} comment on ${ctx.thread.ref}` };
  }
  if (ctx.recovering && p.kind === 'activated') {
    const found = await findIssue(d, p, headers);
    if (found) return { response: `issue ${found} (found after an interrupted run)`, thread: { ref: found } };
  }
  const res = await httpRequest(`${api}/issue`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ fields: jiraIssueFields(d, p) }),
    timeoutMs: d.timeoutMs,
    label: `Jira create issue in ${d.project} (${originOf(d.url)})`,
  });
  let key: string | undefined;
  try {
    key = (JSON.parse(res.text) as { key?: string }).key;
  } catch {
    // handled below
  }
  if (!key)
    throw new DeliveryError(`Jira create issue: no issue key in the response (${headline(p)})`, false);
  return { response: `HTTP ${res.status} issue ${key}`, thread: { ref: key } };
}
