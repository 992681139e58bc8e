/**
 * The Encoding Standard's decoders for Shift_JIS, EUC-JP, EUC-KR and Big5, for their error handling: an
 * invalid two-byte sequence is one U+FFFD, and an ASCII trail byte is given back to be decoded again. The
 * character tables come from `decodePair` (Node's ICU or iconv-lite), one valid sequence at a time (cached).
 */
type PairDecoder = (bytes: Uint8Array) => string;

const REPLACEMENT = '\uFFFD';

function cached(decode: PairDecoder): (bytes: number[]) => string | undefined {
  const cache = new Map<number, string | undefined>();
  return (bytes) => {
    const key = bytes.reduce((k, b) => k * 256 + b, bytes.length);
    if (cache.has(key)) return cache.get(key);
    const text = decode(Uint8Array.from(bytes));
    const ok = text !== '' && !text.includes(REPLACEMENT) && [...text].length <= 2 ? text : undefined;
    cache.set(key, ok);
    return ok;
  };
}

interface Scheme {
  /** Single bytes: their text, or `undefined` when the byte starts a sequence or is an error. */
  single(b: number): string | undefined;
  isLead(b: number): boolean;
  isTrail(lead: number, b: number): boolean;
}

const inRange = (b: number, lo: number, hi: number): boolean => b >= lo && b <= hi;

const SCHEMES: Record<string, Scheme> = {
  shift_jis: {
    single: (b) =>
      b <= 0x80
        ? String.fromCharCode(b)
        : inRange(b, 0xa1, 0xdf)
          ? String.fromCharCode(0xff61 + b - 0xa1)
          : undefined,
    isLead: (b) => inRange(b, 0x81, 0x9f) || inRange(b, 0xe0, 0xfc),
    isTrail: (_lead, b) => inRange(b, 0x40, 0x7e) || inRange(b, 0x80, 0xfc),
  },
  'euc-kr': {
    single: (b) => (b < 0x80 ? String.fromCharCode(b) : undefined),
    isLead: (b) => inRange(b, 0x81, 0xfe),
    isTrail: (_lead, b) => inRange(b, 0x41, 0xfe),
  },
  big5: {
    single: (b) => (b < 0x80 ? String.fromCharCode(b) : undefined),
    isLead: (b) => inRange(b, 0x81, 0xfe),
    isTrail: (_lead, b) => inRange(b, 0x40, 0x7e) || inRange(b, 0xa1, 0xfe),
  },
  'euc-jp': {
    single: (b) => (b < 0x80 ? String.fromCharCode(b) : undefined),
    isLead: (b) => b === 0x8e || b === 0x8f || inRange(b, 0xa1, 0xfe),
    isTrail: (lead, b) => (lead === 0x8e ? inRange(b, 0xa1, 0xdf) : inRange(b, 0xa1, 0xfe)),
  },
};

export function hasCjkDecoder(encoding: string): boolean {
  return encoding in SCHEMES;
}

const pairDecoders = new Map<string, (bytes: number[]) => string | undefined>();

export function decodeCjk(bytes: Uint8Array, encoding: string, decode: PairDecoder): string {
  const scheme = SCHEMES[encoding]!;
  let lookup = pairDecoders.get(encoding);
  if (!lookup) {
    lookup = cached(decode);
    pairDecoders.set(encoding, lookup);
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i++]!;
    const single = scheme.single(b);
    if (single !== undefined) {
      out += single;
      continue;
    }
    if (!scheme.isLead(b)) {
      out += REPLACEMENT;
      continue;
    }
    const seq = [b];
    if (encoding === 'euc-jp' && b === 0x8f) {
      // JIS X 0212: 0x8F, then a lead and a trail in 0xA1–0xFE.
      const lead = bytes[i];
      if (lead === undefined) {
        out += REPLACEMENT;
        continue;
      }
      if (!inRange(lead, 0xa1, 0xfe)) {
        out += REPLACEMENT;
        if (lead >= 0x80) i++;
        continue;
      }
      seq.push(lead);
      i++;
    }
    const trail = bytes[i];
    if (trail === undefined) {
      out += REPLACEMENT;
      continue;
    }
    // Rows 0xF3–0xF4 after 0x8F are IBM extensions in ICU's table, absent from the standard's JIS X 0212 index.
    const ibmRow = seq.length === 2 && (seq[1] === 0xf3 || seq[1] === 0xf4);
    const text = !ibmRow && scheme.isTrail(seq[seq.length - 1]!, trail) ? lookup([...seq, trail]) : undefined;
    if (text !== undefined) {
      out += text;
      i++;
    } else {
      out += REPLACEMENT;
      if (trail >= 0x80) i++; // an ASCII trail byte is decoded again
    }
  }
  return out;
}
