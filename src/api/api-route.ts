// How a route is declared: its zod schemas from src/contracts (one per endpoint, the handler's types
// inferred from them; the answer's schema types what the handler returns), who may call it, and its
// OpenAPI summary. Fastify's own validator is switched off: the zod schemas
// validate after authentication (so an anonymous request is 401 whatever it sends), answer issues in the
// caller's language, and are turned into JSON Schema for the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ReadonlyDeep } from '../contracts/common.contract.ts';
import type { Session, ThrottlePolicy } from '../accounts/accounts-store.ts';
import type { HashCost } from '../accounts/passwords.ts';
import type { OfficeHandle, Offices } from '../store/offices.ts';
import type { Db } from '../store/sql/db.ts';
import { ENDPOINTS, resolveInput, type Caller, type EndpointName, type SiteAccess } from './access.policy.ts';
import type { CustomerIndexes } from '../app/customer-index.ts';
import { ApiError, type Issue, type Lang } from './error-map.ts';
import type { LiveHub } from './live-stream.ts';
import type { PairedDisplay } from '../accounts/displays-store.ts';

/** What the routes are given: the stores, the clock, and the settings buildApi resolved. */
export interface RouteDeps {
  readonly db: Db;
  readonly offices: Offices;
  readonly clock: () => number;
  readonly indexes: CustomerIndexes;
  readonly hub: LiveHub;
  readonly sessionTtlMs: number;
  readonly cookieSecure: boolean | 'auto';
  readonly throttle: ThrottlePolicy;
  readonly hashCost: HashCost;
  readonly heartbeatMs: number;
  readonly loginRateLimit: { readonly max: number; readonly timeWindowMs: number };
}

/** What the authentication hook found out about a request before its handler runs. */
export interface RequestContext {
  readonly lang: Lang;
  /** The raw session token (for CSRF and logout); null on public routes. */
  readonly token: string | null;
  readonly session: Session | null;
  /** On project endpoints: the caller as the access table lets them, and the project's office. */
  readonly caller: Caller | null;
  readonly handle: OfficeHandle | null;
  /** tv-pairing: the paired display making the request, and its credential (board reads only). */
  readonly display?: { readonly record: PairedDisplay; readonly token: string };
}

export type Access = SiteAccess | { readonly endpoint: EndpointName };

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
/** What a handler must answer: the contract's answer type, so a presenter that drifts from it does not compile. */
type Answer<R extends Schema> = R extends z.ZodType ? ReadonlyDeep<z.input<R>> : unknown;

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema, H extends Schema> {
  readonly params: Out<P>;
  readonly query: Out<Q>;
  readonly body: Out<B>;
  readonly headers: Out<H>;
}

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, H extends Schema, R extends Schema = undefined> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly access: Access;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Headers the route reads (documented, and validated like the rest). */
  readonly headers?: H;
  /** The answer's schema (documented, and the handler's return type); none for a stream. */
  readonly answer?: R;
  /** The answer's status when not 200 (201 for a creation). */
  readonly status?: 200 | 201;
  readonly hide?: boolean;
  /** Extra route config (e.g. @fastify/rate-limit's `rateLimit`). */
  readonly config?: Record<string, unknown>;
  /** A larger request body than the API's default (an uploaded spreadsheet). */
  readonly bodyLimit?: number;
  readonly handler: (input: RouteInput<P, Q, B, H>, req: FastifyRequest, reply: FastifyReply) => Promise<Answer<R>>;
}

