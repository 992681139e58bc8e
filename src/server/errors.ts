/** The API's one error class, and the JSON body every error answers with. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
  error: { message: string; status: number };
}

/** An error meant for the client: its status and message are sent as they are. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    opts: { message: string; cause?: unknown },
  ) {
    super(opts.message, opts.cause === undefined ? undefined : { cause: opts.cause });
  }

  body(): ErrorBody {
    return errorBody(this.status, this.message);
  }
}

export function errorBody(status: number, message: string): ErrorBody {
  return { error: { message, status } };
}

/** 404 for a named thing that does not exist. */
export function notFound(what: string, name: string): HttpError {
  return new HttpError(404, { message: `no ${what} named ${JSON.stringify(name)}` });
}
