/**
 * JSON.parse reads every number as a double, so integers beyond ±2^53 (64-bit ids, counters)
 * would silently change. For the rare frame that holds a run of 16+ digits, this parser reads
 * the same JSON but keeps such integers exact as `bigint` (other numbers as JSON.parse does).
 * Only called after JSON.parse accepted the text, so it need not report syntax errors well.
 */

/** Cheap test: could the text hold an integer JSON.parse would round? */
export function mayHoldBigInteger(text: string): boolean {
  return /\d{16}/.test(text);
}

export function parseJsonExact(text: string): unknown {
  let i = 0;
  const ws = () => {
    for (
      let c = text.charCodeAt(i);
      c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
      c = text.charCodeAt(++i)
    );
  };
  const fail = (): never => {
    throw new SyntaxError(`unexpected character at position ${i}`);
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) i++;
      if (Number.isNaN(c)) fail();
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const number = (): number | bigint => {
    const m = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const hit = m.exec(text) ?? fail();
    const lexeme = hit[0];
    i += lexeme.length;
    if (hit[1] === undefined && hit[2] === undefined) {
      const n = Number(lexeme);
      if (!Number.isSafeInteger(n)) return BigInt(lexeme);
      return n;
    }
    return Number(lexeme);
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = string();
        ws();
        if (text[i++] !== ':') fail();
        out[key] = value();
        ws();
        const sep = text[i++];
        if (sep === '}') return out;
        if (sep !== ',') fail();
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        const sep = text[i++];
        if (sep === ']') return out;
        if (sep !== ',') fail();
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) return ((i += 4), true);
    if (text.startsWith('false', i)) return ((i += 5), false);
    if (text.startsWith('null', i)) return ((i += 4), null);
    return number();
  };
  const result = value();
  ws();
  if (i !== text.length) fail();
  return result;
}
