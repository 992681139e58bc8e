/**
 * UTS #46 ToASCII / ToUnicode as `idna::domain_to_ascii` / `domain_to_unicode` do it for VRL: label by label,
 * with no URL host parsing (no percent-decoding, no IPv4 rewriting, ASCII punctuation allowed) and with the
 * Bidi Rule. Non-ASCII and `xn--` labels go through Node's UTS #46 implementation (`node:url`); other ASCII
 * labels are only lower-cased.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { bidiRuleHolds } from './bidi.js';

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Labels as UTS #46 separates them (full stops, ideographic and full-width ones). */
function labels(domain: string): string[] {
  return domain.split(/[.\u3002\uff0e\uff61]/);
}

export function toAscii(domain: string): string | undefined {
  const out: string[] = [];
  for (const label of labels(domain)) {
    const lower = isAscii(label) ? label.toLowerCase() : label;
    if (lower === '' || (isAscii(lower) && !lower.startsWith('xn--'))) {
      out.push(lower);
      continue;
    }
    const ascii = domainToASCII(lower);
    if (ascii === '') return undefined;
    out.push(ascii);
  }
  const result = out.join('.');
  return bidiRuleHolds(toUnicode(result, false) ?? result) ? result : undefined;
}

export function toUnicode(domain: string, checkBidi = true): string | undefined {
  const out: string[] = [];
  for (const label of labels(domain)) {
    const lower = isAscii(label) ? label.toLowerCase() : label;
    if (lower === '' || (isAscii(lower) && !lower.startsWith('xn--'))) {
      out.push(lower);
      continue;
    }
    const unicode = domainToUnicode(lower);
    if (unicode === '') return undefined;
    out.push(unicode);
  }
  const result = out.join('.');
  return !checkBidi || bidiRuleHolds(result) ? result : undefined;
}
