// The HTTP API: a Fastify instance the composition root listens with. Everything it needs comes in as
// parameters (stores, clock, settings); it reads no environment. Routes are thin: validate with the
// endpoint's zod schema, authorise through the access table, call Offices, map the result.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { endStaffAccess, STANDARD_THROTTLE, type ThrottlePolicy } from '../accounts/accounts-store.ts';
import { openSessionLookup } from '../accounts/session-cache.ts';
import { QuietMoments } from '../store/snapshots/quiet-moments.ts';
import { logReads } from '../accounts/record-reads-store.ts';
import { STANDARD_HASH_COST, type HashCost } from '../accounts/passwords.ts';
import type { Offices } from '../store/offices.ts';
import { PersonalDataUnreadable } from '../store/vault/personal-vault.ts';
import type { Db } from '../store/sql/db.ts';
import type { RouteDeps } from './api-route.ts';
import { installAuth, SESSION_COOKIE } from './auth.plugin.ts';
import { salesRoutes } from './sales.routes.ts';
import { commandRoutes } from './commands.routes.ts';
import { randomBytes } from 'node:crypto';
import { channelRoutes } from './channel.routes.ts';
import { EscortCodes } from './escort-codes.ts';
import { CustomerIndexes } from '../app/customer-index.ts';
import { customerRoutes } from './customers.routes.ts';
import { ApiError, langOf } from './error-map.ts';
import { floorRoutes } from './floor.routes.ts';
import { LiveHub } from './live-stream.ts';
import { policyRoutes } from './policy.routes.ts';
import { registerRoutes } from './register.routes.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { reportRoutes } from './reports.routes.ts';
import { sessionRoutes } from './session.routes.ts';
import { systemRoutes } from './system.routes.ts';
import { adminRoutes } from './admin.routes.ts';
import { firstRunRoutes } from './first-run.routes.ts';
import { violationRoutes } from './violations.routes.ts';
import { riskRoutes } from './risk.routes.ts';
import { registerHygieneRoutes } from './register-hygiene.routes.ts';
import { ownershipDeskRoutes } from './ownership-desk.routes.ts';
import { registerImportRoutes } from './register-import.routes.ts';
import { dailySummaryRoutes } from './daily-summary.routes.ts';
import { displayRoutes } from './display.routes.ts';

export interface ApiOptions {
  readonly offices: Offices;
  /** The accounts database (migrated with ACCOUNT_MIGRATIONS). */
  readonly db: Db;
  readonly clock?: () => number;
  /** Fastify logger options, or an existing pino logger (`loggerInstance`). Off by default. */
  readonly logger?: FastifyServerOptions['logger'];
  readonly loggerInstance?: FastifyBaseLogger;
  /** Behind a reverse proxy: whose X-Forwarded-For to trust (Fastify's `trustProxy`). */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  /** The session cookie's Secure flag; `auto` sets it on HTTPS requests. Default `auto`. */
  readonly cookieSecure?: boolean | 'auto';
  /** Default 12 h: one working day. */
  readonly sessionTtlMs?: number;
  readonly throttle?: ThrottlePolicy;
  /** Requests to the login route per address and window, before any password is checked. Default 30 a minute. */
  readonly loginRateLimit?: { readonly max: number; readonly timeWindowMs: number };
  readonly hashCost?: HashCost;
  /** CH-10: the secret escort codes are signed with (the installation's); a random one per process when absent. */
  readonly escortSecret?: Buffer;
  /** SSE heartbeat; default 15 s. */
  readonly heartbeatMs?: number;
  /** Largest request body; default 256 KiB (a policy is a few KiB). */
  readonly bodyLimit?: number;
  /**
   * The web app's index.html: a GET outside /api that no route serves (the single-page app's own paths,
   * /desk, /board, …) is answered with it, so a reload or a bookmark opens the app. Off by default.
   */
}

