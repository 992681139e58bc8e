/**
 * `${env:NAME}` and `${secret:name}` references: checked at load time, resolved at send time, and
 * every resolved value remembered so errors and logs can be scrubbed of it.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const REF_RE = /\$\{([A-Za-z]+):([^}]*)\}/g;

export interface RefProblem {
  message: string;
  suggestion?: string;
}

/** Problems with the references inside `value` (unknown kinds, empty names). */
export function checkRefs(value: string): RefProblem[] {
  const out: RefProblem[] = [];
  for (const m of value.matchAll(REF_RE)) {
    const [whole, kind, name] = m as unknown as [string, string, string];
    if (kind !== 'env' && kind !== 'secret') {
      out.push({
        message: `unknown reference \`${whole}\``,
        suggestion:
          kind.toLowerCase() === 'env' || kind.toLowerCase() === 'secret'
            ? `write \`\${${kind.toLowerCase()}:${name}}\``
            : 'use `${env:NAME}` or `${secret:name}`',
      });
    } else if (!name.trim()) {
      out.push({
        message: `empty reference \`${whole}\``,
        suggestion: `name the ${kind}: \`\${${kind}:NAME}\``,
      });
    }
  }
  return out;
}

export function hasRef(value: string): boolean {
  return /\$\{(env|secret):[^}]+\}/.test(value);
}

/** Error raised while resolving: its message names the reference, never a value. */
export class SecretError extends Error {}

/** Resolves references against the environment and an external secrets file; remembers values. */
export class SecretResolver {
  private fileData?: Record<string, unknown>;
  private readonly known = new Set<string>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly secretsFile: string | undefined,
  ) {}

  /** Adds a value that must never be printed (e.g. a derived Authorization header). */
  remember(value: string | undefined): void {
    if (value && value.length >= 4) this.known.add(value);
  }

  /** Resolves every reference in `value`; `where` names the key for errors. */
  resolve(value: string, where: string, lakeDir: string): string {
    const out = value.replace(REF_RE, (_whole, kind: string, name: string) => {
      const v = kind === 'env' ? this.fromEnv(name, where) : this.fromFile(name, where, lakeDir);
      this.remember(v);
      return v;
    });
    // A whole value made of references is a secret as a whole too (e.g. a webhook URL).
    if (out !== value) this.remember(out);
    return out;
  }

  resolveOptional(value: string | undefined, where: string, lakeDir: string): string | undefined {
    return value === undefined ? undefined : this.resolve(value, where, lakeDir);
  }

  /** Replaces every remembered secret (raw, URL-encoded and base64) with `[redacted]`. */
  redact(text: string): string {
    let out = text;
    const values = [...this.known].sort((a, b) => b.length - a.length);
    for (const v of values) {
      for (const form of new Set([v, encodeURIComponent(v), Buffer.from(v).toString('base64')])) {
        if (form) out = out.split(form).join('[redacted]');
      }
    }
    return out;
  }

  private fromEnv(name: string, where: string): string {
    const v = this.env[name.trim()];
    if (v === undefined || v === '')
      throw new SecretError(`environment variable ${name.trim()} is not set (needed by ${where})`);
    return v;
  }

  private fromFile(name: string, where: string, lakeDir: string): string {
    const data = this.loadFile(where, lakeDir);
    const key = name.trim();
    let v: unknown = data[key];
    if (v === undefined) {
      // Nested maps: `${secret:slack_ops.bot_user_oauth_token}` (Matano's secret-with-fields shape).
      v = key.split('.').reduce<unknown>((acc, seg) => {
        return acc !== null && typeof acc === 'object' ? (acc as Record<string, unknown>)[seg] : undefined;
      }, data);
    }
    if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
    if (typeof v !== 'string' || v === '')
      throw new SecretError(`secret \`${key}\` is not in the secrets file (needed by ${where})`);
    return v;
  }

  private loadFile(where: string, lakeDir: string): Record<string, unknown> {
    if (this.fileData) return this.fileData;
    const file = this.secretsFile ?? this.env.LAKEWATCH_SECRETS_FILE;
    if (!file)
      throw new SecretError(
        `no secrets file: set LAKEWATCH_SECRETS_FILE or the secretsFile option (needed by ${where})`,
      );
    const abs = path.resolve(file);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      throw new SecretError(`secrets file ${abs} does not exist (needed by ${where})`);
    }
    let lakeReal = path.resolve(lakeDir);
    try {
      lakeReal = realpathSync(lakeReal);
    } catch {
      // A lake dir that vanished still refuses files under its old path.
    }
    const rel = path.relative(lakeReal, real);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)))
      throw new SecretError(
        `secrets file ${abs} lies inside the lake directory ${lakeReal}; move it outside so it is not committed with the configuration`,
      );
    let parsed: unknown;
    try {
      // YAML is a superset of JSON: one parser reads both.
      parsed = parseYaml(readFileSync(real, 'utf8'));
    } catch (err) {
      // The parser's message may quote file content (a secret): keep only its first words.
      const what = err instanceof Error ? err.name : 'error';
      throw new SecretError(`secrets file ${abs} is not valid JSON or YAML (${what})`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new SecretError(`secrets file ${abs} must hold a map of name: value`);
    this.fileData = parsed as Record<string, unknown>;
    for (const v of Object.values(this.fileData)) collectStrings(v, (s) => this.remember(s));
    return this.fileData;
  }
}

function collectStrings(v: unknown, add: (s: string) => void): void {
  if (typeof v === 'string') add(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) collectStrings(x, add);
}
