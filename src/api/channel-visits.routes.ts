// The broker-brought parties after the desk admitted them, over HTTP: the desk's 今日渠道带访 with the exit
// it logged (CH-6) and how the viewing confirmation ended (CH-7), and the confirmations a consultant still
// owes. Both are read from the log, so a reload shows what was settled (not today's receptions again).
import type { FastifyInstance } from 'fastify';
import { confirmationsOwedBy, escortedToday } from '../app/channel.queries.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { escortedTodaySchema, myConfirmationsQuery, myConfirmationsSchema } from '../contracts/channel.contract.ts';
import { addProjectRoute, authorisedInput, inProject, type RouteDeps } from './api-route.ts';
import { arrivalView } from './channel-customers.ts';
import { staffNames } from './customer-view.ts';
import { ApiError } from './error-map.ts';

export function channelVisitRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { clock } = deps;

  addProjectRoute(app, 'escortedToday', {
    summary: "Today's broker-brought parties with the exit the desk logged (CH-6) and the viewing confirmation's outcome (CH-7), earliest first",
    tags: ['channel'],
    params: projectParams,
    answer: escortedTodaySchema,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      const engine = await handle.engine();
      const now = clock();
      const rows = escortedToday(engine, now);
      return {
        now,
        parties: rows.map((r) => arrivalView(r, handle.project.zone)),
        names: staffNames(engine, rows.map((r) => r.receiver)),
      };
    },
  });

  addProjectRoute(app, 'myConfirmations', {
    summary: 'The viewing confirmations (看房确认单, CH-7) the consultant received a party for and has not settled; a manager may name a consultant (?of=)',
    tags: ['channel'],
    params: projectParams,
    query: myConfirmationsQuery,
    answer: myConfirmationsSchema,
    handler: async ({ query }, req) => {
      const { caller, handle } = inProject(req);
      const { of } = await authorisedInput('myConfirmations', caller, query);
      if (typeof of !== 'string') throw new ApiError('forbidden', { detail: 'your membership names no staff id' });
      const engine = await handle.engine();
      const now = clock();
      const rows = confirmationsOwedBy(engine, of);
      return {
        now,
        of,
        confirmations: rows.map((r) => arrivalView(r, handle.project.zone)),
        names: staffNames(engine, [of, ...rows.map((r) => r.receiver)]),
      };
    },
  });
}