/** Fastify's own 4xx errors (bad JSON, wrong content type, too large, rate limit) under our codes. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof PersonalDataUnreadable) return new ApiError('personal_data_unreadable', { detail: error.message });
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return new ApiError('internal');
  if (status === 413) return new ApiError('payload_too_large');
  if (status === 415) return new ApiError('unsupported_media_type');
  if (status === 429) return new ApiError('rate_limited');
  if (status === 404) return new ApiError('not_found');
  return new ApiError('bad_request');
}

export function buildApi(options: ApiOptions): FastifyInstance {
  const clock = options.clock ?? Date.now;
  /** The error code each failed request answered with, for its log line. */
  const errorCodes = new WeakMap<object, string>();
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Request lines are logged below without the URL: phones appear in paths and queries (SEC-1).
    logController: new LogController({ disableRequestLogging: true }),
    // Every log line of a request carries its id (reqId); the answer names it in X-Request-Id, so a person
    // reporting an error can quote it and the line is found.
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // A HEAD of the event stream would hold a connection open for nothing.
    exposeHeadRoutes: false,
  });

  // Errors: a stable code and a message in the caller's language; a stack trace never leaves the server.
  app.setErrorHandler((error, req, reply) => {
    const api = toApiError(error);
    errorCodes.set(req, api.code);
    if (api.code === 'internal') req.log.error({ err: error, route: req.routeOptions.url }, 'internal error');
    else if (api.code === 'personal_data_unreadable') req.log.error({ err: error, route: req.routeOptions.url }, 'personal data unreadable');
    if (api.extra.retryAfterSeconds !== undefined) void reply.header('retry-after', String(api.extra.retryAfterSeconds));
    void reply.status(api.status).type('application/json; charset=utf-8').send(api.body(req.ctx?.lang ?? langOf(req.headers['accept-language'])));
  });
  app.setNotFoundHandler(async (req, reply) => {
    return reply.status(404).send(new ApiError('not_found').body(langOf(req.headers['accept-language'])));
  });
  // Validation is the zod schemas' job (api-route.ts); the JSON Schemas on routes only document them.
  app.setValidatorCompiler(() => () => true);
  // Likewise the answers' schemas (src/contracts) only document them: an answer is sent as JSON.stringify
  // makes it, as with no schema, rather than through a serializer that would drop or coerce fields.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // One line per request (issue 14 item 9): the route pattern, never the URL (phones are in paths and
  // queries, SEC-1), the status and, for a refusal or error, its code. A 5xx is logged as an error, always.
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const line = { method: req.method, route: req.routeOptions.url ?? null, status: reply.statusCode, ms: Math.round(reply.elapsedTime), ...(errorCodes.has(req) ? { code: errorCodes.get(req) } : {}) };
    if (reply.statusCode >= 500) req.log.error(line, 'request failed');
    else if (reply.statusCode >= 400) req.log.info(line, 'request refused');
    else req.log.info(line, 'request');
  });

  const hub = new LiveHub(
    options.offices,
    clock,
    (error) => app.log.error({ err: error }, 'live update failed'),
    (reads) => logReads(options.db, reads),
  );
  const deps: RouteDeps = {
    db: options.db,
    offices: options.offices,
    clock,
    indexes: new CustomerIndexes({ moments: new QuietMoments() }), // an index's state is kept when the process is not busy
    hub,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 60 * 60_000,
    cookieSecure: options.cookieSecure ?? 'auto',
    throttle: options.throttle ?? STANDARD_THROTTLE,
    hashCost: options.hashCost ?? STANDARD_HASH_COST,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    loginRateLimit: options.loginRateLimit ?? { max: 30, timeWindowMs: 60_000 },
  };

  // SEC-4: a departure ends the departed person's sessions and streams at once.
  const endAccess = async (project: string, staffId: string): Promise<void> => {
    for (const userId of await endStaffAccess(options.db, project, staffId, { now: clock() })) hub.closeUser(userId);
  };
  const unsubscribe = options.offices.subscribe((project, facts) => {
    for (const f of facts) if (f.type === 'departed') endAccess(project, f.who).catch((error) => app.log.error({ err: error }, 'SEC-4: ending access failed'));
    hub.publish(project, facts);
  });
  const sessions = openSessionLookup(options.db);
  app.addHook('onClose', async () => sessions.close());
  app.addHook('preClose', async () => {
    unsubscribe();
    hub.closeAll();
    // The indexes' states still being kept are stored before the store closes: the restart folds nothing.
    await deps.indexes.settle();
  });

  void app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Anchang API', version: '1', description: 'Sales-office floor: reception rotation, registration, ownership, brokers, deals. See docs/API.md.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });
  installSecurityHeaders(app);
  void app.register(cookie);
  void app.register(rateLimit, { global: false });
  void app.register(async (api) => {
    // API answers carry customer data: no cache may keep them, and no browser may guess their type.
    // (Only here: the web app's static files, served beside the API, should be cached.)
    api.addHook('onSend', async (_req, reply) => {
      void reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    });
    installAuth(api, { db: options.db, sessions, offices: options.offices, clock, endStaffAccess: endAccess });
    systemRoutes(api, deps);
    sessionRoutes(api, deps);
    floorRoutes(api, deps);
    customerRoutes(api, deps);
    registerRoutes(api, deps);
    reportRoutes(api, deps);
    policyRoutes(api, deps);
    salesRoutes(api, deps);
    commandRoutes(api, deps);
    channelRoutes(api, { ...deps, escortCodes: new EscortCodes(options.escortSecret ?? randomBytes(32)) });
    adminRoutes(api, deps);
    firstRunRoutes(api, deps);
    violationRoutes(api, deps);
    riskRoutes(api, deps);
    registerHygieneRoutes(api, deps);
    ownershipDeskRoutes(api, deps);
    registerImportRoutes(api, deps);
    dailySummaryRoutes(api, deps);
    displayRoutes(api, deps);
  });
  return app;
}
