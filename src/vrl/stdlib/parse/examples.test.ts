/**
 * Every documented example of the parse functions, checked against the upstream oracle: the example's
 * source must give its documented result (or error) there.
 */
import { describe, expect, it } from 'vitest';
import { functions } from './index.js';
import { runOracle } from './test-helpers/testing.js';

/**
 * Examples of features newer than the VRL release inside the oracle (its VRL predates them); each is
 * covered by a direct test in the function's own test file.
 */
const NEWER_THAN_ORACLE = new Set([
  'parse_aws_vpc_flow_log: Parse AWS VPC Flow log including v11 fields',
  'parse_aws_alb_log: Parse AWS ALB log with trailing fields (non-strict mode)',
  'parse_cef: Parse non-compliant CEF with unescaped equals in values',
]);

describe('parse function examples agree with VRL', () => {
  for (const def of functions) {
    for (const example of def.examples ?? []) {
      it(`${def.name}: ${example.title}`, (ctx) => {
        if (NEWER_THAN_ORACLE.has(`${def.name}: ${example.title}`)) return ctx.skip();
        const got = runOracle(example.source);
        // parse_grok and parse_groks are not in the WebAssembly build; their examples are tested directly.
        if ('error' in got && got.error.includes('not supported in WebAssembly')) return ctx.skip();
        if (example.error !== undefined) {
          expect(got).toEqual({ error: example.error });
        } else {
          const want = runOracle(example.result!);
          expect(want).toHaveProperty('ok');
          expect(got).toEqual(want);
        }
      });
    }
  }
});
