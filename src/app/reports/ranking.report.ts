// REP-3 consultant ranking: visits received, new visitors, calls, sales counted in the period (countsFrom),
// their area and amount, the credit of those sales as it stands now (DEAL-3, DEAL-5, DEAL-2), and the
// conversion of new visitors into sales. The best first: credit, then sales, then visits.
import type { Engine } from '../../core/engine.ts';
import type { StaffId } from '../../core/facts.ts';
import type { Instant } from '../../core/time.ts';
import type { ReportPeriod } from './report-period.ts';
import type { RegisterEntry } from './report-entries.ts';
import type { SalesReport } from './sales.report.ts';

export interface RankingRow {
  readonly rank: number;
  readonly who: StaffId;
  readonly visits: number;
  readonly newVisits: number;
  readonly calls: number;
  /** Orders they closed that counted as sales in the period. */
  readonly sales: readonly number[];
  readonly area: number;
  readonly amount: number;
  /** Their shares of the sales of the period (a share of a colleague's sale included). */
  readonly credit: number;
  /** sales / new visitors, 0 with no new visitor. */
  readonly conversion: number;
}

export function rankingReport(engine: Engine, period: ReportPeriod, entries: readonly RegisterEntry[], sales: SalesReport, now: Instant): RankingRow[] {
  type Row = { -readonly [K in Exclude<keyof RankingRow, 'rank' | 'sales' | 'conversion'>]: RankingRow[K] } & { sales: number[] };
  const rows = new Map<StaffId, Row>();
  const row = (who: StaffId): Row => {
    let r = rows.get(who);
    if (!r) {
      r = { who, visits: 0, newVisits: 0, calls: 0, sales: [], area: 0, amount: 0, credit: 0 };
      rows.set(who, r);
    }
    return r;
  };
  for (const s of engine.staff.values()) {
    const left = engine.departed.get(s.id);
    if (s.role === 'consultant' && (left === undefined || left >= period.start)) row(s.id);
  }
  const isConsultant = (who: string) => engine.staff.get(who)?.role === 'consultant';
  for (const e of entries) {
    if (e.consultant === null || !isConsultant(e.consultant)) continue;
    const r = row(e.consultant);
    if (e.via === 'visit') {
      r.visits++;
      if (e.isNew) r.newVisits++;
    } else r.calls++;
  }
  for (const sold of sales.sold) {
    if (isConsultant(sold.closer)) {
      const r = row(sold.closer);
      r.sales.push(sold.order);
      r.area += sold.area ?? 0;
      r.amount += sold.price ?? 0;
    }
    const order = engine.allOrders.get(sold.order);
    if (!order) continue;
    for (const [who, share] of Object.entries(engine.creditOf(order, now).credit)) if (isConsultant(who)) row(who).credit += share;
  }
  const round = (n: number, p = 1000) => Math.round(n * p) / p;
  return [...rows.values()]
    .map((r) => ({ ...r, area: round(r.area, 100), amount: round(r.amount, 100), credit: round(r.credit), conversion: r.newVisits === 0 ? 0 : round(r.sales.length / r.newVisits) }))
    .sort((a, b) => b.credit - a.credit || b.sales.length - a.sales.length || b.visits - a.visits || a.who.localeCompare(b.who))
    .map((r, i) => ({ rank: i + 1, ...r }));
}
