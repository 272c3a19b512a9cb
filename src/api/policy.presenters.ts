// The what-if as the policy editor shows it (POST /policy/what-if): customers through the Viewer (SEC-1,
// logged SEC-2), times in local wall time, staff by name, each list cut at WHAT_IF_LIST_LIMIT.
import type { LiveOrderView, Owned, WhatIf } from '../app/what-if.ts';
import type { ShownCustomer, WhatIfAnswer } from '../contracts/index.ts';
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import { ruleIds } from '../core/reasons.ts';
import { localTime, type Viewer } from './customer-view.ts';

/** The most of each list a what-if answers with (each customer shown in full is logged, SEC-2); `totals` counts them all. */
export const WHAT_IF_LIST_LIMIT = 500;

/** A what-if as the editor shows it: customers through the Viewer (SEC-1, logged SEC-2), times in local wall time, staff by name. */
export function presentWhatIf(r: WhatIf, days: number, engine: Engine, viewer: Viewer, zone: string): WhatIfAnswer {
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
