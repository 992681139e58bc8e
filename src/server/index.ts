/** The service's HTTP API (`lakewatch up`): JSON API, OpenAPI document, auth, console files. */
export { createApp } from './app.js';
export type { AppDeps } from './app.js';
export { HttpError, errorBody } from './errors.js';
export type { ErrorBody } from './errors.js';
export { openTokenStore, TokenNameError, TOKEN_PREFIX } from './tokens.js';
export type { TokenInfo, TokenStore } from './tokens.js';
export { tokenFromHeader } from './auth.js';
