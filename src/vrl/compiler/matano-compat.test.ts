/**
 * `compat: '0.24'`: Matano-style programs (our own, using the constructs Matano's managed transforms use)
 * compile and run in that dialect with exact outputs, and are still rejected in the current dialect with
 * the codes upstream VRL (the `@bpinternal/verel` oracle) reports.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseVrlJson, toVrlJson } from '../value/index.js';
import { compileVrl, VrlCompileError } from './index.js';

const verel = createRequire(import.meta.url)('@bpinternal/verel') as {
  check(src: string): { errors: { code: number }[] };
};

interface Case {
  name: string;
  src: string;
  event: string;
  /** The final event (VRL JSON) in 0.24 mode, or the runtime error's message. */
  expected: { event: string } | { error: string };
  /** Codes upstream VRL reports for the program today. */
  current: number[];
}

const ZEEK = `.event.kind = "event"
.event.category = ["network"]
if .json.ts == null {
  abort
}
.zeek.conn = object!(del(.json))
.event.created = to_timestamp!(.zeek.conn.ts)
.zeek.conn, err = set(.zeek.conn, split("id.orig_h", "."), .zeek.conn."id.orig_h")
if err == null {
  del(.zeek.conn."id.orig_h")
}
.source.address = del(.zeek.conn.id.orig_h)
.source.port = del(.zeek.conn."id.orig_p")
.network.bytes = to_int(.zeek.conn.orig_bytes) ?? 0
if .zeek.conn.proto == "tcp" {
  transport = "tcp"
}
.network.transport = transport
.zeek.session_id = del(.zeek.conn.uid)`;

const CLOUDTRAIL = `.event.action = .json.eventName
.event.provider = .json.eventSource
.event.created = to_timestamp!(.json.eventTime)
.user.name = .json.userIdentity.userName
.user.id = .json.userIdentity.principalId
.user.effective.name = .json.userIdentity.sessionContext.sessionIssuer.userName
.source.address = .json.sourceIPAddress
.user_agent.original = .json.userAgent
.cloud.region = .json.awsRegion
.aws.cloudtrail.request_parameters = encode_json(.json.requestParameters) ?? null
.event.outcome = if .json.errorCode != null { "failure" } else { "success" }
.aws.cloudtrail = .aws.cloudtrail | {"event_version": .json.eventVersion}
del(.json)`;

const OKTA = `.event.created = to_timestamp!(.json.published)
.okta.actor.id = .json.actor.id
.okta.actor.alternate_id = .json.actor.alternateId
.user.name = .okta.actor.alternate_id
.user.domain = split(.user.name, "@")[1] ?? null
.okta.outcome.result = .json.outcome.result
if .okta.outcome.result == "SUCCESS" {
  outcome = "success"
} else if .okta.outcome.result == "FAILURE" {
  outcome = "failure"
}
.event.outcome = outcome
.client.ip = .json.client.ipAddress
.related.user = push(.related.user, .user.name)
.okta.debug_context = .json.debugContext.debugData
.okta.debug_context.risk_level = downcase(.json.debugContext.debugData.risk) ?? null
del(.json)`;

