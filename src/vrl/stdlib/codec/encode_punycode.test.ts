import { describe, expect, it } from 'vitest';
import { decode_punycode } from './decode_punycode.js';
import { encode_punycode } from './encode_punycode.js';
import { oracle, run } from './test-helpers/test_support.js';

/** Upstream VRL's result for `source`, or 'ERR' when it fails. */
function upstream(source: string): unknown {
  try {
    return oracle().execute(source, {}).result;
  } catch {
    return 'ERR';
  }
}

function ours(f: () => unknown): unknown {
  try {
    return f();
  } catch {
    return 'ERR';
  }
}

// Internationalized domain names: Arabic (with the Script=Common `؟`, `؛`, `ـ`), Chinese, Cyrillic, Hebrew,
// mixed case, already-ASCII, and ones that UTS #46 or the Bidi Rule reject.
const DOMAINS = [
  'www.ليهمابتكلموشعربي؟.他们为什么不说中文',
  'ليهمابتكلموشعربي؟',
  'ليهمابتكلموشعربي؟.com',
  'عربي؛نص.com',
  'عـربي.com',
  'عربي،نص.com',
  '他们为什么不说中文',
  '例子.测试',
  '日本語。ＪＰ',
  'почему-же-они-не-говорят-по-русски.рф',
  'пример.испытание',
  'a.עברית.com',
  'مثال.إختبار',
  'عربي1.com',
  '1عربي.com',
  'WWW.CAFÉ.COM',
  'Bücher.example',
  'ÄÖÜ.de',
  'faß.de',
  'www.example.com',
  'a.b.c.',
  'xn--ls8h.la',
  'xn--zca.de',
  'xn--abc',
  'xn--a.com',
  'ab\u200dc.com',
  '\u0301a.com',
  '\u0660\u06f0.com',
];

describe('encode_punycode on IDN domains, against VRL', () => {
  for (const domain of DOMAINS) {
    it(domain, () => {
      const lit = JSON.stringify(domain);
      const encoded = ours(() => run(encode_punycode, domain));
      expect(encoded).toEqual(upstream(`encode_punycode!(${lit})`));
      expect(ours(() => run(encode_punycode, domain, false))).toEqual(
        upstream(`encode_punycode!(${lit}, validate: false)`),
      );
      if (typeof encoded === 'string')
        expect(ours(() => run(decode_punycode, encoded))).toEqual(
          upstream(`decode_punycode!(${JSON.stringify(encoded)})`),
        );
    });
  }
});
