// The span a report covers (REP-1..3): a project-local day, the week (Monday to Sunday) or month it falls in,
// or a range of whole local days. Instants from the first instant of the first day to that of the day after.
import { localDay, parseLocalTime, type Instant } from '../../core/time.ts';

export type PeriodKind = 'day' | 'week' | 'month' | 'range';

export interface ReportPeriod {
  readonly kind: PeriodKind;
  /** First and last local day (`YYYY-MM-DD`), inclusive. */
  readonly first: string;
  readonly last: string;
  readonly start: Instant;
  readonly end: Instant;
}

/** The longest range a report takes: a year and a bit, so one request stays bounded. */
export const MAX_RANGE_DAYS = 400;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function dayStart(date: string, zone: string): { key: string; start: Instant; end: Instant } | null {
  if (!DATE.test(date)) return null;
  const noon = parseLocalTime(`${date} 12:00`, zone);
  if (noon === null) return null;
  const day = localDay(noon, zone);
  return day.key === date ? day : null;
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Null when a date is not a real date, or a range runs backwards or beyond MAX_RANGE_DAYS. */
export function reportPeriod(kind: PeriodKind, date: string, zone: string, to?: string): ReportPeriod | null {
  let first = date;
  let last = date;
  if (kind === 'week') {
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    first = shift(date, -weekday);
    last = shift(first, 6);
  } else if (kind === 'month') {
    first = `${date.slice(0, 7)}-01`;
    const next = new Date(`${first}T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    last = shift(next.toISOString().slice(0, 10), -1);
  } else if (kind === 'range') {
    if (to === undefined) return null;
    last = to;
  }
  const a = dayStart(date, zone) && dayStart(first, zone);
  const b = dayStart(last, zone);
  if (!a || !b || b.start < a.start) return null;
  if ((b.end - a.start) / 86_400_000 > MAX_RANGE_DAYS + 1) return null;
  return { kind, first, last, start: a.start, end: b.end };
}

/** The project-local months (`YYYY-MM`) a period touches, in order. */
export function monthsOf(period: ReportPeriod): string[] {
  const months: string[] = [];
  for (let m = period.first.slice(0, 7); m <= period.last.slice(0, 7); ) {
    months.push(m);
    const d = new Date(`${m}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    m = d.toISOString().slice(0, 7);
  }
  return months;
}