const CASES: Case[] = [
  {
    name: 'Zeek-like: object!(del(..)), set with split, to_timestamp!, ?? on an unchecked call, block variable',
    src: ZEEK,
    event:
      '{"json": {"ts": 1651276800.25, "uid": "C1", "id.orig_h": "10.0.0.1", "id.orig_p": 5353, "proto": "udp", "orig_bytes": "12"}}',
    expected: {
      event:
        '{"event":{"category":["network"],"created":"2022-04-30T00:00:00.250Z","kind":"event"},"network":{"bytes":12,"transport":null},"source":{"address":"10.0.0.1","port":5353},"zeek":{"conn":{"id":{},"orig_bytes":"12","proto":"udp","ts":1651276800.25},"session_id":"C1"}}',
    },
    current: [105, 701],
  },
  {
    name: 'Zeek-like, TCP (the block ran)',
    src: ZEEK,
    event: '{"json": {"ts": 1651276800, "uid": "C2", "proto": "tcp", "orig_bytes": "x"}}',
    expected: {
      event:
        '{"event":{"category":["network"],"created":"2022-04-30T00:00:00Z","kind":"event"},"network":{"bytes":0,"transport":"tcp"},"source":{"address":null,"port":null},"zeek":{"conn":{"id":{},"orig_bytes":"x","proto":"tcp","ts":1651276800},"session_id":"C2"}}',
    },
    current: [105, 701],
  },
  {
    name: 'Zeek-like without ts aborts',
    src: ZEEK,
    event: '{"json": {"uid": "C3"}}',
    expected: { error: 'aborted' },
    current: [105, 701],
  },
  {
    name: 'CloudTrail-like: nested paths under a written field, ?? on an infallible call, merge',
    src: CLOUDTRAIL,
    event:
      '{"json": {"eventName": "ConsoleLogin", "eventSource": "signin.amazonaws.com", "eventTime": "2022-05-01T10:20:30Z", "userIdentity": {"userName": "alice", "principalId": "P1", "sessionContext": {"sessionIssuer": {"userName": "role1"}}}, "sourceIPAddress": "1.2.3.4", "userAgent": "aws-cli", "awsRegion": "us-east-1", "requestParameters": {"a": 1}, "eventVersion": "1.08"}}',
    expected: {
      event:
        '{"aws":{"cloudtrail":{"event_version":"1.08","request_parameters":"{\\"a\\":1}"}},"cloud":{"region":"us-east-1"},"event":{"action":"ConsoleLogin","created":"2022-05-01T10:20:30Z","outcome":"success","provider":"signin.amazonaws.com"},"source":{"address":"1.2.3.4"},"user":{"effective":{"name":"role1"},"id":"P1","name":"alice"},"user_agent":{"original":"aws-cli"}}',
    },
    current: [105, 651, 652],
  },
  {
    name: 'Okta-like: variables set in if/else-if blocks, unchecked argument kinds under ??',
    src: OKTA,
    event:
      '{"related": {"user": []}, "json": {"published": "2022-04-30T23:59:59.123Z", "actor": {"id": "00u1", "alternateId": "bob@example.com"}, "outcome": {"result": "FAILURE"}, "client": {"ipAddress": "5.6.7.8"}, "debugContext": {"debugData": {"risk": "LOW"}}}}',
    expected: {
      event:
        '{"client":{"ip":"5.6.7.8"},"event":{"created":"2022-04-30T23:59:59.123Z","outcome":"failure"},"okta":{"actor":{"alternate_id":"bob@example.com","id":"00u1"},"debug_context":{"risk":"LOW","risk_level":"low"},"outcome":{"result":"FAILURE"}},"related":{"user":["bob@example.com"]},"user":{"domain":"example.com","name":"bob@example.com"}}',
    },
    current: [105, 701, 103],
  },
  {
    name: 'Okta-like, no outcome and a non-string risk (?? falls back)',
    src: OKTA,
    event:
      '{"related": {"user": []}, "json": {"published": 1651363199, "actor": {"alternateId": "carol"}, "outcome": {"result": "SKIPPED"}, "debugContext": {"debugData": {"risk": 3}}}}',
    expected: {
      event:
        '{"client":{"ip":null},"event":{"created":"2022-04-30T23:59:59Z","outcome":null},"okta":{"actor":{"alternate_id":"carol","id":null},"debug_context":{"risk":3,"risk_level":null},"outcome":{"result":"SKIPPED"}},"related":{"user":["carol"]},"user":{"domain":null,"name":"carol"}}',
    },
    current: [105, 701, 103],
  },
  {
    name: 'E642: writing through a non-container parent replaces it',
    src: '.a = 1\n.a.b = 2\nx = "s"\nx.y = 1\n.x = x\n.t = [1]\n.t.u = 1\n.v.w = 1\n.v[1] = 2',
    event: '{}',
    expected: { event: '{"a":{"b":2},"t":{"u":1},"v":[null,2],"x":{"y":1}}' },
    current: [642, 642, 642, 642],
  },
  {
    name: 'E651: ?? on an infallible left side returns it',
    src: '.b = upcase("a") ?? "z"\n.c = to_string(.n) ?? "none"',
    event: '{"n": 5}',
    expected: { event: '{"b":"A","c":"5","n":5}' },
    current: [651],
  },
  {
    name: 'E652: |= and | of objects',
    src: '.a = {"x": 1}\n.a |= {"b": 1}\n.m = .a | .o',
    event: '{"o": {"c": 2}}',
    expected: { event: '{"a":{"b":1,"x":1},"m":{"b":1,"c":2,"x":1},"o":{"c":2}}' },
    current: [652],
  },
  {
    name: 'E652: |= of a non-object fails at runtime',
    src: '.a = 1\n.a |= {"b": 1}',
    event: '{}',
    expected: { error: "can't merge type { b: integer } into integer" },
    current: [652],
  },
  {
    name: 'E110 (merge): the runtime argument check ends the program',
    src: '.m = merge(.a, {"b": 1})',
    event: '{"a": 3}',
    expected: { error: 'function call error for "merge" at (5:24): expected object, got integer' },
    current: [103],
  },
  {
    name: 'E110: unchecked argument kinds are checked at runtime',
    src: '.x = upcase(.msg)\n.y = downcase(.msg) ?? "fallback"',
    event: '{"msg": "Ab"}',
    expected: { event: '{"msg":"Ab","x":"AB","y":"ab"}' },
    current: [103],
  },
  {
    name: 'E110: a failing runtime argument check ends the program',
    src: '.x = upcase(.msg)\n.y = 1',
    event: '{"msg": 5}',
    expected: { error: 'function call error for "upcase" at (5:17): expected string, got integer' },
    current: [103],
  },
  {
    name: 'E110 under ??: a failing runtime argument check falls back to the right side',
    src: '.y = downcase(.msg) ?? "fallback"',
    event: '{"msg": 5}',
    expected: { event: '{"msg":5,"y":"fallback"}' },
    current: [],
  },
  {
    name: 'E110 (compiler function del): compact is checked at runtime',
    src: 'del(.x.y, compact: .flag)',
    event: '{"flag": true, "x": {"y": 1}}',
    expected: { event: '{"flag":true}' },
    current: [110],
  },
  {
    name: 'E110 (compiler function del): a failing check ends the program',
    src: 'del(.x.y, compact: .flag)',
    event: '{"flag": "yes", "x": {"y": 1}}',
    expected: { error: 'function call error for "del" at (0:25): expected boolean, got string' },
    current: [110],
  },
  {
    name: 'E701: a variable assigned in a block that did not run is null after it',
    src: 'if .ok == true { y = 1 }\n.y = y\nif .no == true { z = 2 } else { w = 3 }\n.z = z\n.w = w',
    event: '{"ok": false}',
    expected: { event: '{"ok":false,"w":3,"y":null,"z":null}' },
    current: [701, 701, 701],
  },
  {
    name: 'E701: a variable assigned in a block that ran keeps its value',
    src: 'if .ok == true { y = 1 }\n.y = y',
    event: '{"ok": true}',
    expected: { event: '{"ok":true,"y":1}' },
    current: [701],
  },
];

