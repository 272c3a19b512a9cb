// Signing in and out, the current session, and the projects a user can open. The session lives in an
// HttpOnly, SameSite=Lax cookie; its CSRF token goes back in the answer for the page to echo.
import type { FastifyInstance } from 'fastify';
import { brokerNames, createSession, csrfTokenFor, endSession, membershipsOf, verifyLogin, type Membership, type User } from '../accounts/accounts-store.ts';
import { loginBody, newProjectBody, projectInfoSchema, projectsAnswerSchema, sessionInfoSchema, signedOutSchema, type SessionInfo } from '../contracts/session.contract.ts';
import { STANDARD_POLICY } from '../core/policy.ts';
import type { Db } from '../store/sql/db.ts';
import type { Offices } from '../store/offices.ts';
import { addRoute, signedIn, type RouteDeps } from './api-route.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { allowedEndpoints } from './access.policy.ts';
import { ApiError } from './error-map.ts';

async function sessionBody(db: Db, offices: Offices, user: User, memberships: readonly Membership[], csrfToken: string, expiresAt: number): Promise<SessionInfo> {
  const projects = new Map((await offices.list()).map((p) => [p.id, p]));
  const shown = await Promise.all(
    memberships.map(async (m) => ({
      project: m.project,
      projectName: projects.get(m.project)?.name ?? null,
      zone: projects.get(m.project)?.zone ?? null,
      role: m.role,
      staffId: m.staffId,
      brokerId: m.brokerId,
      allowed: allowedEndpoints(m.role),
      // The office's staff see brokers by name; a broker is not shown its competitors.
      brokerNames: m.role === 'broker' ? {} : await brokerNames(db, m.project),
    })),
  );
  return {
    user: { id: user.id, login: user.login, displayName: user.displayName, admin: user.admin },
    memberships: shown,
    csrfToken,
    expiresAt,
  };
}

/** Names a browser that has signed in before; sent to the sign-in route alone. */
export const DEVICE_COOKIE = 'anchang_device';

export function sessionRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock, offices } = deps;

  addRoute(app, {
    method: 'POST',
    url: '/api/session',
    access: 'public',
    summary: 'Sign in: sets the session cookie and returns the CSRF token (5 failures of a login from one address or device lock it there, with back-off)',
    tags: ['session'],
    body: loginBody,
    answer: sessionInfoSchema,
    config: {
      rateLimit: {
        max: deps.loginRateLimit.max,
        timeWindow: deps.loginRateLimit.timeWindowMs,
        // inject() and some proxies leave no address: such requests share one bucket instead of failing.
        keyGenerator: (req: { ip?: string }) => req.ip ?? 'unknown',
      },
    },
    handler: async ({ body }, req, reply) => {
      const now = clock();
      const device = req.cookies[DEVICE_COOKIE];
      const result = await verifyLogin(db, { ...body, ip: req.ip ?? 'unknown', ...(device !== undefined ? { device } : {}) }, { now, throttle: deps.throttle, hashCost: deps.hashCost });
      if (!result.ok) throw new ApiError(result.code, result.code === 'login_locked' ? { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) } : {});
      // The known-device path (issue 14 item 6): this browser's own sign-in count, whatever others do.
      reply.setCookie(DEVICE_COOKIE, result.device, { httpOnly: true, sameSite: 'strict', secure: deps.cookieSecure, path: '/api/session', maxAge: 365 * 24 * 60 * 60 });
      const session = await createSession(db, result.user.id, { now, ttlMs: deps.sessionTtlMs });
      reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure, path: '/api', expires: new Date(session.expiresAt) });
      return sessionBody(db, offices, result.user, await membershipsOf(db, result.user.id), session.csrfToken, session.expiresAt);
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/session',
    access: 'session',
    summary: 'The signed-in user, their memberships and the CSRF token',
    tags: ['session'],
    answer: sessionInfoSchema,
    handler: async (_input, req) => {
      const { session, token } = signedIn(req);
      return sessionBody(db, offices, session.user, session.memberships, csrfTokenFor(token), session.expiresAt);
    },
  });

  addRoute(app, {
    method: 'DELETE',
    url: '/api/session',
    access: 'session',
    summary: 'Sign out',
    tags: ['session'],
    answer: signedOutSchema,
    handler: async (_input, req, reply) => {
      const { session, token } = signedIn(req);
      await endSession(db, token);
      deps.hub.closeUser(session.user.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/api' });
      return { signedOut: true } as const;
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/projects',
    access: 'session',
    summary: 'The projects the user can open, with their role in each (admin: every project)',
    tags: ['session'],
    answer: projectsAnswerSchema,
    handler: async (_input, req) => {
      const { session } = signedIn(req);
      const roles = new Map(session.memberships.map((m) => [m.project, m.role]));
      const visible = (await offices.list()).filter((p) => session.user.admin || roles.has(p.id));
      return { projects: visible.map((p) => ({ ...p, role: roles.get(p.id) ?? ('admin' as const) })) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/projects',
    access: 'admin',
    summary: 'Create a project with a policy (standard preset by default)',
    tags: ['session'],
    body: newProjectBody,
    answer: projectInfoSchema,
    status: 201,
    handler: async ({ body }, req, reply) => {
      const { session } = signedIn(req);
      if (await offices.open(body.id)) throw new ApiError('project_exists');
      const handle = await offices.create({ id: body.id, name: body.name, zone: body.zone }, body.policy ?? STANDARD_POLICY, { kind: 'user', id: session.user.id });
      reply.status(201);
      return handle.project;
    },
  });
}
