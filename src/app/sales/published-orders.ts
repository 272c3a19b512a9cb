// DEAL-6: the daily list of customers who placed orders, published to the floor so claims surface early.
// The adapter masks the phones (SEC-1); this read only finds the orders.
import type { Engine } from '../../core/engine.ts';
import type { DealStage, StaffId, UnitId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { DAY_MS, type Instant } from '../../core/time.ts';

export interface PublishedOrder {
  readonly id: number;
  readonly unit: UnitId;
  readonly phone: PhoneKey;
  readonly customerName: string | null;
  readonly closer: StaffId;
  readonly at: Instant;
  readonly stage: DealStage;
  /** Until when a colleague may still object (DEAL-4). */
  readonly disputeDeadline: Instant;
}

/** Orders first placed on the local day of `day` (any instant of that day), oldest first, ended ones included. */
export function publishedOrders(engine: Engine, day: Instant): PublishedOrder[] {
  const key = engine.dayOf(day);
  const out: PublishedOrder[] = [];
  for (const order of engine.allOrders.values()) {
    if (engine.dayOf(order.firstAt) !== key) continue;
    out.push({
      id: order.id,
      unit: order.unit,
      phone: order.phone,
      customerName: engine.customers.get(order.phone)?.name ?? null,
      closer: order.closer,
      at: order.firstAt,
      stage: order.stage,
      disputeDeadline: order.firstAt + engine.policy.disputes.windowDays * DAY_MS,
    });
  }
  return out.sort((a, b) => a.at - b.at);
}
