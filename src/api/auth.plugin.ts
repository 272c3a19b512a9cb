// Authentication and access on every request, before the body is even read: the session cookie (401),
// SEC-4 (a departed consultant's session ends at once, checked here on each request as well as on the
// `departed` fact), CSRF on state-changing requests (403), and the role × endpoint table (403).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { csrfMatches, type Session } from '../accounts/accounts-store.ts';
import type { SessionLookup } from '../accounts/session-cache.ts';
import type { Engine } from '../core/engine.ts';
import type { Db } from '../store/sql/db.ts';
import type { OfficeHandle, Offices } from '../store/offices.ts';
import { callerFor, ENDPOINTS, UNAPPROVED_BROKER_MAY } from './access.policy.ts';
import { displayContext } from './display-auth.ts';
import type { RequestContext } from './api-route.ts';
import { ApiError, langOf } from './error-map.ts';

export const SESSION_COOKIE = 'anchang_session';

export interface AuthDeps {
  readonly db: Db;
  /** The session of a cookie: kept in the process while every change to it is heard, else read from the database. */
  readonly sessions: SessionLookup;
  readonly offices: Offices;
  readonly clock: () => number;
  /** SEC-4: ends the access of everyone acting as this staff id in the project. */
  readonly endStaffAccess: (project: string, staffId: string) => Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installAuth(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (req) => {
    req.ctx = await contextOf(req, deps);
  });
}

async function contextOf(req: FastifyRequest, deps: AuthDeps): Promise<RequestContext> {
  // The request is here: what other processes committed before now must be seen, what they commit later need not.
  const readSince = performance.now();
  const lang = langOf(req.headers['accept-language']);
  const access = req.routeOptions.config.access;
  if (access === undefined || access === 'public') return { lang, token: null, session: null, caller: null, handle: null };

  // tv-pairing: a paired display reads the board with its own credential, and nothing else.
  if (access === 'display') {
    const display = await displayContext(req, deps, lang, access);
    if (!display) throw new ApiError('display_unpaired');
    return display;
  }
  const token = req.cookies[SESSION_COOKIE] ?? null;
  const session = token ? await deps.sessions.find(token, deps.clock(), readSince) : null;
  if (!token || !session) {
    const display = await displayContext(req, deps, lang, access);
    if (display) return display;
    throw new ApiError('unauthenticated');
  }
  const caughtUp = new Map<string, Engine>();
  if (await departedAny(session, deps, caughtUp, readSince)) throw new ApiError('unauthenticated', { detail: 'your access ended when you left the company (SEC-4)' });
  if (!SAFE_METHODS.has(req.method) && !csrfMatches(token, req.headers['x-csrf-token'])) throw new ApiError('csrf_failed');
  const known = { lang, token, session };
  if (access === 'session') return { ...known, caller: null, handle: null };
  if (access === 'admin') {
    if (!session.user.admin) throw new ApiError('forbidden');
    return { ...known, caller: null, handle: null };
  }

  const project = (req.params as { project?: unknown }).project;
  const caller = typeof project === 'string' ? callerFor(ENDPOINTS[access.endpoint], session, project) : null;
  if (!caller || typeof project !== 'string') throw new ApiError('forbidden');
  const opened = await deps.offices.open(project);
  if (!opened) throw new ApiError('not_found', { detail: 'no such project' });
  const engine = caughtUp.get(project);
  const handle = engine ? new CaughtUpHandle(opened, engine) : opened;
  // CH-2: an unapproved broker may only see their application.
  if (caller.role === 'broker' && !UNAPPROVED_BROKER_MAY.includes(access.endpoint)) {
    const broker = caller.brokerId === null ? undefined : (await handle.engine()).brokers.get(caller.brokerId);
    if (!broker?.approved) throw new ApiError('broker_not_approved');
  }
  return { ...known, caller, handle };
}

/** SEC-4 on each request: if a staff id the user acts as has departed, their access ends now. */
async function departedAny(session: Session, deps: AuthDeps, caughtUp: Map<string, Engine>, readSince: number): Promise<boolean> {
  let departed = false;
  for (const m of session.memberships) {
    if (m.staffId === null) continue;
    const handle = await deps.offices.open(m.project);
    if (!handle) continue;
    const engine = await handle.engine({ readSince });
    caughtUp.set(m.project, engine);
    if (!engine.departed.has(m.staffId)) continue;
    await deps.endStaffAccess(m.project, m.staffId);
    departed = true;
  }
  return departed;
}

/**
 * The project's handle whose first `engine()` is the one the SEC-4 check has just caught up (issue 13: a read
 * route asked for a second catch-up microseconds after the first). Any later read, or any after a command,
 * catches up as usual. One object a request, its methods on the prototype (no closures made per request).
 */
class CaughtUpHandle implements OfficeHandle {
  readonly project: OfficeHandle['project'];
  readonly savedIndex: OfficeHandle['savedIndex'];
  readonly backlog: OfficeHandle['backlog'];
  private first: Engine | null;

  constructor(
    private readonly handle: OfficeHandle,
    engine: Engine,
  ) {
    this.project = handle.project;
    this.savedIndex = handle.savedIndex;
    this.backlog = handle.backlog?.bind(handle);
    this.first = engine;
  }

  execute(...args: Parameters<OfficeHandle['execute']>): ReturnType<OfficeHandle['execute']> {
    this.first = null;
    return this.handle.execute(...args);
  }

  engine(options?: { readonly readSince?: number }): Promise<Engine> {
    const ready = this.first;
    this.first = null;
    return ready ? Promise.resolve(ready) : this.handle.engine(options);
  }

  facts(afterSeq: number): ReturnType<OfficeHandle['facts']> {
    return this.handle.facts(afterSeq);
  }
}
