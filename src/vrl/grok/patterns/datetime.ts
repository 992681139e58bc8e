/** Date and time grok patterns (months, days, clock times, ISO 8601, RFC 822/2822, syslog, httpd). */

const MONTHS = [
  '[Jj]an(?:uary|uar)?',
  '[Ff]eb(?:ruary|ruar)?',
  '[Mm](?:a|ä)?r(?:ch|z)?',
  '[Aa]pr(?:il)?',
  '[Mm]a(?:y|i)?',
  '[Jj]un(?:e|i)?',
  '[Jj]ul(?:y|i)?',
  '[Aa]ug(?:ust)?',
  '[Ss]ep(?:tember)?',
  '[Oo](?:c|k)?t(?:ober)?',
  '[Nn]ov(?:ember)?',
  '[Dd]e(?:c|z)(?:ember)?',
];

const DAYS = [
  '[Mm]on(?:day)?',
  '[Tt]ue(?:sday)?',
  '[Ww]ed(?:nesday)?',
  '[Tt]hu(?:rsday)?',
  '[Ff]ri(?:day)?',
  '[Ss]at(?:urday)?',
  '[Ss]un(?:day)?',
];

export const DATETIME_PATTERNS: Record<string, string> = {
  MONTH: `\\b(?:${MONTHS.join('|')})\\b`,
  MONTHNUM: '0?[1-9]|1[0-2]',
  MONTHNUM2: '0[1-9]|1[0-2]',
  MONTHDAY: '0[1-9]|[12][0-9]|3[01]|[1-9]',
  DAY: `\\b(?:${DAYS.join('|')})\\b`,
  YEAR: '(?:[0-9]{2}){1,2}',
  HOUR: '2[0123]|[01]?[0-9]',
  MINUTE: '[0-5][0-9]',
  // 60 allows leap seconds; optional fraction with `.`, `,` or `:` separator.
  SECOND: '(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?',
  TIME: '(?<![0-9])%{HOUR}:%{MINUTE}(?::%{SECOND})(?![0-9])',
  DATE_US: '%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}',
  DATE_EU: '%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}',
  ISO8601_TIMEZONE: 'Z|[+-]%{HOUR}(?::?%{MINUTE})',
  ISO8601_SECOND: '%{SECOND}',
  TIMESTAMP_ISO8601:
    '%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?',
  DATE: '%{DATE_US}|%{DATE_EU}',
  DATESTAMP: '%{DATE}[- ]%{TIME}',
  TZ: '[APMCE][SD]T|UTC',
  DATESTAMP_RFC822: '%{DAY} %{MONTH} %{MONTHDAY} %{YEAR} %{TIME} %{TZ}',
  DATESTAMP_RFC2822: '%{DAY}, %{MONTHDAY} %{MONTH} %{YEAR} %{TIME} %{ISO8601_TIMEZONE}',
  DATESTAMP_OTHER: '%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{TZ} %{YEAR}',
  DATESTAMP_EVENTLOG: '%{YEAR}%{MONTHNUM2}%{MONTHDAY}%{HOUR}%{MINUTE}%{SECOND}',
  // Syslog pads single-digit days with a space: `Feb  5 10:00:00`.
  SYSLOGTIMESTAMP: '%{MONTH} +%{MONTHDAY} %{TIME}',
  HTTPDATE: '%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}',
  HTTPDERROR_DATE: '%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{YEAR}',
};
