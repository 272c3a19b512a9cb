// The first run of an empty install: while the installation has no user at all, the login page may create
// its first administrator (no command line needed). Once any user exists the route refuses, so it cannot
// be used to add a second administrator; the server listens on 127.0.0.1 unless told otherwise, so on a
// fresh install only the machine it runs on can take this step first.
import type { FastifyInstance } from 'fastify';
import { recordAccountChange } from '../accounts/account-changes-store.ts';
import { AccountError, addUser } from '../accounts/accounts-store.ts';
import { firstRunSchema, newUserBody, directoryEntrySchema } from '../contracts/admin.contract.ts';
import type { Db } from '../store/sql/db.ts';
import { int } from '../store/sql/db.ts';
import { addRoute, type RouteDeps } from './api-route.ts';
import { ApiError } from './error-map.ts';

async function noUsers(db: Db): Promise<boolean> {
  return int((await db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM users'))?.n) === 0;
}

export function firstRunRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock } = deps;

  addRoute(app, {
    method: 'GET',
    url: '/api/setup',
    access: 'public',
    summary: 'Whether this is an empty install that needs its first administrator',
    tags: ['admin'],
    answer: firstRunSchema,
    handler: async () => ({ needsAdmin: await noUsers(db) }),
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/setup/admin',
    access: 'public',
    summary: 'Create the first administrator of an empty install; refused once any user exists (audited)',
    tags: ['admin'],
    body: newUserBody,
    answer: directoryEntrySchema,
    status: 201,
    handler: async ({ body }, _req, reply) => {
      // One lock: two browsers racing on a fresh install make one administrator, not two.
      const user = await db.transaction(
        async (tx) => {
          if (!(await noUsers(tx))) throw new ApiError('forbidden', { detail: 'the first administrator exists already' });
          try {
            return await addUser(tx, { ...body, admin: true }, { now: clock(), hashCost: deps.hashCost });
          } catch (error) {
            if (error instanceof AccountError) throw new ApiError('account_refused', { detail: error.message });
            throw error;
          }
        },
        { lock: 'anchang:first-admin' },
      );
      await recordAccountChange(db, { at: clock(), byLogin: user.login, action: 'userCreated', login: user.login, project: null, detail: { displayName: user.displayName, admin: 'first run' } });
      reply.status(201);
      return { login: user.login, displayName: user.displayName, active: true, admin: true, memberships: [] };
    },
  });
}
