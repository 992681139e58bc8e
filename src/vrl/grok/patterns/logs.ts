/**
 * Log-format grok patterns: log levels, syslog (BSD) and Apache httpd access/error logs.
 *
 * Field names inside these patterns are the classic (non-ECS) ones, as in VRL's bundled library:
 * `clientip`, `ident`, `auth`, `timestamp`, `verb`, `request`, `httpversion`, `rawrequest`,
 * `response`, `bytes`, `referrer`, `agent`, `program`, `pid`, `logsource`, ...
 */

const LEVELS = [
  '[Aa]lert|ALERT',
  '[Tt]race|TRACE',
  '[Dd]ebug|DEBUG',
  '[Nn]otice|NOTICE',
  '[Ii]nfo(?:rmation)?|INFO(?:RMATION)?',
  '[Ww]arn(?:ing)?|WARN(?:ING)?',
  '[Ee]rr(?:or)?|ERR(?:OR)?',
  '[Cc]rit(?:ical)?|CRIT(?:ICAL)?',
  '[Ff]atal|FATAL',
  '[Ss]evere|SEVERE',
  '[Ee]merg(?:ency)?|EMERG(?:ENCY)?',
];

export const LOG_PATTERNS: Record<string, string> = {
  LOGLEVEL: `\\b(?:${LEVELS.join('|')})\\b`,

  // --- syslog ---
  // Printable ASCII except space, `[` and `]`.
  PROG: '[\\x21-\\x5a\\x5c\\x5e-\\x7e]+',
  SYSLOGPROG: '%{PROG:program}(?:\\[%{POSINT:pid}\\])?',
  SYSLOGHOST: '%{IPORHOST}',
  SYSLOGFACILITY: '<%{NONNEGINT:facility}.%{NONNEGINT:priority}>',
  SYSLOGBASE: '%{SYSLOGTIMESTAMP:timestamp} (?:%{SYSLOGFACILITY} )?%{SYSLOGHOST:logsource} %{SYSLOGPROG}:',

  // --- Apache httpd ---
  HTTPDUSER: '%{EMAILADDRESS}|%{USER}',
  HTTPD_COMMONLOG:
    '%{IPORHOST:clientip} %{HTTPDUSER:ident} %{HTTPDUSER:auth} \\[%{HTTPDATE:timestamp}\\] ' +
    '"(?:%{WORD:verb} %{NOTSPACE:request}(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})" ' +
    '%{NUMBER:response} (?:%{NUMBER:bytes}|-)',
  HTTPD_COMBINEDLOG: '%{HTTPD_COMMONLOG} %{QS:referrer} %{QS:agent}',
  HTTPD20_ERRORLOG:
    '\\[%{HTTPDERROR_DATE:timestamp}\\] \\[%{LOGLEVEL:loglevel}\\] ' +
    '(?:\\[client %{IPORHOST:clientip}\\] )?%{GREEDYDATA:message}',
  HTTPD24_ERRORLOG:
    '\\[%{HTTPDERROR_DATE:timestamp}\\] \\[%{WORD:module}:%{LOGLEVEL:loglevel}\\] ' +
    '\\[pid %{POSINT:pid}(?::tid %{NUMBER:tid})?\\]' +
    '(?: \\(%{POSINT:proxy_errorcode}\\)%{DATA:proxy_message}:)?' +
    '(?: \\[client %{IPORHOST:clientip}:%{POSINT:clientport}\\])?' +
    '(?: %{DATA:errorcode}:)? %{GREEDYDATA:message}',
  HTTPD_ERRORLOG: '%{HTTPD20_ERRORLOG}|%{HTTPD24_ERRORLOG}',
  COMMONAPACHELOG: '%{HTTPD_COMMONLOG}',
  COMBINEDAPACHELOG: '%{HTTPD_COMBINEDLOG}',
};
