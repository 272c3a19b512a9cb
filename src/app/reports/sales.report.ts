// REP-2: the small-deposit, deposit, subscription and contract registers of the period (each stage an order
// reached in it, DEAL-2) and the sales statistics — units, area, amount — of the orders that began to count as
// sales in the period (`performance.countsFrom`), by consultant. Over the engine's orders: O(orders).
import type { Engine } from '../../core/engine.ts';
import type { Order } from '../../core/deal.rules.ts';
import { DEAL_STAGES, type DealStage, type StaffId, type UnitId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import type { Instant } from '../../core/time.ts';
import type { ReportPeriod } from './report-period.ts';

export interface OrderRow {
  readonly order: number;
  /** The seq of the stage fact. */
  readonly seq: number;
  readonly at: Instant;
  readonly stage: DealStage;
  readonly unit: UnitId;
  readonly building: string | null;
  readonly room: string | null;
  readonly area: number | null;
  /** The unit's list price, yuan. */
  readonly price: number | null;
  /** Yuan paid at this stage, when recorded. */
  readonly amount: number | null;
  readonly phone: PhoneKey;
  readonly name: string | null;
  readonly closer: StaffId;
  /** 退房 / 违约 since (DEAL-2). */
  readonly ended: boolean;
}

export interface SalesTotals {
  readonly key: string | null;
  /** The orders counted (by id). */
  readonly orders: readonly number[];
  readonly area: number;
  readonly amount: number;
}

export interface SalesReport {
  readonly countsFrom: DealStage;
  readonly registers: Readonly<Record<'smallDeposit' | 'deposit' | 'subscription' | 'contract', readonly OrderRow[]>>;
  readonly total: SalesTotals;
  readonly byConsultant: readonly SalesTotals[];
  /** Every order counted as a sale in the period, with its row at the counting stage. */
  readonly sold: readonly OrderRow[];
}

/** The order's stage record from which it counts as a sale (the first at or past `countsFrom`), if it has one. */
export function countingStage(order: Order, countsFrom: DealStage): Order['stages'][number] | null {
  const k = DEAL_STAGES.indexOf(countsFrom);
  return order.stages.find((s) => DEAL_STAGES.indexOf(s.stage) >= k) ?? null;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function salesReport(engine: Engine, period: ReportPeriod): SalesReport {
  const countsFrom = engine.policy.performance.countsFrom;
  const registers = { smallDeposit: [] as OrderRow[], deposit: [] as OrderRow[], subscription: [] as OrderRow[], contract: [] as OrderRow[] };
  const sold: OrderRow[] = [];
  const inPeriod = (at: Instant) => at >= period.start && at < period.end;
  for (const order of engine.allOrders.values()) {
    const unit = engine.units.get(order.unit);
    const rowOf = (s: Order['stages'][number]): OrderRow => ({
      order: order.id,
      seq: s.seq,
      at: s.at,
      stage: s.stage,
      unit: order.unit,
      building: unit?.building ?? null,
      room: unit?.room ?? null,
      area: unit?.area ?? null,
      price: unit?.price ?? null,
      amount: s.amount,
      phone: order.phone,
      name: engine.customers.get(order.phone)?.name ?? null,
      closer: order.closer,
      ended: order.ended !== null,
    });
    for (const s of order.stages) if (s.stage !== 'fullPayment' && inPeriod(s.at)) registers[s.stage].push(rowOf(s));
    const counting = countingStage(order, countsFrom);
    if (counting && inPeriod(counting.at) && order.ended === null) sold.push(rowOf(counting));
  }
  for (const list of Object.values(registers)) list.sort((a, b) => a.seq - b.seq);
  sold.sort((a, b) => a.seq - b.seq);
  const totals = (key: string | null, rows: readonly OrderRow[]): SalesTotals => ({
    key,
    orders: rows.map((r) => r.order),
    area: round(rows.reduce((s, r) => s + (r.area ?? 0), 0)),
    amount: round(rows.reduce((s, r) => s + (r.price ?? 0), 0)),
  });
  const byCloser = new Map<StaffId, OrderRow[]>();
  for (const r of sold) byCloser.set(r.closer, [...(byCloser.get(r.closer) ?? []), r]);
  return {
    countsFrom,
    registers,
    total: totals(null, sold),
    byConsultant: [...byCloser].map(([who, rows]) => totals(who, rows)).sort((a, b) => b.orders.length - a.orders.length || b.amount - a.amount),
    sold,
  };
}
