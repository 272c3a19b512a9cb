// Wall-clock helpers. The core never reads the clock: every function takes the instant it talks about.
import { DateTime, Info } from 'luxon';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Instants are epoch milliseconds; days are local calendar days of the project's time zone. */
export type Instant = number;

export interface LocalDay {
  readonly key: string; // YYYY-MM-DD, local
  readonly start: Instant;
  readonly end: Instant; // exclusive: the next local midnight
}

const LOCAL_FORMAT = 'yyyy-MM-dd HH:mm';

/** Parses project-local wall time `YYYY-MM-DD HH:mm`; null when the text is not such a time. */
export function parseLocalTime(text: string, zone: string): Instant | null {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text)) return null;
  const dt = DateTime.fromFormat(text, LOCAL_FORMAT, { zone });
  return dt.isValid ? dt.toMillis() : null;
}

/**
 * Project-local `YYYY-MM-DD HH:mm` of an instant. Every answer the desk gets carries several (protection ends,
 * last contact, the channel stage), and luxon spends most of a call asking Intl for the zone's offset
 * (issue 13: ~5% of a judge over HTTP). The offset is asked once per quarter hour of UTC and kept when it is the
 * same at both ends of that quarter — no zone changes its offset twice in 15 minutes — so the local time is plain
 * arithmetic; a quarter in which the offset changes is formatted by luxon itself.
 */
export function formatLocalTime(at: Instant, zone: string): string {
  const offset = steadyOffset(at, zone);
  if (offset === null || !Number.isFinite(at)) return DateTime.fromMillis(at, { zone }).toFormat(LOCAL_FORMAT);
  const [year, month, day, hour, minute] = civilOf(at + offset * MINUTE_MS);
  if (!(year >= 1000 && year <= 9999)) return DateTime.fromMillis(at, { zone }).toFormat(LOCAL_FORMAT);
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}`;
}

/** The proleptic Gregorian date and time of epoch milliseconds read as UTC (H. Hinnant's days-to-civil). */
function civilOf(ms: number): [number, number, number, number, number] {
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day, Math.floor(inDay / HOUR_MS), Math.floor((inDay % HOUR_MS) / MINUTE_MS)];
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
const QUARTER_MS = 15 * MINUTE_MS;
/** Per zone: the offset (minutes) of each quarter hour asked about, or null where it changes inside the quarter. */
const offsets = new Map<string, Map<number, number | null>>();
/** Quarters kept per zone; beyond it the zone's map starts again (a server formats mostly recent times). */
const OFFSETS_KEPT = 100_000;

function steadyOffset(at: Instant, zone: string): number | null {
  let byQuarter = offsets.get(zone);
  if (!byQuarter || byQuarter.size >= OFFSETS_KEPT) {
    byQuarter = new Map();
    offsets.set(zone, byQuarter);
  }
  const quarter = Math.floor(at / QUARTER_MS);
  const known = byQuarter.get(quarter);
  if (known !== undefined) return known;
  const start = DateTime.fromMillis(quarter * QUARTER_MS, { zone });
  const end = DateTime.fromMillis((quarter + 1) * QUARTER_MS - 1, { zone });
  // Whole minutes only: a zone's local mean time of old (+08:05:43) is left to luxon.
  const steady = start.isValid && end.isValid && start.offset === end.offset && Number.isInteger(start.offset) ? start.offset : null;
  byQuarter.set(quarter, steady);
  return steady;
}

export function isValidZone(zone: string): boolean {
  return Info.isValidIANAZone(zone);
}

/**
 * The local calendar day containing `at`, from its first instant to the next day's first instant. Where a DST change
 * skips midnight (America/Santiago, Asia/Beirut…) a day starts at 01:00 and the day before still ends there; where
 * one repeats midnight (America/Havana) the day starts at the first of the two. Consecutive days therefore tile the
 * time line with neither gap nor overlap, and every instant of a day gets the same bounds.
 */
export function localDay(at: Instant, zone: string): LocalDay {
  const start = firstInstantOfDay(DateTime.fromMillis(at, { zone }));
  return { key: start.toISODate() ?? '', start: start.toMillis(), end: firstInstantOfDay(start.plus({ days: 1 })).toMillis() };
}

/** luxon's `startOf('day')` keeps the offset in force at `dt`, so a repeated midnight may come out as the second one. */
function firstInstantOfDay(dt: DateTime): DateTime {
  let start = dt.startOf('day');
  for (;;) {
    const before = start.minus({ milliseconds: 1 });
    if (before.toISODate() !== start.toISODate()) return start;
    const earlier = before.startOf('day');
    if (!(earlier.toMillis() < start.toMillis())) return start;
    start = earlier;
  }
}

/**
 * The local days of one time zone, each computed once. Same-day rules (ROT-8, ROT-13, OWN-12, REG-8, DEAL-3) ask for
 * the day of nearly every record they walk, and luxon's zone arithmetic costs tens of µs a call. Days are filed under
 * the UTC days they overlap (a local day overlaps two or three), so a lookup is one map read and a range check,
 * whatever the zone's offset or daylight-saving rules: the day's bounds always come from `localDay` itself.
 */
export class LocalCalendar {
  private readonly byUtcDay = new Map<number, LocalDay[]>();

  constructor(readonly zone: string) {}

  dayOf(at: Instant): LocalDay {
    const filed = this.byUtcDay.get(Math.floor(at / DAY_MS));
    if (filed) for (const day of filed) if (at >= day.start && at < day.end) return day;
    const day = localDay(at, this.zone);
    for (let u = Math.floor(day.start / DAY_MS); u <= Math.floor((day.end - 1) / DAY_MS); u++) {
      const list = this.byUtcDay.get(u);
      if (list) list.push(day);
      else this.byUtcDay.set(u, [day]);
    }
    return day;
  }
}

/** Minutes since local midnight, for duty windows (ROT-9). */
export function minuteOfDay(at: Instant, day: LocalDay): number {
  return Math.floor((at - day.start) / MINUTE_MS);
}

/** `HH:mm` → minutes since midnight. */
export function parseClock(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/**
 * The first local instant of the month containing `at` if `at` is that instant, else of the next month: when a
 * monthly sweep (OWN-11) that is due at `at` happens.
 */
export function monthStartOnOrAfter(at: Instant, zone: string): Instant {
  const dt = DateTime.fromMillis(at, { zone });
  const start = firstInstantOfDay(dt.startOf('month'));
  if (start.toMillis() >= at) return start.toMillis();
  return firstInstantOfDay(dt.startOf('month').plus({ months: 1 })).toMillis();
}
