// RISK-1 over HTTP: GET /risk-alerts — the alerts over the last `days` (default 30), thresholds as query
// knobs over the standard ones. Computed from the facts at reading time; nothing is stored.
import type { FastifyInstance } from 'fastify';
import { projectParams } from '../contracts/common.contract.ts';
import { riskAnswerSchema, riskQuery } from '../contracts/risk.contract.ts';
import { displayMasked } from '../core/phone.ts';
import { riskAlerts, STANDARD_RISK } from '../core/risk.rules.ts';
import { DAY_MS } from '../core/time.ts';
import { addProjectRoute, inProject, type RouteDeps } from './api-route.ts';
import { localTime, staffNames } from './customer-view.ts';

export function riskRoutes(app: FastifyInstance, deps: RouteDeps): void {
  addProjectRoute(app, 'riskAlerts', {
    summary: "The manager's anomaly alerts (RISK-1): repeated edits, several followers, broker hopping, a report just after the customer's own arrival; each names its records",
    tags: ['floor'],
    params: projectParams,
    query: riskQuery,
    answer: riskAnswerSchema,
    handler: async ({ query }, req) => {
      const { handle } = inProject(req);
      const now = deps.clock();
      const since = now - (query.days ?? 30) * DAY_MS;
      const facts = (await handle.facts(0)).filter((f) => f.at >= since && f.at <= now);
      const { days: _days, ...knobs } = query;
      const thresholds = { ...STANDARD_RISK, ...Object.fromEntries(Object.entries(knobs).filter(([, v]) => v !== undefined)) };
      const alerts = riskAlerts(facts, thresholds).reverse();
      const engine = await handle.engine();
      return {
        since,
        alerts: alerts.map((a) => ({ kind: a.kind, phone: displayMasked(a.phone), who: a.who, at: a.at, atLocal: localTime(a.at, handle.project.zone), records: [...a.records] })),
        names: staffNames(engine, alerts.map((a) => a.who)),
      };
    },
  });
}
