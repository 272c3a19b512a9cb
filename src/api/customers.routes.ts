// Questions about customers: the front desk's judge (判客), the ownership check, a customer's timeline,
// a consultant's own customers, and the SEC-2 read log. Each validates, asks the engine through
// src/app/customers.queries.ts, and shows the answer through a Viewer, which masks (SEC-1) and logs (SEC-2).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listReads } from '../accounts/record-reads-store.ts';
import type { OfficeHandle } from '../store/offices.ts';
import type { Caller, EndpointName } from './access.policy.ts';
import { addProjectRoute, authorisedInput, inProject, parseWith, type RouteDeps } from './api-route.ts';
import { customersOf, channelOf, judge, timeline } from '../app/customers.queries.ts';
import { idSchema, projectParams } from '../contracts/common.contract.ts';
import {
  judgementSchema,
  judgeQuery,
  myCustomersQuery,
  myCustomersSchema,
  ownershipAnswerSchema,
  phoneParams,
  recordReadsQuery,
  recordReadsSchema,
  timelineSchema,
} from '../contracts/customers.contract.ts';
import { presentJudgement, presentOwned, presentOwnership, presentTimeline, shownTo, type Viewer } from './customer-view.ts';
import { ApiError } from './error-map.ts';

/** After the access table: whose customers (a consultant's own, or the one a manager named). */
const mineResolved = z.object({ of: idSchema });

export function customerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock, indexes } = deps;

  /** Presents an answer through a Viewer (SEC-1) and logs the full reads it made (SEC-2) before it leaves. */
  const shown = <T>(caller: Caller, handle: OfficeHandle, endpoint: EndpointName, now: number, present: (viewer: Viewer) => T): Promise<T> => shownTo(db, caller, handle.project.id, endpoint, now, present);

  addProjectRoute(app, 'judge', {
    summary: 'Judge a visitor (判客): new, or whose and until when, broker protection, family, reasons, who would receive them now (REG-4, OWN-15)',
    tags: ['customers'],
    params: projectParams,
    query: judgeQuery,
    answer: judgementSchema,
    handler: async ({ query }, req) => {
      const { caller, handle } = inProject(req);
      const now = clock();
      const engine = await handle.engine();
      return shown(caller, handle, 'judge', now, (viewer) => presentJudgement(judge(engine, query, now), engine, viewer, handle.project.zone));
    },
  });

  addProjectRoute(app, 'ownership', {
    summary: 'Owner, protected until, and broker protection of a phone now (OWN-2, CH-4)',
    tags: ['customers'],
    params: phoneParams,
    answer: ownershipAnswerSchema,
    handler: async ({ params }, req) => {
      const { handle } = inProject(req);
      const now = clock();
      const engine = await handle.engine();
      return presentOwnership(engine, engine.ownership(params.phone, now), channelOf(engine, params.phone, now), handle.project.zone);
    },
  });

  addProjectRoute(app, 'timeline', {
    summary: "Every record of the customer's household with who and when, and the ownership explanation (OWN-15, SEC-1, SEC-2)",
    tags: ['customers'],
    params: phoneParams,
    answer: timelineSchema,
    handler: async ({ params }, req) => {
      const { caller, handle } = inProject(req);
      const now = clock();
      const index = await indexes.caughtUp(handle);
      const engine = await handle.engine();
      const found = timeline(engine, index, params.phone, now);
      if (!found) throw new ApiError('not_found', { detail: 'nothing is recorded about this customer' });
      return shown(caller, handle, 'timeline', now, (viewer) => presentTimeline(found, engine, viewer, handle.project.zone));
    },
  });

  addProjectRoute(app, 'myCustomers', {
    summary: "A consultant's customers, protection running out first, a page at a time (managers and supervisors: ?of=staff)",
    tags: ['customers'],
    params: projectParams,
    query: myCustomersQuery,
    answer: myCustomersSchema,
    handler: async ({ query }, req) => {
      const { caller, handle } = inProject(req);
      const { of } = parseWith(mineResolved, await authorisedInput('myCustomers', caller, query), req.ctx.lang, 'query');
      const now = clock();
      const index = await indexes.caughtUp(handle);
      const engine = await handle.engine();
      const all = customersOf(engine, index, of, now);
      const page = all.slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? 200));
      return shown(caller, handle, 'myCustomers', now, (viewer) => ({ of, total: all.length, customers: presentOwned(page, viewer, of, handle.project.zone) }));
    },
  });

  addProjectRoute(app, 'recordReads', {
    summary: 'The log of full customer-record reads, newest first (SEC-2)',
    tags: ['customers'],
    params: projectParams,
    query: recordReadsQuery,
    answer: recordReadsSchema,
    handler: async ({ params, query }) => ({
      reads: await listReads(db, { project: params.project, limit: query.limit ?? 100, ...(query.customer ? { customer: query.customer } : {}), ...(query.before !== undefined ? { before: query.before } : {}) }),
    }),
  });
}
