import woothee from 'woothee';
import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toText, type ValueObject } from '../../value/index.js';
import { staticEnum } from './args.js';
import { uapBrowser, uapDevice, uapOs } from './user_agent_uap.js';

type Field = string | null;

interface UserAgent {
  browser: { family: Field; version: Field; major: Field; minor: Field; patch: Field };
  os: { family: Field; version: Field; major: Field; minor: Field; patch: Field; patch_minor: Field };
  device: { family: Field; category: Field; brand: Field; model: Field };
}

function unknownToNull(value: string | undefined): Field {
  return value === undefined || value === '' || value === 'UNKNOWN' ? null : value;
}

function fast(text: string): UserAgent {
  const ua = woothee.parse(text);
  return {
    browser: {
      family: unknownToNull(ua.name),
      version: unknownToNull(ua.version),
      major: null,
      minor: null,
      patch: null,
    },
    os: {
      family: unknownToNull(ua.os),
      version: unknownToNull(ua.os_version),
      major: null,
      minor: null,
      patch: null,
      patch_minor: null,
    },
    device: { family: null, category: unknownToNull(ua.category), brand: null, model: null },
  };
}

function slow(text: string): UserAgent {
  const b = uapBrowser(text);
  const o = uapOs(text);
  const d = uapDevice(text);
  return {
    browser: {
      family: b?.family ?? null,
      version: null,
      major: b?.major ?? null,
      minor: b?.minor ?? null,
      patch: b?.patch ?? null,
    },
    os: {
      family: o?.family ?? null,
      version: null,
      major: o?.major ?? null,
      minor: o?.minor ?? null,
      patch: o?.patch ?? null,
      patch_minor: o?.patch_minor ?? null,
    },
    device: { family: d?.family ?? null, category: null, brand: d?.brand ?? null, model: d?.model ?? null },
  };
}

/** Field-wise `Option::or`: `a`'s fields, falling back to `b`'s. */
function or(a: UserAgent, b: UserAgent): UserAgent {
  const merge = <T extends Record<string, Field>>(x: T, y: T): T => {
    const out = { ...x };
    for (const key of Object.keys(out) as (keyof T)[]) out[key] = (x[key] ?? y[key]) as T[keyof T];
    return out;
  };
  return { browser: merge(a.browser, b.browser), os: merge(a.os, b.os), device: merge(a.device, b.device) };
}

function partialSchema(ua: UserAgent): ValueObject {
  return {
    browser: { family: ua.browser.family, version: ua.browser.version },
    os: { family: ua.os.family, version: ua.os.version },
    device: { category: ua.device.category },
  };
}

function fullSchema(ua: UserAgent): ValueObject {
  return { browser: { ...ua.browser }, os: { ...ua.os }, device: { ...ua.device } };
}

const MODES = ['fast', 'reliable', 'enriched'] as const;
const CACHE_LIMIT = 1024;
const text = (): Kind => Kind.bytes().orNull();

function kindFor(mode: (typeof MODES)[number]): Kind {
  if (mode !== 'enriched') {
    return Kind.object({
      browser: Kind.object({ family: text(), version: text() }),
      os: Kind.object({ family: text(), version: text() }),
      device: Kind.object({ category: text() }),
    });
  }
  return Kind.object({
    browser: Kind.object({ family: text(), version: text(), major: text(), minor: text(), patch: text() }),
    os: Kind.object({
      family: text(),
      version: text(),
      major: text(),
      minor: text(),
      patch: text(),
      patch_minor: text(),
    }),
    device: Kind.object({ family: text(), category: text(), brand: text(), model: text() }),
  });
}

export const parse_user_agent: FunctionDef = {
  name: 'parse_user_agent',
  parameters: [required('value', K.BYTES), optional('mode', K.BYTES)],
  compile(args) {
    const mode = staticEnum(args, 1, 'mode', MODES, 'fast');
    const resolve = (input: string): UserAgent => {
      if (mode === 'fast') return fast(input);
      if (mode === 'reliable') {
        const ua = fast(input);
        return ua.browser.family === null || ua.os.family === null ? or(slow(input), ua) : ua;
      }
      return or(slow(input), fast(input));
    };
    // User agents repeat a lot in logs: remember recent results (fresh objects are built for each call).
    const cache = new Map<string, UserAgent>();
    const parse = (input: string): ValueObject => {
      let ua = cache.get(input);
      if (ua === undefined) {
        ua = resolve(input);
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
        cache.set(input, ua);
      }
      return mode === 'enriched' ? fullSchema(ua) : partialSchema(ua);
    };
    return {
      kind: kindFor(mode),
      fallible: false,
      pure: true,
      call: (value) => parse(toText(value as string | Uint8Array)),
    };
  },
  examples: [
    {
      title: 'Fast mode',
      source:
        'parse_user_agent("Mozilla Firefox 1.0.1 Mozilla/5.0 (X11; U; Linux i686; de-DE; rv:1.7.6) Gecko/20050223 Firefox/1.0.1")',
      result:
        '{ "browser": { "family": "Firefox", "version": "1.0.1" }, "device": { "category": "pc" }, "os": { "family": "Linux", "version": null } }',
    },
    {
      title: 'Reliable mode',
      source:
        'parse_user_agent("Mozilla/4.0 (compatible; MSIE 7.66; Windows NT 5.1; SV1; .NET CLR 1.1.4322)", mode: "reliable")',
      result:
        '{ "browser": { "family": "Internet Explorer", "version": "7.66" }, "device": { "category": "pc" }, "os": { "family": "Windows XP", "version": "NT 5.1" } }',
    },
    {
      title: 'Enriched mode',
      source:
        'parse_user_agent("Opera/9.80 (J2ME/MIDP; Opera Mini/4.3.24214; iPhone; CPU iPhone OS 4_2_1 like Mac OS X; AppleWebKit/24.783; U; en) Presto/2.5.25 Version/10.54", mode: "enriched")',
      result:
        '{ "browser": { "family": "Opera Mini", "major": "4", "minor": "3", "patch": "24214", "version": "10.54" }, "device": { "brand": "Apple", "category": "smartphone", "family": "iPhone", "model": "iPhone" }, "os": { "family": "iOS", "major": "4", "minor": "2", "patch": "1", "patch_minor": null, "version": "4.2.1" } }',
    },
  ],
};
