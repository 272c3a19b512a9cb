// Instants as people on the floor read them, in the project's time zone (the office's clock, whatever the
// zone of the browser that shows them: a phone set to another zone still reads office time).
import type { Locale } from '../i18n/translate.ts';

/** The zone when a project names none (the server's default). */
export const DEFAULT_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formats.set(key, f);
  }
  return f;
}

function parts(at: number, zone: string): Record<string, string> {
  const out: Record<string, string> = {};
  const all = format('en-GB', zone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const p of all.formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** 2026-11-23 14:05 in `zone`, as the server words local times (its `…Local` fields). */
export function dateTime(at: number, zone: string): string {
  const p = parts(at, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** 2026-11 in `zone`. */
export function monthOf(at: number, zone: string): string {
  const p = parts(at, zone);
  return `${p.year}-${p.month}`;
}

/** 14:05 in `zone`. */
export function clock(at: number, locale: Locale, zone: string): string {
  return format(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** Whole minutes from `since` to `now`, never negative. */
export function minutesSince(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 60_000));
}