function currentCodes(src: string): number[] {
  try {
    compileVrl(src);
    return [];
  } catch (e) {
    if (e instanceof VrlCompileError) return e.diagnostics.map((d) => d.code);
    throw e;
  }
}

describe("Matano-style programs in compat '0.24'", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const program = compileVrl(c.src, { compat: '0.24' });
      const out = program.run(parseVrlJson(c.event), { metadata: {} });
      if ('event' in c.expected) {
        if (!out.ok) throw new Error(`runtime error: ${out.error.message}`);
        expect(toVrlJson(out.event)).toBe(c.expected.event);
      } else {
        expect(out.ok).toBe(false);
        if (!out.ok) expect(out.error.message).toBe(c.expected.error);
      }
    });
    it(`${c.name}: rejected in the current dialect as upstream does`, () => {
      expect(currentCodes(c.src)).toEqual(c.current);
      expect(verel.check(c.src).errors.map((e) => e.code)).toEqual(c.current);
    });
  }

  it('the current dialect accepts a field written under an unknown object (upstream Kind::insert)', () => {
    expect(currentCodes('.user.name = "a"\n.user.effective.name = "b"')).toEqual([]);
    expect(currentCodes('x = {}\nx.a.b = 1')).toEqual([642]);
    expect(currentCodes('.a = 1\n.a.b = 2')).toEqual([642]);
  });
});
