import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { setField, toText, VrlError, type ValueObject } from '../../value/index.js';

/** rust-url's `default_port` for `port_or_known_default`. */
const KNOWN_PORTS: Record<string, bigint> = { http: 80n, https: 443n, ws: 80n, wss: 443n, ftp: 21n };

/** rust-url's `ParseError` text for a string WHATWG URL parsing rejects (the JS parser gives no reason). */
function parseErrorText(text: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(text.trim());
  if (!scheme) return 'relative URL without a base';
  const rest = text
    .trim()
    .slice(scheme[0].length)
    .replace(/^[/\\]+/, '');
  const authority = rest.split(/[/\\?#]/)[0] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return 'invalid IPv6 address';
    const port = hostPort.slice(close + 1);
    if (port !== '' && !/^:[0-9]*$/.test(port)) return 'invalid port number';
    if (/^:[0-9]+$/.test(port) && Number(port.slice(1)) > 65535) return 'invalid port number';
    return 'invalid IPv6 address';
  }
  const colon = hostPort.lastIndexOf(':');
  const host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
  if (colon >= 0) {
    const port = hostPort.slice(colon + 1);
    if (!/^[0-9]*$/.test(port) || (port !== '' && Number(port) > 65535)) return 'invalid port number';
  }
  if (host === '') return 'empty host';
  if (/^[0-9.]+$/.test(host) || /^0x/i.test(host)) return 'invalid IPv4 address';
  return 'invalid domain character';
}

/** rust-url's `query_pairs()` collected into a map: a repeated key keeps its last value. */
function queryPairs(query: string): ValueObject {
  const out: ValueObject = {};
  for (const [key, value] of new URLSearchParams(query)) setField(out, key, value);
  return out;
}

export function urlToValue(url: URL, defaultKnownPorts: boolean): ValueObject {
  const scheme = url.protocol.slice(0, -1);
  const href = url.href;
  const hashAt = href.indexOf('#');
  const fragment = hashAt >= 0 ? href.slice(hashAt + 1) : null;
  const beforeFragment = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = beforeFragment.indexOf('?');
  const query = queryAt >= 0 ? beforeFragment.slice(queryAt + 1) : '';
  let port: bigint | null = url.port === '' ? null : BigInt(url.port);
  if (port === null && defaultKnownPorts) port = KNOWN_PORTS[scheme] ?? null;
  return {
    scheme,
    username: url.username,
    password: url.password,
    path: url.pathname,
    host: url.hostname === '' ? null : url.hostname,
    port,
    fragment,
    query: queryPairs(query),
  };
}

export const parse_url: FunctionDef = {
  name: 'parse_url',
  parameters: [required('value', K.BYTES), optional('default_known_ports', K.BOOLEAN)],
  compile() {
    return {
      kind: Kind.object({
        scheme: Kind.bytes(),
        username: Kind.bytes(),
        password: Kind.bytes(),
        path: Kind.bytes().orNull(),
        host: Kind.bytes(),
        port: Kind.integer().orNull(),
        fragment: Kind.bytes().orNull(),
        query: Kind.object({}, Kind.bytes()),
      }),
      fallible: true,
      pure: true,
      call(value, defaultKnownPorts) {
        const text = toText(value as string | Uint8Array);
        let url: URL;
        try {
          url = new URL(text);
        } catch {
          throw new VrlError(`unable to parse url: ${parseErrorText(text)}`);
        }
        return urlToValue(url, defaultKnownPorts === true);
      },
    };
  },
  examples: [
    {
      title: 'Parse URL',
      source: 'parse_url!("ftp://foo:bar@example.com:4343/foobar?hello=world#123")',
      result:
        '{ "fragment": "123", "host": "example.com", "password": "bar", "path": "/foobar", "port": 4343, "query": { "hello": "world" }, "scheme": "ftp", "username": "foo" }',
    },
    {
      title: 'Parse URL with default port',
      source: 'parse_url!("https://example.com", default_known_ports: true)',
      result:
        '{ "fragment": null, "host": "example.com", "password": "", "path": "/", "port": 443, "query": {}, "scheme": "https", "username": "" }',
    },
  ],
};