const ZH_ERRORS = z.locales.zhCN().localeError;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Validation issues, bounded: a fuzzed request must not be echoed back at length. */
export function issuesOf(error: z.ZodError, where: Issue['in']): Issue[] {
  return error.issues.slice(0, 20).map((i) => ({
    in: where,
    path: clip(i.path.map((p) => String(p)).join('.'), 120),
    code: i.code,
    message: clip(i.message, 200),
  }));
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, lang: Lang, where: Issue['in']): z.output<S> {
  const result = schema.safeParse(value, lang === 'zh-CN' ? { error: ZH_ERRORS } : undefined);
  if (!result.success) throw new ApiError('validation', { issues: issuesOf(result.error, where) });
  return result.data;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export function addRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, H extends Schema = undefined, R extends Schema = undefined>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B, H, R>,
): void {
  const documented: Record<string, unknown> = {
    summary: spec.summary,
    tags: [...spec.tags],
    ...(spec.hide ? { hide: true } : {}),
    ...(spec.access === 'public' ? {} : { security: [{ session: [], ...(spec.method === 'GET' ? {} : { csrf: [] }) }] }),
  };
  if (spec.params) documented.params = jsonSchema(spec.params);
  if (spec.query) documented.querystring = jsonSchema(spec.query);
  if (spec.body) documented.body = jsonSchema(spec.body);
  if (spec.headers) documented.headers = jsonSchema(spec.headers);
  // Documentation only: build-api.ts serialises answers with JSON.stringify, never through this schema.
  if (spec.answer) documented.response = { [spec.status ?? 200]: jsonSchema(spec.answer, 'output') };
  app.route({
    method: spec.method,
    url: spec.url,
    schema: documented,
    config: { ...spec.config, access: spec.access },
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    handler: async (req, reply) => {
      const lang = req.ctx.lang;
      const input = {
        params: spec.params ? parseWith(spec.params, req.params, lang, 'params') : undefined,
        query: spec.query ? parseWith(spec.query, req.query, lang, 'query') : undefined,
        // A POST with no body at all is an empty object; `null` or a string is not.
        body: spec.body ? parseWith(spec.body, req.body === undefined ? {} : req.body, lang, 'body') : undefined,
        headers: spec.headers ? parseWith(spec.headers, req.headers, lang, 'headers') : undefined,
      } as RouteInput<P, Q, B, H>;
      return spec.handler(input, req, reply);
    },
  });
}

/** A project endpoint: its method, URL and access come from its entry in the access table. */
export function addProjectRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, H extends Schema = undefined, R extends Schema = undefined>(
  app: FastifyInstance,
  name: EndpointName,
  spec: Omit<RouteSpec<P, Q, B, H, R>, 'method' | 'url' | 'access'>,
): void {
  const endpoint = ENDPOINTS[name];
  addRoute(app, { ...spec, method: endpoint.method, url: `/api/projects/:project${endpoint.path}`, access: { endpoint: name } });
}

/** The context of a project endpoint, which the authentication hook has filled in. */
export function inProject(req: FastifyRequest): { caller: Caller; handle: OfficeHandle; session: Session; token: string } {
  const { caller, handle, session, token } = req.ctx;
  if (!caller || !handle || !session || !token) throw new Error(`${req.routeOptions.url} is not declared as a project endpoint`);
  return { caller, handle, session, token };
}

/**
 * The context of a board read (DISPLAY_MAY), which a person or a paired display may make. `key` names whose
 * streams these are (the session's token, or the display's), so each is bounded and ended on its own.
 */
export function onBoard(req: FastifyRequest): { caller: Caller; handle: OfficeHandle; key: string; display: PairedDisplay | null } {
  const { caller, handle, token, display } = req.ctx;
  if (!caller || !handle) throw new Error(`${req.routeOptions.url} is not declared as a project endpoint`);
  if (display) return { caller, handle, key: `display:${display.record.id}`, display: display.record };
  if (!token) throw new Error(`${req.routeOptions.url} is not declared as a project endpoint`);
  return { caller, handle, key: token, display: null };
}

/** The context of an endpoint that needs a session. */
export function signedIn(req: FastifyRequest): { session: Session; token: string } {
  const { session, token } = req.ctx;
  if (!session || !token) throw new Error(`${req.routeOptions.url} is not declared as a signed-in endpoint`);
  return { session, token };
}

/** The request's input with the caller's identity filled in by the access table; 403 when they act for someone else. */
export async function authorisedInput(
  name: EndpointName,
  caller: Caller,
  input: Readonly<Record<string, unknown>>,
  ownerOf: (phone: string) => Promise<string | null> = async () => null,
): Promise<Record<string, unknown>> {
  const resolved = await resolveInput(ENDPOINTS[name], caller, input, ownerOf);
  if (!resolved.ok) throw new ApiError(resolved.code, { detail: resolved.detail });
  return resolved.input;
}
