// The admin workspace over HTTP (/api/admin/…, installation administrators only): users, their roles per
// project, disabling and password resets, and the two-person erasure (SEC-5). Every change is an audited
// account change (src/accounts/account-changes-store.ts); the projects' setup (staff, brokers, policy,
// units) goes through the project commands, which record facts.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { accountChange, accountChanges, erasureApproved, recordAccountChange, type AccountChangeAction } from '../accounts/account-changes-store.ts';
import { AccountError, addUser, findUser, grant, revoke, setActive, setPassword } from '../accounts/accounts-store.ts';
import { userDirectory } from '../accounts/user-directory.ts';
import * as C from '../contracts/admin.contract.ts';
import { displayMasked, normalisePhone } from '../core/phone.ts';
import type { SqlOffices } from '../store/sql-offices.ts';
import { addRoute, signedIn, type RouteDeps } from './api-route.ts';
import { ApiError } from './error-map.ts';

/** An account function's refusal (login taken, password too short, …) as a 422 with its words. */
async function accountStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccountError) throw new ApiError('account_refused', { detail: error.message });
    throw error;
  }
}

/** The request's phone, kept only as a keyed hash: the audit must not hold the personal data it erases. */
function phoneDigest(project: string, phone: string): string {
  return createHash('sha256').update(`anchang-erasure:${project}:${phone}`).digest('hex');
}

