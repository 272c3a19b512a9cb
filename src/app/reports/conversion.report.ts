// REP-1 conversion: of the customers who visited in the period, how many went on to a small deposit,
// a deposit, a subscription and a contract (DEAL-2; a skipped stage counts as passed), by consultant,
// source, grade and broker. Each cell lists the customers (phones) behind its numbers.
import type { Order } from '../../core/deal.rules.ts';
import { DEAL_STAGES, type DealStage } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import type { RegisterEntry } from './report-entries.ts';

export const FUNNEL = ['smallDeposit', 'deposit', 'subscription', 'contract'] as const satisfies readonly DealStage[];
export type FunnelStage = (typeof FUNNEL)[number];

export interface FunnelCell {
  readonly key: string | null;
  readonly visitors: readonly PhoneKey[];
  readonly reached: Readonly<Record<FunnelStage, readonly PhoneKey[]>>;
}

export interface ConversionReport {
  readonly total: FunnelCell;
  readonly byConsultant: readonly FunnelCell[];
  readonly bySource: readonly FunnelCell[];
  readonly byGrade: readonly FunnelCell[];
  readonly byBroker: readonly FunnelCell[];
}

/** The furthest stage each customer's orders reached by now (an order later refunded still reached it). */
export function furthestStages(orders: Iterable<Order>): Map<PhoneKey, number> {
  const out = new Map<PhoneKey, number>();
  for (const o of orders) {
    const i = DEAL_STAGES.indexOf(o.stage);
    if (i > (out.get(o.phone) ?? -1)) out.set(o.phone, i);
  }
  return out;
}

export function conversionReport(entries: readonly RegisterEntry[], furthest: ReadonlyMap<PhoneKey, number>): ConversionReport {
  // The cohort: each customer once, as of their first visit in the period.
  const first = new Map<PhoneKey, RegisterEntry>();
  for (const e of entries) if (e.via === 'visit' && e.phone !== null && !first.has(e.phone)) first.set(e.phone, e);
  const cohort = [...first.values()];
  const cells = (keyOf: (e: RegisterEntry) => string | null): FunnelCell[] => {
    const map = new Map<string | null, { key: string | null; visitors: PhoneKey[]; reached: Record<FunnelStage, PhoneKey[]> }>();
    for (const e of cohort) {
      const key = keyOf(e);
      let c = map.get(key);
      if (!c) {
        c = { key, visitors: [], reached: { smallDeposit: [], deposit: [], subscription: [], contract: [] } };
        map.set(key, c);
      }
      const phone = e.phone as PhoneKey;
      c.visitors.push(phone);
      const reached = furthest.get(phone) ?? -1;
      for (const stage of FUNNEL) if (reached >= DEAL_STAGES.indexOf(stage)) c.reached[stage].push(phone);
    }
    return [...map.values()].sort((a, b) => Number(a.key === null) - Number(b.key === null) || b.visitors.length - a.visitors.length || String(a.key).localeCompare(String(b.key)));
  };
  return {
    total: cells(() => null)[0] ?? { key: null, visitors: [], reached: { smallDeposit: [], deposit: [], subscription: [], contract: [] } },
    byConsultant: cells((e) => e.consultant),
    bySource: cells((e) => e.details.source),
    byGrade: cells((e) => e.details.grade),
    byBroker: cells((e) => e.broker),
  };
}
