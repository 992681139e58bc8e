/**
 * A VRL runtime error. `message` is exactly the text VRL gives (what `ok, err = …` captures in `err`);
 * the compiler wraps errors from unhandled `!` calls with the call site, as VRL does
 * (`function call error for "parse_json" at (0:16): …`).
 */
export class VrlError extends Error {
  override readonly name = 'VrlError';
}

/** VRL's type error text: `expected string, got integer`. */
export function expectedKind(expected: string, got: string): VrlError {
  return new VrlError(`expected ${expected}, got ${got}`);
}
