/**
 * A VRL runtime error. `message` is exactly the text VRL gives (what `ok, err = …` captures in `err`);
 * the compiler wraps errors from unhandled `!` calls with the call site, as VRL does
 * (`function call error for "parse_json" at (0:16): …`).
 */
export class VrlError extends Error {
  override readonly name = 'VrlError';
  constructor(message: string) {
    // Runtime errors are values in VRL (`??`, `ok, err =`), raised on hot paths: skip the stack trace.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** VRL's type error text: `expected string, got integer`. */
export function expectedKind(expected: string, got: string): VrlError {
  return new VrlError(`expected ${expected}, got ${got}`);
}
