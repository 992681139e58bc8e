/**
 * Duo Admin API request signing (HMAC-SHA1, Duo's "v2" canonical request): the canonical string
 * is the lines `date`, `METHOD`, `host` (lower case), `path` and the parameters sorted by key,
 * each `key=value` URL-encoded per RFC 3986 and joined by `&`; the signature is its HMAC-SHA1
 * with the secret key, hex; the request carries `Date` and `Authorization: Basic
 * base64(ikey:signature)`.
 */
import { createHmac } from 'node:crypto';

/** RFC 3986 encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) stay, everything else is %XX (upper case). */
export function duoEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Parameters sorted by key, `key=value` encoded, joined by `&` (also the query string sent). */
export function canonicalParams(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${duoEncode(k)}=${duoEncode(params[k]!)}`)
    .join('&');
}

/** RFC 2822 date, as Duo's clients send it: `Tue, 21 Aug 2012 17:29:18 -0000`. */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '-0000');
}

export function duoSignature(
  skey: string,
  req: { date: string; method: string; host: string; path: string; params: string },
): string {
  const canonical = [req.date, req.method.toUpperCase(), req.host.toLowerCase(), req.path, req.params].join(
    '\n',
  );
  return createHmac('sha1', skey).update(canonical, 'utf8').digest('hex');
}

export function duoAuthHeaders(
  ikey: string,
  skey: string,
  req: { date: string; method: string; host: string; path: string; params: string },
): Record<string, string> {
  const sig = duoSignature(skey, req);
  return {
    Date: req.date,
    Authorization: `Basic ${Buffer.from(`${ikey}:${sig}`, 'utf8').toString('base64')}`,
  };
}
