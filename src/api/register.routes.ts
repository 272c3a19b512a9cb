// The manager's view of the whole office: the register with the public pool in it (SEC-1, SEC-2, OWN-10,
// OWN-12), the staff roster (ROT-14, OWN-10), and the consultants' month (REP-1, REP-3). Each validates,
// asks src/app/register.queries.ts, and shows customers through a Viewer, which masks (SEC-1) and logs (SEC-2).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { monthOf, monthRange } from '../app/performance.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { monthReportSchema, performanceQuery, registerPageSchema, registerQuery, rosterSchema } from '../contracts/register.contract.ts';
import { addProjectRoute, authorisedInput, inProject, type RouteDeps } from './api-route.ts';
import { localTime, presentRegister, shownTo } from './customer-view.ts';
import { ApiError } from './error-map.ts';
import { monthOfConsultants, poolOfMonth, registerPage, roster } from '../app/register.queries.ts';

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock, indexes } = deps;
  /** The caught-up index and engine of the request's project, and the instant the answer is for. */
  const caughtUp = async (req: FastifyRequest) => {
    const { caller, handle } = inProject(req);
    const now = clock();
    const index = await indexes.caughtUp(handle);
    return { caller, handle, now, index, engine: await handle.engine(), zone: handle.project.zone };
  };

  addProjectRoute(app, 'customers', {
    summary: 'The whole register, unmasked (SEC-1): search by phone fragment or name, filter by owner and by owned / pool / lapsing within 7 days, a page at a time; each customer shown is logged (SEC-2)',
    tags: ['customers'],
    params: projectParams,
    query: registerQuery,
    answer: registerPageSchema,
    handler: async ({ query }, req) => {
      const { caller, handle, now, index, engine, zone } = await caughtUp(req);
      const page = registerPage(engine, index, { ...query, page: query.page ?? 1, size: query.size ?? 50 }, now);
      return shownTo(db, caller, handle.project.id, 'customers', now, (viewer) => presentRegister(page, engine, viewer, zone));
    },
  });

  addProjectRoute(app, 'staff', {
    summary: 'Every member of staff, on today’s board or not: role, team, left when (OWN-10), suspended until (ROT-14), on the floor today, customers owned',
    tags: ['floor'],
    params: projectParams,
    answer: rosterSchema,
    handler: async (_input, req) => {
      const { now, index, engine, zone } = await caughtUp(req);
      return {
        staff: roster(engine, index, now).map((m) => ({ ...m, departedAtLocal: localTime(m.departedAt, zone), suspendedUntilLocal: localTime(m.suspendedUntil, zone) })),
      };
    },
  });

  addProjectRoute(app, 'performance', {
    summary: "Consultants' month (REP-1, REP-3): parties received by ground, registrations, follow-ups, customers owned now, orders and credit; a consultant sees their own",
    tags: ['floor'],
    params: projectParams,
    query: performanceQuery,
    answer: monthReportSchema,
    handler: async ({ query }, req) => {
      const { caller } = inProject(req);
      const resolved = await authorisedInput('performance', caller, query);
      // A `self` caller is narrowed to themselves; a manager who names nobody sees every consultant.
      const of = caller.grant === 'self' ? resolved.of : query.of;
      const { now, index, engine, zone } = await caughtUp(req);
      const month = monthRange(query.month ?? monthOf(now, zone), zone);
      if (!month) throw new ApiError('validation', { detail: 'not a month' });
      const rows = monthOfConsultants(engine, index, month, now);
      return { month: month.month, start: month.start, end: month.end, consultants: typeof of === 'string' ? rows.filter((r) => r.who === of) : rows, pool: poolOfMonth(engine, index, month, now) };
    },
  });
}
