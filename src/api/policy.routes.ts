// The policy editor's endpoints: the office's policy with every knob described (GET /policy), and the
// what-if of an edited policy over the office's recent history (POST /policy/what-if), which records
// nothing. Saving is the `setPolicy` command (POST /commands/setPolicy), itself a recorded fact.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { whatIfSteps, type LiveOrderView, type Owned, type WhatIf } from '../app/what-if.ts';
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import { policySchema, STANDARD_POLICY } from '../core/policy.ts';
import { ruleIds } from '../core/reasons.ts';
import { DAY_MS } from '../core/time.ts';
import { addProjectRoute, inProject, type RouteDeps } from './api-route.ts';
import { projectParams } from './common.schemas.ts';
import { ApiError } from './error-map.ts';
import { localTime, Viewer, type ShownCustomer } from './customer-view.ts';
import { POLICY_KNOBS, POLICY_SECTIONS } from './policy-catalogue.ts';

/** The window a what-if looks back over by default: the last 30 days. */
export const WHAT_IF_DAYS = 30;
/** The most of each list a what-if answers with (each customer shown in full is logged, SEC-2); `totals` counts them all. */
export const WHAT_IF_LIST_LIMIT = 500;

const whatIfBody = z.strictObject({
  policy: policySchema,
  days: z.number().int().min(1).max(90).optional(),
});

/** Runs the what-if's steps, letting other requests in between (a year of a busy office takes seconds). */
async function completed<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export function policyRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  /** Projects with a what-if running: one at a time each, so repeated clicks cannot pile work up. */
  const running = new Set<string>();

  addProjectRoute(app, 'policy', {
    summary: 'The policy in force, the standard preset, and every knob: its kind and bounds, standard value, rule ids and meaning in zh-CN and English',
    tags: ['policy'],
    params: projectParams,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      const engine = await handle.engine();
      return { policy: engine.policy, standard: STANDARD_POLICY, sections: POLICY_SECTIONS, knobs: POLICY_KNOBS, whatIfDays: WHAT_IF_DAYS };
    },
  });

  addProjectRoute(app, 'policyWhatIf', {
    summary:
      'What if the edited policy had been in force for the last `days` (30): the recorded facts re-decided under it, and the customers whose owner or protection, the units whose credit, and the recorded answers that would change; records nothing',
    tags: ['policy'],
    params: projectParams,
    body: whatIfBody,
    handler: async ({ body }, req) => {
      const { caller, handle } = inProject(req);
      const project = handle.project.id;
      if (running.has(project)) throw new ApiError('rate_limited', { detail: 'a what-if is already running for this project', retryAfterSeconds: 5 });
      running.add(project);
      let result: WhatIf;
      const now = clock();
      const days = body.days ?? WHAT_IF_DAYS;
      const engine = await handle.engine();
      try {
        const facts = await handle.facts(0);
        // A SQL log begins with the starting policy; an in-memory office records none, and its policy stands in.
        const first = facts[0];
        const initialPolicy = first?.type === 'policySet' ? first.policy : engine.policy;
        result = await completed(whatIfSteps({ facts, zone: handle.project.zone, initialPolicy, candidate: body.policy, from: now - days * DAY_MS, now }));
      } finally {
        running.delete(project);
      }
      const viewer = new Viewer(caller, 'policyWhatIf');
      const answer = presentWhatIf(result, days, engine, viewer, handle.project.zone);
      await viewer.log(db, handle.project.id, now);
      return answer;
    },
  });
}

/** A what-if as the editor shows it: customers through the Viewer (SEC-1, logged SEC-2), times in local wall time, staff by name. */
function presentWhatIf(r: WhatIf, days: number, engine: Engine, viewer: Viewer, zone: string) {
  const limit = <T>(list: readonly T[]): T[] => list.slice(0, WHAT_IF_LIST_LIMIT);
  const customer = (phone: string | null, owner: StaffId | null): ShownCustomer | null => {
    if (phone === null) return null;
    // A masked report (CH-8) names no customer.
    if (phone.includes('*')) return { phone, name: null, masked: true };
    return viewer.customer(phone, engine.customers.get(phone)?.name ?? null, owner);
  };
  const owned = (o: Owned) => ({ owner: o.owner, protectedUntil: o.protectedUntil, protectedUntilLocal: localTime(o.protectedUntil, zone) });
  const order = (o: LiveOrderView | null) => (o ? { customer: customer(o.phone, o.closer), closer: o.closer, credit: o.credit } : null);
  const names: Record<StaffId, string | null> = {};
  for (const [id, member] of engine.staff) names[id] = member.name ?? null;
  return {
    days,
    from: r.from,
    fromLocal: localTime(r.from, zone),
    now: r.now,
    nowLocal: localTime(r.now, zone),
    redecided: r.redecided,
    ignoredPolicyChanges: r.ignoredPolicyChanges,
    notRedecided: r.notRedecided.length,
    drift: r.drift.length,
    totals: {
      customers: r.customers.length,
      ownerChanges: r.customers.filter((c) => c.ownerChanged).length,
      credits: r.credits.length,
      decisions: r.decisions.length,
      refused: r.refused.length,
    },
    customers: limit(r.customers).map((c) => ({
      customer: customer(c.phone, c.after.owner ?? c.before.owner),
      ownerChanged: c.ownerChanged,
      before: owned(c.before),
      after: owned(c.after),
      reasons: c.reasonsAfter,
      rules: ruleIds(c.reasonsAfter),
    })),
    credits: limit(r.credits).map((c) => ({ unit: c.unit, before: order(c.before), after: order(c.after) })),
    decisions: limit(r.decisions).map((d) => ({ seq: d.seq, type: d.type, at: d.at, atLocal: localTime(d.at, zone), customer: customer(d.phone, null), before: d.before, after: d.after })),
    refused: limit(r.refused).map((x) => ({ seq: x.seq, type: x.type, at: x.at, atLocal: localTime(x.at, zone), customer: customer(x.phone, null), code: x.code, detail: x.message })),
    queue: r.queue,
    names,
  };
}
