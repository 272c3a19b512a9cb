// Calendar months as the performance report names them (`YYYY-MM`), in the browser's zone (the office's PCs
// run in the office's zone): this month and the ones before it.
export function monthKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** This month first, then `count - 1` months back. */
export function recentMonths(now: number, count: number): string[] {
  const d = new Date(now);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(monthKey(new Date(d.getFullYear(), d.getMonth() - i, 1).getTime()));
  return out;
}
