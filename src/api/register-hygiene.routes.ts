// Register hygiene reads over HTTP (issue 12.2): the desk's name search (REG-4) and the entries waiting for a
// decision (REG-5) or an identification (REG-7). Corrections, late entries, groups, outreach and referrers are
// fields of the `register` command; deciding and identifying are the commands decideLateEntry and identify.
import type { FastifyInstance } from 'fastify';
import { candidatesByName, pendingEntries } from '../app/register-hygiene.queries.ts';
import { projectParams, type ReadonlyDeep } from '../contracts/common.contract.ts';
import { judgeByNameQuery, judgeByNameSchema, pendingEntriesQuery, pendingEntriesSchema, type PendingEntry } from '../contracts/register-hygiene.contract.ts';
import type { Engine } from '../core/engine.ts';
import { reason, ruleIds } from '../core/reasons.ts';
import type { RegisterEntry } from '../core/register-book.ts';
import { addProjectRoute, authorisedInput, inProject, type RouteDeps } from './api-route.ts';
import { localTime, maskName, shownTo, staffNames, staffRef, type Viewer } from './customer-view.ts';

export function registerHygieneRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock } = deps;

  addProjectRoute(app, 'judgeByName', {
    summary: 'Judge by full name (REG-4): the customers registered under it, masked per role, each with whose and until when',
    tags: ['customers'],
    params: projectParams,
    query: judgeByNameQuery,
    answer: judgeByNameSchema,
    handler: async ({ query }, req) => {
      const { caller, handle } = inProject(req);
      const now = clock();
      const engine = await handle.engine();
      const zone = handle.project.zone;
      const found = candidatesByName(engine, query.name, now);
      const why = [
        found.total === 0
          ? reason('REG-4', 'nameNotFound', 'nobody is registered under this name: ask for the phone number')
          : reason('REG-4', 'nameCandidates', `${found.total} customers are registered under this name: confirm with the phone or the car plate`, { count: found.total }),
      ];
      return shownTo(db, caller, handle.project.id, 'judgeByName', now, (viewer) => ({
        total: found.total,
        candidates: found.candidates.map((c) => ({
          customer: viewer.customer(c.phone, c.name, c.ownership.owner),
          owner: c.ownership.owner ? staffRef(engine, c.ownership.owner) : null,
          protectedUntil: c.ownership.protectedUntil,
          protectedUntilLocal: localTime(c.ownership.protectedUntil, zone),
          lastArrival: c.lastArrival,
          reasons: c.ownership.reasons,
          rules: ruleIds(c.ownership.reasons),
        })),
        reasons: why,
        rules: ruleIds(why),
      }));
    },
  });

  addProjectRoute(app, 'pendingEntries', {
    summary: 'Entries waiting: late entries for the manager (REG-5) and entries without a phone to identify (REG-7); a consultant sees their own',
    tags: ['customers'],
    params: projectParams,
    query: pendingEntriesQuery,
    answer: pendingEntriesSchema,
    handler: async ({ query }, req) => {
      const { caller, handle } = inProject(req);
      const resolved = await authorisedInput('pendingEntries', caller, query);
      const of = caller.grant === 'self' ? String(resolved.of) : (query.of ?? null);
      const now = clock();
      const engine = await handle.engine();
      const zone = handle.project.zone;
      const pending = pendingEntries(engine, of);
      return shownTo(db, caller, handle.project.id, 'pendingEntries', now, (viewer) => {
        const view = (e: RegisterEntry) => entryView(e, engine, viewer, zone, now);
        const all = [...pending.late, ...pending.unidentified];
        return { late: pending.late.map(view), unidentified: pending.unidentified.map(view), names: staffNames(engine, all.flatMap((e) => [e.by, e.consultant])) };
      });
    },
  });
}

function entryView(e: RegisterEntry, engine: Engine, viewer: Viewer, zone: string, now: number): ReadonlyDeep<PendingEntry> {
  const phone = e.phone ?? e.identified?.phone ?? null;
  const owner = phone ? engine.ownership(phone, now).owner : null;
  const customer = phone ? viewer.customer(phone, e.name, owner) : null;
  return {
    entry: e.seq,
    at: e.at,
    atLocal: localTime(e.at, zone),
    by: e.by,
    consultant: e.consultant,
    via: e.via,
    customer,
    name: customer ? customer.name : (viewer.seesFull(e.consultant) ? e.name : maskName(e.name)),
    valid: e.valid,
    visitedAt: e.late?.visitedAt ?? null,
    visitedAtLocal: localTime(e.late?.visitedAt ?? null, zone),
    units: e.units,
    appearance: viewer.seesFull(e.consultant) ? e.appearance : null,
    owner: owner ? staffRef(engine, owner) : null,
  };
}
