import { describe, expect, it } from 'vitest';
import { parse_aws_cloudwatch_log_subscription_message as cloudwatch } from './parse_aws_cloudwatch_log_subscription_message.js';
import { parse_linux_authorization } from './parse_linux_authorization.js';
import { parse_tokens } from './parse_tokens.js';
import { callFn, oracle, runOurs, toPlain } from './test-helpers/testing.js';

function oracleOn(src: string, x: string): unknown {
  try {
    return { ok: oracle().execute(src, { x }).result };
  } catch (e) {
    return { error: String(e).replace(/^[\s\S]*?\(\d+:\d+\): /, '') };
  }
}

describe('parse_tokens', () => {
  it('documented example', () => {
    expect(
      toPlain(callFn(parse_tokens, ['A sentence "with \\"a\\" sentence inside" and [some brackets]'])),
    ).toEqual(['A', 'sentence', 'with \\"a\\" sentence inside', 'and', 'some brackets']);
  });
  const cases = [
    '"\\x" y',
    '"a\\"',
    ' lead',
    '[a\\]b] c',
    'ab"cd"ef',
    '"" - x',
    '"unterminated x',
    '[\\x]',
    'a\tb',
    '',
    '[] x [y',
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326',
    'trailing \\',
  ];
  for (const c of cases) {
    it(`matches VRL on ${JSON.stringify(c)}`, () => {
      expect(runOurs(parse_tokens, [c])).toEqual(oracleOn('parse_tokens(string!(.x))', c));
    });
  }
  it('completes on 100 KB', () => {
    expect((callFn(parse_tokens, [`${'"a '.repeat(33_000)}`]) as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('parse_linux_authorization', () => {
  const lines = [
    'Mar 23 01:49:58 localhost sshd[1111]: Accepted publickey for eng from 10.1.1.1 port 8888 ssh2: RSA SHA256:foobar',
    'Mar 23 01:49:58 localhost sudo: pam_unix(sudo:session): session opened for user root by eng(uid=0)',
    'garbage',
  ];
  for (const line of lines) {
    it(`matches VRL on ${JSON.stringify(line)}`, () => {
      expect(runOurs(parse_linux_authorization, [line])).toEqual(
        oracleOn('parse_linux_authorization!(.x)', line),
      );
    });
  }
});

describe('parse_aws_cloudwatch_log_subscription_message', () => {
  const base = {
    messageType: 'DATA_MESSAGE',
    owner: '1',
    logGroup: 'g',
    logStream: 's',
    subscriptionFilters: ['f'],
    logEvents: [{ id: '1', timestamp: 1600110569039, message: 'm' }],
  };
  const ev = (e: object): string => JSON.stringify({ ...base, logEvents: [e] });
  const cases = [
    JSON.stringify(base),
    JSON.stringify({ ...base, messageType: 'CONTROL_MESSAGE', logEvents: [] }),
    JSON.stringify(base, null, 2),
    '{}',
    'x',
    '',
    JSON.stringify({ ...base, extra: 1 }),
    JSON.stringify({ ...base, messageType: 'X' }),
    ev({ id: '1', timestamp: 1.5, message: 'm' }),
    ev({ id: '1', timestamp: '1', message: 'm' }),
    JSON.stringify({ ...base, owner: 1 }),
    `${JSON.stringify(base)} x`,
    ev({ id: '1', timestamp: 1, message: 'm', x: 1 }),
    JSON.stringify({ ...base, subscriptionFilters: null }),
    JSON.stringify({ ...base, subscriptionFilters: {} }),
    ev({ id: '1', timestamp: -5, message: 'm' }),
    ev({ id: '1', message: 'm' }),
    '{"owner": "1", "owner": "2"}',
    '{"owner": "1",',
    '{"owner" "1"}',
    '[]',
    '["1", "DATA_MESSAGE", "g", "s", [], []]',
    '["1", "DATA_MESSAGE"]',
  ];
  for (const c of cases) {
    it(`matches VRL on ${JSON.stringify(c.slice(0, 60))}`, () => {
      expect(runOurs(cloudwatch, [c])).toEqual(
        oracleOn('parse_aws_cloudwatch_log_subscription_message!(.x)', c),
      );
    });
  }
});
