// REP-1..3 and REG-3 over a small office: visits and calls new vs returning by consultant, source and hour;
// the conversion funnel by consultant, source, grade and broker; the order registers and sales counted from
// `performance.countsFrom`; the ranking; follow-up compliance with the customers behind each miss; protection
// about to lapse. Every number is the length of the list of records behind it (the drill-down).
import { beforeAll, describe, expect, it } from 'vitest';
import { monthsOf, reportPeriod } from '../../src/app/reports/report-period.ts';
import { at, ZONE } from '../support/office.ts';
import { reportOffice, type ReportOffice } from './reports-office.ts';

describe('reportPeriod', () => {
  it('is a local day, its Monday-to-Sunday week, its month, or a range of whole days', () => {
    expect(reportPeriod('day', '2026-03-04', ZONE)).toMatchObject({ first: '2026-03-04', last: '2026-03-04', start: at('2026-03-04 00:00'), end: at('2026-03-05 00:00') });
    expect(reportPeriod('week', '2026-03-04', ZONE)).toMatchObject({ first: '2026-03-02', last: '2026-03-08' });
    expect(reportPeriod('month', '2026-02-10', ZONE)).toMatchObject({ first: '2026-02-01', last: '2026-02-28', end: at('2026-03-01 00:00') });
    const range = reportPeriod('range', '2026-01-30', ZONE, '2026-03-02');
    expect(range && monthsOf(range)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(reportPeriod('range', '2026-03-02', ZONE, '2026-03-01')).toBeNull();
    expect(reportPeriod('day', '2026-02-30', ZONE)).toBeNull();
    expect(reportPeriod('range', '2020-01-01', ZONE, '2026-01-01')).toBeNull();
  });
});

describe('officeReport', () => {
  let office: ReportOffice;
  const report = (kind: 'day' | 'week' | 'month', date: string, now: string) => office.report(kind, date, now);
  beforeAll(async () => {
    office = await reportOffice();
  });

  it('REP-1: counts the day’s visits and calls, new vs returning, by consultant, source and hour', async () => {
    const r = await report('day', '2026-03-02', '2026-03-02 20:00');
    expect(r.entries.map((e) => [e.via, e.phone, e.consultant, e.isNew])).toEqual([
      ['visit', '13800000001', 'A', true],
      ['visit', '13800000002', 'B', true],
      ['visit', '13800000003', 'A', true],
      ['call', '13800000004', 'B', true],
    ]);
    expect(r.visits.total.visits).toHaveLength(3);
    expect(r.visits.total.calls).toHaveLength(1);
    const byWho = Object.fromEntries(r.visits.byConsultant.map((c) => [c.key, c]));
    expect(byWho.A?.visits).toHaveLength(2);
    expect(byWho.B?.calls).toEqual([r.entries[3]?.seq]);
    expect(Object.fromEntries(r.visits.bySource.map((c) => [String(c.key), c.visits.length + c.calls.length]))).toEqual({ 朋友介绍: 1, 网络: 1, 渠道: 1, null: 1 });
    expect(r.visits.byHour.map((c) => [c.key, c.visits.length])).toEqual([['09', 1], ['10', 2], ['11', 0]]);
    // the week: P1's second visit is a returning one
    const week = await report('week', '2026-03-02', '2026-03-06 20:00');
    expect(week.visits.total.visits).toHaveLength(4);
    expect(week.visits.total.newVisits).toHaveLength(3);
    // REG-3: the register fields reach the report
    expect(week.entries[0]?.details).toMatchObject({ source: '朋友介绍', grade: 'A', budget: 150 });
  });

  it('REP-1: the conversion funnel, by consultant, source, grade and broker, with the customers behind each step', async () => {
    const r = await report('week', '2026-03-02', '2026-03-06 20:00');
    expect(r.conversion.total.visitors).toHaveLength(3);
    expect(r.conversion.total.reached).toEqual({ smallDeposit: ['13800000001', '13800000002'], deposit: ['13800000001'], subscription: ['13800000001'], contract: [] });
    const grade = Object.fromEntries(r.conversion.byGrade.map((c) => [c.key, [c.visitors.length, c.reached.deposit.length]]));
    expect(grade).toEqual({ A: [2, 1], B: [1, 0] });
    const broker = Object.fromEntries(r.conversion.byBroker.map((c) => [String(c.key), c.visitors]));
    expect(broker.lianjia).toEqual(['13800000003']);
  });

  it('REP-2: the stage registers and the sales counted from performance.countsFrom (units, area, amount)', async () => {
    const r = await report('month', '2026-03-02', '2026-03-06 20:00');
    expect(r.sales.registers.deposit.map((o) => [o.unit, o.amount])).toEqual([['U1', 50_000]]);
    expect(r.sales.registers.smallDeposit.map((o) => o.unit)).toEqual(['U2']);
    expect(r.sales.registers.subscription.map((o) => o.unit)).toEqual(['U1']);
    expect(r.sales.countsFrom).toBe('subscription');
    expect(r.sales.total).toMatchObject({ area: 98.5, amount: 1_200_000 });
    expect(r.sales.total.orders).toHaveLength(1);
    // the day of the deposit alone sold nothing yet: counting starts at the subscription
    expect((await report('day', '2026-03-04', '2026-03-06 20:00')).sales.total.orders).toEqual([]);
  });

  it('REP-3: the ranking, follow-up compliance with the customers behind each miss, and protection about to lapse', async () => {
    const r = await report('week', '2026-03-02', '2026-03-06 20:00');
    expect(r.ranking.map((x) => [x.rank, x.who, x.sales.length, x.credit, x.visits])).toEqual([
      [1, 'A', 1, 1, 3],
      [2, 'B', 0, 0, 1],
    ]);
    expect(r.compliance.required).toBe(3);
    const rows = Object.fromEntries(r.compliance.byConsultant.map((c) => [String(c.who), c] as const));
    expect(rows.A?.compliant).toEqual(['13800000001']);
    expect(rows.A?.missed.map((m) => [m.phone, m.followUps])).toEqual([['13800000003', 0]]);
    expect(rows.B?.missed.map((m) => [m.phone, m.followUps])).toEqual([['13800000002', 1]]);
    expect(r.compliance.total).toEqual({ visitors: 3, compliant: 1, missed: 2 });
    // protection (30 days) of P3 (last contact 03-02) ends on 04-01: within 7 days on 03-27, not on 03-20
    const late = await report('week', '2026-03-02', '2026-03-27 12:00');
    expect(late.lapsing.map((l) => l.phone)).toContain('13800000003');
    expect((await report('week', '2026-03-02', '2026-03-20 12:00')).lapsing.map((l) => l.phone)).not.toContain('13800000003');
  });
});
