// Calendar months as the performance report names them (`YYYY-MM`), in the project's zone: this month
// and the ones before it.
import { monthOf } from './format-time.ts';

export function monthKey(at: number, zone: string): string {
  return monthOf(at, zone);
}

/** This month first, then `count - 1` months back. */
export function recentMonths(now: number, count: number, zone: string): string[] {
  const [year, month] = monthOf(now, zone).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = (((month - 1 - i) % 12) + 12) % 12;
    const y = year + Math.floor((month - 1 - i) / 12);
    out.push(`${y}-${String(m + 1).padStart(2, '0')}`);
  }
  return out;
}
