// The order register (认购/签约台账, REP-2 / DEAL-2) and one order's whole story: stages and amounts,
// swaps, name changes, its credit now with the reasons, and its disputes. Pure reads of the engine.
import type { Engine } from '../../core/engine.ts';
import type { DealStage, StaffId, UnitId } from '../../core/facts.ts';
import type { Credit, Order } from '../../core/deal.rules.ts';
import { openDispute } from '../../core/deal.rules.ts';
import type { PhoneKey } from '../../core/phone.ts';
import type { Reason } from '../../core/reasons.ts';
import type { Instant } from '../../core/time.ts';

export type OrderState = 'live' | 'refund' | 'default';
export type DisputeState = 'none' | 'open' | 'resolved';

export interface OrderSummary {
  readonly id: number;
  readonly unit: UnitId;
  readonly phone: PhoneKey;
  readonly customerName: string | null;
  readonly closer: StaffId;
  readonly firstAt: Instant;
  readonly stage: DealStage;
  readonly stageAt: Instant;
  readonly paid: number;
  readonly listPrice: number | null;
  readonly state: OrderState;
  readonly endedAt: Instant | null;
  readonly credit: Credit;
  readonly dispute: DisputeState;
  /** Whether this order counts as a sale in reports (performance.countsFrom). */
  readonly counts: boolean;
}

export interface OrderQuery {
  readonly state?: OrderState | 'all';
  readonly closer?: StaffId;
  /** Only orders whose credit includes this consultant (a consultant's own orders and credit). */
  readonly creditTo?: StaffId;
  readonly from?: Instant;
  readonly to?: Instant;
}

export function orderSummary(engine: Engine, order: Order, now: Instant): OrderSummary {
  const last = order.stages[order.stages.length - 1];
  const counting = engine.policy.performance.countsFrom;
  const stages = ['smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'];
  return {
    id: order.id,
    unit: order.unit,
    phone: order.phone,
    customerName: engine.customers.get(order.phone)?.name ?? null,
    closer: order.closer,
    firstAt: order.firstAt,
    stage: order.stage,
    stageAt: last?.at ?? order.firstAt,
    paid: order.stages.reduce((t, s) => t + (s.amount ?? 0), 0),
    listPrice: engine.units.get(order.unit)?.price ?? null,
    state: order.ended ? order.ended.end : 'live',
    endedAt: order.ended?.at ?? null,
    credit: order.ended ? {} : engine.creditOf(order, now).credit,
    dispute: order.resolution ? 'resolved' : openDispute(order) ? 'open' : 'none',
    counts: !order.ended && stages.indexOf(order.stage) >= stages.indexOf(counting),
  };
}

/** Newest first. */
export function orderRegister(engine: Engine, q: OrderQuery, now: Instant): OrderSummary[] {
  const out: OrderSummary[] = [];
  for (const order of engine.allOrders.values()) {
    if (q.closer !== undefined && order.closer !== q.closer) continue;
    if (q.from !== undefined && order.firstAt < q.from) continue;
    if (q.to !== undefined && order.firstAt >= q.to) continue;
    const s = orderSummary(engine, order, now);
    if (q.state !== undefined && q.state !== 'all' && s.state !== q.state) continue;
    if (q.creditTo !== undefined && s.credit[q.creditTo] === undefined && order.closer !== q.creditTo) continue;
    out.push(s);
  }
  return out.sort((a, b) => b.id - a.id);
}

export interface OrderDetail extends OrderSummary {
  readonly creditReasons: readonly Reason[];
  readonly stages: Order['stages'];
  readonly moves: Order['moves'];
  readonly buyerChanges: Order['buyerChanges'];
  readonly disputes: Order['disputes'];
  readonly resolution: Order['resolution'];
  readonly ended: Order['ended'];
  /** Until when a colleague may object (DEAL-4). */
  readonly disputeDeadline: Instant;
}

export function orderDetail(engine: Engine, id: number, now: Instant): OrderDetail | null {
  const order = engine.allOrders.get(id);
  if (!order) return null;
  const credit = engine.creditOf(order, now);
  return {
    ...orderSummary(engine, order, now),
    creditReasons: credit.reasons,
    stages: order.stages,
    moves: order.moves,
    buyerChanges: order.buyerChanges,
    disputes: order.disputes,
    resolution: order.resolution,
    ended: order.ended,
    disputeDeadline: order.firstAt + engine.policy.disputes.windowDays * 24 * 3_600_000,
  };
}
