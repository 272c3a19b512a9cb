// Instants as people on the floor read them, in the browser's zone (the office's PCs run in its zone).
import type { Locale } from '../i18n/translate.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', options);
    formats.set(key, f);
  }
  return f;
}

/** 2026-11-23 14:05, as the server words local times (its `…Local` fields). */
export function dateTime(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** 14:05 */
export function clock(at: number, locale: Locale): string {
  return format(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** Whole minutes from `since` to `now`, never negative. */
export function minutesSince(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 60_000));
}
