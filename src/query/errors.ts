/** SQL that is not read-only, reads outside the lake, or touches settings. */
export class QueryRejectedError extends Error {
  override readonly name = 'QueryRejectedError';
  constructor(
    message: string,
    /** Short machine-readable reason, e.g. `statement-type`, `table-function`, `file-path`. */
    readonly reason: string = 'rejected',
  ) {
    super(message);
  }
}

/** The query ran longer than its `timeoutMs` and was interrupted. */
export class QueryTimeoutError extends Error {
  override readonly name = 'QueryTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`query interrupted after ${timeoutMs} ms`);
  }
}

/** The query's `signal` was aborted (client gone, cancelled by id) and it was interrupted. */
export class QueryCancelledError extends Error {
  override readonly name = 'QueryCancelledError';
  constructor() {
    super('query cancelled');
  }
}
