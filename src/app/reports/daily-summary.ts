// Issue 11.5: the day's summary on the manager's dashboard. From the policy's hour (`reports.dailySummaryAt`,
// local time) the summary is today's; before it, yesterday's — worked out from the clock the caller gives, so
// nothing is scheduled and nothing is written. The numbers are the day report's (REP-1..3), each with the
// records behind it: visits new and returning, calls, deposits, subscriptions, contracts, customers whose
// follow-ups fall short, and protection about to lapse.
import { localDay, parseClock, parseLocalTime, type Instant, type LocalDay } from '../../core/time.ts';
import type { Policy } from '../../core/policy.ts';
import type { OfficeReport } from './office-report.ts';
import { reportPeriod, type ReportPeriod } from './report-period.ts';
import type { SheetSpec } from './report-sheets.ts';

export interface SummaryDay {
  readonly period: ReportPeriod;
  /** When this day's summary came out (its day at `dailySummaryAt`). */
  readonly readyAt: Instant;
  /** When the next one comes out. */
  readonly nextAt: Instant;
}

/** The instant of the wall time `clock` (HH:mm) on local day `day`, DST changes included. */
function atClock(day: LocalDay, clock: string, zone: string): Instant {
  const valid = parseClock(clock) === null ? '21:00' : clock;
  const at = parseLocalTime(`${day.key} ${valid === '24:00' ? '23:59' : valid}`, zone) ?? day.start;
  return Math.min(Math.max(at, day.start), day.end - 60_000);
}

/** The day whose summary is on the dashboard at `now`: today's from the summary hour, else yesterday's. */
export function summaryDay(policy: Policy, zone: string, now: Instant): SummaryDay {
  const clock = policy.reports.dailySummaryAt;
  const today = localDay(now, zone);
  const todayAt = atClock(today, clock, zone);
  const out = now >= todayAt;
  const day = out ? today : localDay(today.start - 1, zone);
  const readyAt = out ? todayAt : atClock(day, clock, zone);
  const nextAt = out ? atClock(localDay(today.end, zone), clock, zone) : todayAt;
  return { period: reportPeriod('day', day.key, zone) as ReportPeriod, readyAt, nextAt };
}

/** One number of the summary and the records behind it (entry seqs, customers, order ids). */
export interface SummaryFigure {
  readonly count: number;
  readonly phones: readonly string[];
  readonly seqs: readonly number[];
}

export interface DailySummary {
  readonly day: string;
  readonly readyAt: Instant;
  readonly nextAt: Instant;
  readonly newVisits: SummaryFigure;
  readonly returningVisits: SummaryFigure;
  readonly calls: SummaryFigure;
  readonly deposits: SummaryFigure;
  readonly subscriptions: SummaryFigure;
  readonly contracts: SummaryFigure;
  readonly followUpMisses: SummaryFigure;
  readonly lapsing: SummaryFigure;
}

const figure = (rows: readonly { phone: string | null; seq?: number }[]): SummaryFigure => ({
  count: rows.length,
  phones: [...new Set(rows.map((r) => r.phone).filter((p): p is string => p !== null))],
  seqs: rows.map((r) => r.seq).filter((s): s is number => s !== undefined),
});

/** The summary of `day`'s report (the office report for `summaryDay(...).period`). */
export function dailySummary(day: SummaryDay, report: OfficeReport): DailySummary {
  const visits = report.entries.filter((e) => e.via === 'visit');
  return {
    day: day.period.first,
    readyAt: day.readyAt,
    nextAt: day.nextAt,
    newVisits: figure(visits.filter((e) => e.isNew)),
    returningVisits: figure(visits.filter((e) => !e.isNew)),
    calls: figure(report.entries.filter((e) => e.via === 'call')),
    deposits: figure(report.sales.registers.deposit),
    subscriptions: figure(report.sales.registers.subscription),
    contracts: figure(report.sales.registers.contract),
    followUpMisses: figure(report.compliance.byConsultant.flatMap((r) => r.missed.map((m) => ({ phone: m.phone })))),
    lapsing: figure(report.lapsing.map((l) => ({ phone: l.phone }))),
  };
}

const FIGURE_WORDS: readonly [keyof Omit<DailySummary, 'day' | 'readyAt' | 'nextAt'>, string][] = [
  ['newVisits', '新客户来访'],
  ['returningVisits', '老客户来访'],
  ['calls', '来电'],
  ['deposits', '大定'],
  ['subscriptions', '认购'],
  ['contracts', '签约'],
  ['followUpMisses', '回访未达标客户'],
  ['lapsing', '保护期将到期客户'],
];

/** The summary as a sheet (日报摘要): one line a figure, with the customers behind it. */
export function dailySummarySheet(summary: DailySummary, office: string): SheetSpec {
  return {
    name: '日报摘要',
    title: `${office} 日报摘要（${summary.day}）`,
    columns: [
      { header: '指标', kind: 'text', width: 18 },
      { header: '数量', kind: 'number', width: 10 },
      { header: '客户电话', kind: 'text', width: 60 },
    ],
    rows: FIGURE_WORDS.map(([key, words]) => [words, summary[key].count, summary[key].phones.join('、')]),
  };
}
