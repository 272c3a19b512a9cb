// The violation register over HTTP (PEN-1, ROT-14): GET /violations. Recording, appealing and deciding are
// commands (recordViolation, appeal, decideAppeal) through the command routes.
import type { FastifyInstance } from 'fastify';
import { violationRegister } from '../app/violations.queries.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { violationsAnswerSchema, violationsQuery, type ViolationView } from '../contracts/violations.contract.ts';
import type { ReadonlyDeep } from '../contracts/common.contract.ts';
import { addProjectRoute, authorisedInput, inProject, type RouteDeps } from './api-route.ts';
import { localTime, staffNames } from './customer-view.ts';

export function violationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  addProjectRoute(app, 'violations', {
    summary: 'The violation register: person, rule, date, evidence, sanction and appeal, newest first; staff see their own (PEN-1, ROT-14)',
    tags: ['floor'],
    params: projectParams,
    query: violationsQuery,
    answer: violationsAnswerSchema,
    handler: async ({ query }, req) => {
      const { caller, handle } = inProject(req);
      const resolved = await authorisedInput('violations', caller, query);
      const of = caller.grant === 'self' ? String(resolved.of) : query.of;
      const engine = await handle.engine();
      const zone = handle.project.zone;
      const rows = violationRegister(engine, deps.clock(), of);
      const violations = rows.map(({ violation: v, suspendedNow }): ReadonlyDeep<ViolationView> => ({
        id: v.id,
        at: v.at,
        atLocal: localTime(v.at, zone),
        who: v.who,
        rule: v.rule,
        on: v.on,
        onLocal: localTime(v.on, zone),
        evidence: [...v.evidence],
        sanction: v.sanction.kind === 'suspension' ? { ...v.sanction, untilLocal: localTime(v.sanction.until, zone) } : v.sanction,
        suspendedNow,
        by: v.by,
        note: v.note,
        appeal: v.appeal,
        grounds: v.appealFiled?.grounds ?? null,
        decisionReason: v.appealDecided?.reason ?? null,
      }));
      return { violations, names: staffNames(engine, rows.flatMap((r) => [r.violation.who, r.violation.by])) };
    },
  });
}
