/**
 * The uap-core user agent parser (the regex set VRL's `parse_user_agent` uses for its `reliable` and
 * `enriched` modes): the first matching rule of each list wins; replacements take `$1`…`$9`; values are
 * trimmed and empty ones are absent. Rules are compiled lazily with the Rust-regex translator, as VRL
 * compiles them with Rust's `regex`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { translateRustRegex } from '../../regex/index.js';

interface Rule {
  readonly regex: string;
  readonly regex_flag?: string;
  readonly [replacement: string]: string | undefined;
}

interface RuleFile {
  readonly user_agent_parsers: Rule[];
  readonly os_parsers: Rule[];
  readonly device_parsers: Rule[];
}

export interface UapBrowser {
  family: string | null;
  major: string | null;
  minor: string | null;
  patch: string | null;
}
export interface UapOs {
  family: string | null;
  major: string | null;
  minor: string | null;
  patch: string | null;
  patch_minor: string | null;
}
export interface UapDevice {
  family: string | null;
  brand: string | null;
  model: string | null;
}

class CompiledRule {
  private compiled: RegExp | null | undefined;
  constructor(readonly rule: Rule) {}

  exec(text: string): RegExpExecArray | null {
    if (this.compiled === undefined) {
      try {
        const translated = translateRustRegex(this.rule.regex, this.rule.regex_flag === 'i' ? 'i' : '');
        this.compiled = new RegExp(translated.source, translated.flags);
      } catch {
        this.compiled = null; // a rule Rust's regex would reject: never matches
      }
    }
    return this.compiled ? this.compiled.exec(text) : null;
  }
}

let rules: { ua: CompiledRule[]; os: CompiledRule[]; device: CompiledRule[] } | undefined;

function load(): NonNullable<typeof rules> {
  if (!rules) {
    const path = createRequire(import.meta.url).resolve('uap-core/regexes.yaml');
    const file = parseYaml(readFileSync(path, 'utf8')) as RuleFile;
    rules = {
      ua: file.user_agent_parsers.map((r) => new CompiledRule(r)),
      os: file.os_parsers.map((r) => new CompiledRule(r)),
      device: file.device_parsers.map((r) => new CompiledRule(r)),
    };
  }
  return rules;
}

function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A replacement with `$n` substituted, or else the capture group `group`. */
function resolve(m: RegExpExecArray, replacement: string | undefined, group: number | null): string | null {
  if (replacement !== undefined) {
    return clean(replacement.replace(/\$([1-9])/g, (_, n: string) => m[Number(n)] ?? ''));
  }
  return group === null ? null : clean(m[group]);
}

function firstMatch(list: CompiledRule[], text: string): [Rule, RegExpExecArray] | undefined {
  for (const rule of list) {
    const m = rule.exec(text);
    if (m) return [rule.rule, m];
  }
  return undefined;
}

export function uapBrowser(text: string): UapBrowser | undefined {
  const found = firstMatch(load().ua, text);
  if (!found) return undefined;
  const [r, m] = found;
  return {
    family: resolve(m, r.family_replacement, 1),
    major: resolve(m, r.v1_replacement, 2),
    minor: resolve(m, r.v2_replacement, 3),
    patch: resolve(m, r.v3_replacement, 4),
  };
}

export function uapOs(text: string): UapOs | undefined {
  const found = firstMatch(load().os, text);
  if (!found) return undefined;
  const [r, m] = found;
  return {
    family: resolve(m, r.os_replacement, 1),
    major: resolve(m, r.os_v1_replacement, 2),
    minor: resolve(m, r.os_v2_replacement, 3),
    patch: resolve(m, r.os_v3_replacement, 4),
    patch_minor: resolve(m, r.os_v4_replacement, 5),
  };
}

export function uapDevice(text: string): UapDevice | undefined {
  const found = firstMatch(load().device, text);
  if (!found) return undefined;
  const [r, m] = found;
  return {
    family: resolve(m, r.device_replacement, 1),
    brand: resolve(m, r.brand_replacement, null),
    model: resolve(m, r.model_replacement, 1),
  };
}
