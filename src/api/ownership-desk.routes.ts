// The ownership rules' reads over HTTP: the manager's desk (OWN-9's turn and rate, OWN-13's last frozen
// register) and a consultant's unread arrival alerts (RISK-2, kept until read; the read mark is a command).
import type { FastifyInstance } from 'fastify';
import { projectParams } from '../contracts/common.contract.ts';
import { myAlertsSchema, ownershipDeskSchema } from '../contracts/ownership-desk.contract.ts';
import { ruleIds } from '../core/reasons.ts';
import { logReads } from '../accounts/record-reads-store.ts';
import { unreadOwnerAlerts } from '../app/floor.queries.ts';
import { ownershipDesk } from '../app/ownership-desk.queries.ts';
import { addProjectRoute, inProject, type RouteDeps } from './api-route.ts';
import { localTime, staffNames } from './customer-view.ts';
import { presentOwnerAlert } from './floor.presenters.ts';

export function ownershipDeskRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { clock, indexes, db } = deps;

  addProjectRoute(app, 'ownershipDesk', {
    summary: "The manager's ownership desk: whose turn the next introduced customer is and the commission rate (OWN-9), the last frozen register (OWN-13)",
    tags: ['customers'],
    params: projectParams,
    answer: ownershipDeskSchema,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      const engine = await handle.engine();
      const desk = ownershipDesk(engine, clock());
      const people = [desk.next, desk.lastFrozen?.by].filter((s): s is string => typeof s === 'string');
      return {
        next: desk.next,
        reasons: [...desk.nextReasons],
        rules: ruleIds(desk.nextReasons),
        rate: desk.rate,
        assigned: desk.assigned,
        lastFrozen: desk.lastFrozen ? { ...desk.lastFrozen, atLocal: localTime(desk.lastFrozen.at, handle.project.zone) } : null,
        recycleDays: desk.recycleDays,
        reassignedOwns: desk.reassignedOwns,
        names: staffNames(engine, people),
      };
    },
  });

  addProjectRoute(app, 'myAlerts', {
    summary: 'RISK-2: my customers who walked in and whose alert I have not marked read (the last 30 days), newest first',
    tags: ['floor'],
    params: projectParams,
    answer: myAlertsSchema,
    handler: async (_input, req) => {
      const { caller, handle } = inProject(req);
      if (caller.staffId === null) return { alerts: [] };
      const now = clock();
      const index = await indexes.caughtUp(handle);
      const engine = await handle.engine();
      const alerts = unreadOwnerAlerts(engine, index, caller.staffId, now).map((a) => presentOwnerAlert(engine, a, handle.project.zone));
      // SEC-2: the owner sees their own customer in full, and the read is logged like the stream's alerts.
      await logReads(db, alerts.map((a) => ({ at: now, userId: caller.userId, login: caller.login, project: handle.project.id, customer: a.customer.phone, endpoint: 'myAlerts' })));
      return { alerts };
    },
  });
}