export function adminRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock } = deps;
  const audit = (by: string, action: AccountChangeAction, login: string | null, project: string | null, detail: Record<string, string> = {}) =>
    recordAccountChange(db, { at: clock(), byLogin: by, action, login, project, detail });
  const known = async (login: string) => {
    const user = await findUser(db, login);
    if (!user) throw new ApiError('not_found', { detail: `no user "${login}"` });
    return user;
  };

  addRoute(app, {
    method: 'GET',
    url: '/api/admin/users',
    access: 'admin',
    summary: 'Every user with their live roles per project',
    tags: ['admin'],
    answer: C.usersAnswerSchema,
    handler: async () => ({ users: await userDirectory(db) }),
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/admin/users',
    access: 'admin',
    summary: 'Create a user, or another administrator (audited)',
    tags: ['admin'],
    body: C.newAccountBody,
    answer: C.directoryEntrySchema,
    status: 201,
    handler: async ({ body }, req, reply) => {
      const by = signedIn(req).session.user.login;
      const user = await accountStep(() => addUser(db, body, { now: clock(), hashCost: deps.hashCost }));
      await audit(by, 'userCreated', user.login, null, { displayName: user.displayName, ...(user.admin ? { admin: 'yes' } : {}) });
      reply.status(201);
      return { login: user.login, displayName: user.displayName, active: true, admin: user.admin, memberships: [] };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/admin/users/:login/password',
    access: 'admin',
    summary: "Reset a user's password: their sessions end (audited; the password is never recorded)",
    tags: ['admin'],
    params: C.adminLoginParams,
    body: C.passwordBody,
    answer: C.directoryEntrySchema.pick({ login: true }),
    handler: async ({ params, body }, req) => {
      const user = await known(params.login);
      await accountStep(() => setPassword(db, user.login, body.password, { hashCost: deps.hashCost }));
      await audit(signedIn(req).session.user.login, 'passwordReset', user.login, null);
      return { login: user.login };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/admin/users/:login/active',
    access: 'admin',
    summary: 'Disable a user (their sessions end at once) or enable them again (audited)',
    tags: ['admin'],
    params: C.adminLoginParams,
    body: C.activeBody,
    answer: C.directoryEntrySchema.pick({ login: true, active: true }),
    handler: async ({ params, body }, req) => {
      const me = signedIn(req).session.user;
      const user = await known(params.login);
      if (!body.active && user.id === me.id) throw new ApiError('account_refused', { detail: 'an administrator cannot disable their own account' });
      await setActive(db, user.login, body.active);
      if (!body.active) deps.hub.closeUser(user.id);
      await audit(me.login, body.active ? 'userEnabled' : 'userDisabled', user.login, null);
      return { login: user.login, active: body.active };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/admin/users/:login/roles',
    access: 'admin',
    summary: 'Give a user a role in a project, acting as a staff id or broker id of it (audited)',
    tags: ['admin'],
    params: C.adminLoginParams,
    body: C.grantBody,
    answer: C.directoryEntrySchema.pick({ login: true }),
    handler: async ({ params, body }, req) => {
      const user = await known(params.login);
      const handle = await deps.offices.open(body.project);
      if (!handle) throw new ApiError('not_found', { detail: `no project "${body.project}"` });
      // The id acted as must exist in the project's engine: a role naming nobody would be a dead account.
      const engine = await handle.engine();
      if (body.role === 'broker' ? !engine.brokers.has(body.brokerId ?? '') : !engine.staff.has(body.staffId ?? '')) {
        throw new ApiError('account_refused', { detail: body.role === 'broker' ? `no broker "${body.brokerId ?? ''}" in ${body.project}` : `no staff "${body.staffId ?? ''}" in ${body.project}` });
      }
      await accountStep(() => grant(db, { login: user.login, project: body.project, role: body.role, ...(body.staffId ? { staffId: body.staffId } : {}), ...(body.brokerId ? { brokerId: body.brokerId } : {}) }, { now: clock() }));
      await audit(signedIn(req).session.user.login, 'roleGranted', user.login, body.project, { role: body.role, actsAs: body.staffId ?? body.brokerId ?? '' });
      return { login: user.login };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/admin/users/:login/roles/end',
    access: 'admin',
    summary: "End a user's role in a project (audited)",
    tags: ['admin'],
    params: C.adminLoginParams,
    body: C.endRoleBody,
    answer: C.directoryEntrySchema.pick({ login: true }),
    handler: async ({ params, body }, req) => {
      const user = await known(params.login);
      await revoke(db, user.login, body.project, { now: clock() });
      await audit(signedIn(req).session.user.login, 'roleEnded', user.login, body.project);
      return { login: user.login };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/admin/changes',
    access: 'admin',
    summary: 'The audit of account changes, newest first',
    tags: ['admin'],
    answer: C.accountChangesAnswerSchema,
    handler: async () => ({ changes: await accountChanges(db) }),
  });

  // ---- SEC-5: erasure needs two administrators ----

  addRoute(app, {
    method: 'GET',
    url: '/api/admin/erasures',
    access: 'admin',
    summary: 'Erasure requests waiting for a second administrator (SEC-5)',
    tags: ['admin'],
    answer: C.pendingErasuresSchema,
    handler: async () => {
      const changes = await accountChanges(db, 1000);
      const approved = new Set(changes.filter((c) => c.action === 'erasureApproved').map((c) => c.detail.request));
      return { pending: changes.filter((c) => c.action === 'erasureRequested' && !approved.has(String(c.id))).map(({ detail: { digest: _d, ...shown }, ...c }) => ({ ...c, detail: shown })) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/admin/erasures',
    access: 'admin',
    summary: "Ask for a customer's personal data to be erased; another administrator must approve (SEC-5)",
    tags: ['admin'],
    body: C.erasureBody,
    answer: C.erasureAnswerSchema,
    status: 201,
    handler: async ({ body }, req, reply) => {
      const key = normalisePhone(body.phone);
      if (key === null) throw new ApiError('invalid_phone');
      if (!(await deps.offices.open(body.project))) throw new ApiError('not_found', { detail: `no project "${body.project}"` });
      const request = await audit(signedIn(req).session.user.login, 'erasureRequested', signedIn(req).session.user.login, body.project, {
        phone: displayMasked(key),
        digest: phoneDigest(body.project, key),
        reason: body.reason,
      });
      reply.status(201);
      return { request, approved: false };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/admin/erasures/:id/approve',
    access: 'admin',
    summary: 'Approve an erasure request and erase: the approver is not the requester and types the phone again (SEC-5)',
    tags: ['admin'],
    params: C.erasureParams,
    body: C.erasureBody.pick({ phone: true }),
    answer: C.erasureAnswerSchema,
    handler: async ({ params, body }, req) => {
      const me = signedIn(req).session.user;
      const request = await accountChange(db, params.id);
      if (!request || request.action !== 'erasureRequested' || request.project === null) throw new ApiError('not_found', { detail: 'no such erasure request' });
      if (await erasureApproved(db, request.id)) throw new ApiError('erasure_refused', { detail: 'this request is already approved' });
      if (request.byLogin === me.login) throw new ApiError('same_approver');
      const key = normalisePhone(body.phone);
      if (key === null || phoneDigest(request.project, key) !== request.detail.digest) throw new ApiError('erasure_refused', { detail: 'the phone is not the one the request names' });
      const requester = await known(request.byLogin);
      const offices = deps.offices as Partial<SqlOffices>;
      if (!offices.erasePersonal) throw new ApiError('erasure_refused', { detail: 'this store keeps no personal data to erase' });
      const done = await offices.erasePersonal(request.project, key, { kind: 'user', id: requester.id }, me.id, request.detail.reason ?? '');
      if (!done.ok) throw new ApiError('erasure_refused', { detail: done.refusal.message });
      await audit(me.login, 'erasureApproved', request.byLogin, request.project, { request: String(request.id), seq: String(done.seq) });
      return { request: request.id, approved: true, erased: done.erased, seq: done.seq };
    },
  });
}
