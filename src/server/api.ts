/**
 * Routes declared once, as data: method, path, zod schemas for parameters, query, body and
 * responses. The same schemas validate requests and produce the OpenAPI document, so the
 * document cannot drift from what the handlers accept.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { HttpError } from './errors.js';

/** Per-request values set by the auth middleware. */
export interface AppEnv {
  Variables: { token: { name: string; createdAt: number } };
}

export type AppContext = Context<AppEnv>;

export interface ResponseSpec {
  description: string;
  /** JSON body schema; omit for bodies that are not JSON (give `contentType`) or empty. */
  schema?: z.ZodType;
  /** Content types of a non-JSON (or additional) body. */
  contentTypes?: string[];
}

type Maybe = z.ZodType | undefined;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteDef<P extends Maybe = Maybe, Q extends Maybe = Maybe, B extends Maybe = Maybe> {
  method: 'get' | 'post' | 'delete';
  /** Hono path, e.g. `/api/tables/:name`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** No token needed. */
  public?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseSpec>;
  /** Request body content types of a route whose body is not one JSON document. */
  bodyContentTypes?: string[];
  /** Set by `describe`: handled by mounted routes, not by this Api. */
  servedElsewhere?: boolean;
}

export interface RouteInput<P extends Maybe, Q extends Maybe, B extends Maybe> {
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
}

export type Handler<P extends Maybe, Q extends Maybe, B extends Maybe> = (
  c: AppContext,
  input: RouteInput<P, Q, B>,
) => Response | Promise<Response>;

export const errorSchema = z.object({ error: z.object({ message: z.string(), status: z.number().int() }) });

/** Collects route definitions, registers them on the app, and writes the OpenAPI document. */
export class Api {
  readonly routes: RouteDef[] = [];

  constructor(private readonly app: Hono<AppEnv>) {}

  route<P extends Maybe = undefined, Q extends Maybe = undefined, B extends Maybe = undefined>(
    def: RouteDef<P, Q, B>,
    handler: Handler<P, Q, B>,
  ): void {
    this.routes.push(def as RouteDef);
    this.app.on(def.method.toUpperCase(), def.path, async (c) => {
      const input = {
        params: parse(def.params, c.req.param(), 'path'),
        query: parse(def.query, c.req.query(), 'query'),
        body: def.body === undefined ? undefined : parse(def.body, await readJson(c), 'body'),
      } as RouteInput<P, Q, B>;
      return handler(c, input);
    });
  }

  /** Documents a route that another module serves (HTTP ingest); nothing is registered. */
  describe(def: RouteDef): void {
    this.routes.push({ ...def, servedElsewhere: true });
  }

  /** Whether `path` (a request path) needs no token: a public route matches it. */
  isPublic(method: string, path: string): boolean {
    return this.routes.some(
      (r) => r.public === true && r.method === method.toLowerCase() && pathPattern(r.path).test(path),
    );
  }

  document(info: { title: string; version: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const key = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      (paths[key] ??= {})[r.method] = operation(r);
    }
    return {
      openapi: '3.1.0',
      info: { ...info, description: 'The Lakewatch service API (`lakewatch up`).' },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (`lakewatch token create <name>`)',
          },
          splunk: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: '`Splunk <token>`, as HEC clients send it',
          },
        },
      },
      security: [{ bearer: [] }, { splunk: [] }],
      paths,
    };
  }
}

function pathPattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

async function readJson(c: AppContext): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, {
      message: `request body: invalid JSON (${(err as Error).message})`,
      cause: err,
    });
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (schema === undefined) return undefined;
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  const problems = res.error.issues.map((i) => {
    const at = [where, ...i.path.map(String)].join('.');
    return `${at}: ${i.message}`;
  });
  throw new HttpError(400, { message: problems.join('; ') });
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out;
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (schema === undefined) return [];
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop as { description?: string };
    return {
      name,
      in: location,
      required: location === 'path' || (s.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operation(r: RouteDef): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const all: Record<number, ResponseSpec> = { ...r.responses };
  if (r.params || r.query || r.body)
    all[400] ??= { description: 'Invalid parameters or body', schema: errorSchema };
  if (!r.public) all[401] ??= { description: 'Missing or unknown token', schema: errorSchema };
  all[500] ??= { description: 'Internal error', schema: errorSchema };
  for (const [status, spec] of Object.entries(all)) {
    const content: Record<string, unknown> = {};
    if (spec.schema) content['application/json'] = { schema: jsonSchema(spec.schema, 'output') };
    for (const type of spec.contentTypes ?? []) content[type] = { schema: { type: 'string' } };
    responses[status] = {
      description: spec.description,
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  return {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [r.tag],
    ...(r.public ? { security: [] } : {}),
    parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
          },
        }
      : {}),
    ...(r.bodyContentTypes
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(r.bodyContentTypes.map((t) => [t, { schema: { type: 'string' } }])),
          },
        }
      : {}),
    responses,
  };
}
