/**
 * Core grok patterns: numbers, words, strings, identifiers, network addresses, paths and URIs.
 *
 * Definitions are written in grok syntax (`%{NAME}` references other library entries) and in
 * JavaScript regex syntax compatible with the `u` flag. Atomic groups of the Oniguruma originals
 * are plain non-capturing groups here; word-boundary/lookaround guards keep the same intent.
 */

const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const H16 = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${H16}:${H16}|%{IPV4})`;

/** RFC 4291 / RFC 3986 textual IPv6 forms, including `::` compression and an embedded IPv4 tail. */
function ipv6(): string {
  const forms = [
    `(?:${H16}:){6}${LS32}`,
    `::(?:${H16}:){5}${LS32}`,
    `(?:${H16})?::(?:${H16}:){4}${LS32}`,
    `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
    `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
    `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
    `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
    `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
    `(?:(?:${H16}:){0,6}${H16})?::`,
  ];
  // Optional zone index (`fe80::1%eth0`).
  return `(?<![0-9A-Fa-f:])(?:${forms.join('|')})(?:%[0-9A-Za-z_.~-]+)?`;
}

const EMAIL_CHARS = "[a-zA-Z0-9!#$%&'*+/=?^_\\x60{|}~-]";

export const BASE_PATTERNS: Record<string, string> = {
  // --- identifiers and words ---
  USERNAME: '[a-zA-Z0-9._-]+',
  USER: '%{USERNAME}',
  EMAILLOCALPART: `${EMAIL_CHARS}{1,64}(?:\\.${EMAIL_CHARS}{1,62}){0,63}`,
  EMAILADDRESS: '%{EMAILLOCALPART}@%{HOSTNAME}',
  WORD: '\\b\\w+\\b',
  NOTSPACE: '\\S+',
  SPACE: '\\s*',
  DATA: '.*?',
  GREEDYDATA: '.*',
  QUOTEDSTRING: '"(?:\\\\.|[^\\\\"])*"|\'(?:\\\\.|[^\\\\\'])*\'|\\x60(?:\\\\.|[^\\\\\\x60])*\\x60',
  QS: '%{QUOTEDSTRING}',
  UUID: '[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}',
  URN: "urn:[0-9A-Za-z][0-9A-Za-z-]{0,31}:(?:%[0-9a-fA-F]{2}|[0-9A-Za-z()+,.:=@;$_!*'/?#-])+",

  // --- numbers ---
  INT: '[+-]?[0-9]+',
  BASE10NUM: '(?<![0-9.+-])[+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)',
  NUMBER: '%{BASE10NUM}',
  BASE16NUM: '(?<![0-9A-Fa-f])[+-]?(?:0x)?[0-9A-Fa-f]+',
  BASE16FLOAT: '\\b(?<![0-9A-Fa-f.])[+-]?(?:0x)?(?:[0-9A-Fa-f]+(?:\\.[0-9A-Fa-f]*)?|\\.[0-9A-Fa-f]+)\\b',
  POSINT: '\\b[1-9][0-9]*\\b',
  NONNEGINT: '\\b[0-9]+\\b',

  // --- MAC addresses ---
  CISCOMAC: '(?:[A-Fa-f0-9]{4}\\.){2}[A-Fa-f0-9]{4}',
  WINDOWSMAC: '(?:[A-Fa-f0-9]{2}-){5}[A-Fa-f0-9]{2}',
  COMMONMAC: '(?:[A-Fa-f0-9]{2}:){5}[A-Fa-f0-9]{2}',
  MAC: '%{CISCOMAC}|%{WINDOWSMAC}|%{COMMONMAC}',

  // --- IP addresses and hosts ---
  IPV4: `(?<![0-9])${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}(?![0-9])`,
  IPV6: ipv6(),
  IP: '%{IPV6}|%{IPV4}',
  HOSTNAME: '\\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*(?:\\.|\\b)',
  IPORHOST: '%{IP}|%{HOSTNAME}',
  HOSTPORT: '%{IPORHOST}:%{POSINT}',

  // --- paths ---
  UNIXPATH: '(?:/[\\w_%!$@:.,+~-]*)+',
  TTY: '/dev/(?:pts|tty[pq])?\\w*/?[0-9]+',
  WINPATH: '(?:[A-Za-z]+:|\\\\)(?:\\\\[^\\\\?*]*)+',
  PATH: '%{UNIXPATH}|%{WINPATH}',

  // --- URIs ---
  URIPROTO: '[A-Za-z][A-Za-z0-9+.-]+',
  URIHOST: '%{IPORHOST}(?::%{POSINT})?',
  URIPATH: "(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_-]*)+",
  URIPARAM: "\\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\\-\\[\\]<>]*",
  URIPATHPARAM: '%{URIPATH}(?:%{URIPARAM})?',
  URI: '%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?',
};
