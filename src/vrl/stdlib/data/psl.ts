/**
 * Public suffix lookup as the Rust `psl` / `publicsuffix` crates do it for VRL's `parse_etld`: labels are
 * matched as written (the rules are lowercase, so `EXAMPLE.COM` has no known suffix), a trailing dot is
 * kept on the suffix, and a name without a matching rule has its last label as an unknown suffix.
 * The built-in list is tldts' copy of the Public Suffix List (ICANN and private sections).
 */
import { parse as tldtsParse } from 'tldts';

export interface Suffix {
  readonly suffix: string;
  readonly known: boolean;
}

/** A list read from a `public_suffix_list.dat` file. */
/** A rule: labels of letters, digits, hyphens or non-ASCII, optionally `*.`-prefixed or `!`-prefixed. */
const RULE = /^(?:\*\.|!)?(?:[\p{L}\p{N}_-]+)(?:\.(?:[\p{L}\p{N}_-]+|\*))*$/u;

export class SuffixList {
  private readonly rules = new Set<string>();
  private readonly wildcards = new Set<string>();
  private readonly exceptions = new Set<string>();

  /** The list in `text`, or `undefined` when a line is not a suffix rule (or there are none). */
  static parse(text: string): SuffixList | undefined {
    const list = new SuffixList();
    let count = 0;
    for (const raw of text.split('\n')) {
      const line = raw.trim().split(/\s/)[0] ?? '';
      if (line === '' || line.startsWith('//')) continue;
      if (!RULE.test(line)) return undefined;
      list.add(line);
      count++;
    }
    return count > 0 ? list : undefined;
  }

  private add(line: string): void {
    if (line.startsWith('!')) this.exceptions.add(line.slice(1));
    else if (line.startsWith('*.')) this.wildcards.add(line.slice(2));
    else this.rules.add(line);
  }

  lookup(labels: string[]): number {
    // Number of trailing labels forming the longest matching suffix (0: none).
    let best = 0;
    for (let n = 1; n <= labels.length; n++) {
      const name = labels.slice(labels.length - n).join('.');
      if (this.exceptions.has(name)) return n - 1;
      if (this.rules.has(name)) best = Math.max(best, n);
      const parent = labels.slice(labels.length - n + 1).join('.');
      if (n > 1 && this.wildcards.has(parent)) best = Math.max(best, n);
    }
    return best;
  }
}

function builtinLookup(labels: string[]): number {
  // Only the lowercase tail can match a rule.
  let start = labels.length;
  while (start > 0 && !/[A-Z]/.test(labels[start - 1]!)) start--;
  const tail = labels.slice(start);
  if (tail.length === 0) return 0;
  const parsed = tldtsParse(tail.join('.'), {
    allowPrivateDomains: true,
    extractHostname: false,
    validateHostname: false,
    detectIp: false,
  });
  if (!(parsed.isIcann || parsed.isPrivate) || !parsed.publicSuffix) return 0;
  return parsed.publicSuffix.split('.').length;
}

/** The public suffix of `domain`, or `undefined` when there is none (an empty name). */
export function publicSuffix(domain: string, list?: SuffixList): Suffix | undefined {
  if (domain === '') return undefined;
  const fqdn = domain.endsWith('.');
  const name = fqdn ? domain.slice(0, -1) : domain;
  if (name === '') return undefined;
  const labels = name.split('.');
  const matched = list ? list.lookup(labels) : builtinLookup(labels);
  const dot = fqdn ? '.' : '';
  if (matched === 0) return { suffix: labels[labels.length - 1]! + dot, known: false };
  return { suffix: labels.slice(labels.length - matched).join('.') + dot, known: true };
}
