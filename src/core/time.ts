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

export function formatLocalTime(at: Instant, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat(LOCAL_FORMAT);
}

export function isValidZone(zone: string): boolean {
  return Info.isValidIANAZone(zone);
}

export function localDay(at: Instant, zone: string): LocalDay {
  const start = DateTime.fromMillis(at, { zone }).startOf('day');
  return { key: start.toISODate() ?? '', start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
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
