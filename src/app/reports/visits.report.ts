// REP-1 来人来电统计: the period's visits and calls, new vs returning, by consultant, by source (认知途径), by
// grade and by hour. Each cell lists the entries (by seq) behind its numbers, so every number drills down.
import type { RegisterEntry } from './report-entries.ts';

export interface VisitCell {
  /** The consultant, source, grade, hour ("09") or day; null: not recorded. */
  readonly key: string | null;
  readonly visits: readonly number[];
  readonly newVisits: readonly number[];
  readonly calls: readonly number[];
  readonly newCalls: readonly number[];
}

export interface VisitsReport {
  readonly total: VisitCell;
  readonly byConsultant: readonly VisitCell[];
  readonly bySource: readonly VisitCell[];
  readonly byGrade: readonly VisitCell[];
  readonly byHour: readonly VisitCell[];
  readonly byDay: readonly VisitCell[];
}

type Mutable = { key: string | null; visits: number[]; newVisits: number[]; calls: number[]; newCalls: number[] };

function tally(entries: readonly RegisterEntry[], keyOf: (e: RegisterEntry) => string | null): Mutable[] {
  const cells = new Map<string | null, Mutable>();
  for (const e of entries) {
    const key = keyOf(e);
    let c = cells.get(key);
    if (!c) {
      c = { key, visits: [], newVisits: [], calls: [], newCalls: [] };
      cells.set(key, c);
    }
    if (e.via === 'visit') {
      c.visits.push(e.seq);
      if (e.isNew) c.newVisits.push(e.seq);
    } else {
      c.calls.push(e.seq);
      if (e.isNew) c.newCalls.push(e.seq);
    }
  }
  return [...cells.values()];
}

/** Most visits first; the unrecorded (null) key last. */
const byVolume = (a: Mutable, b: Mutable) => Number(a.key === null) - Number(b.key === null) || b.visits.length + b.calls.length - (a.visits.length + a.calls.length) || String(a.key).localeCompare(String(b.key));
const byKey = (a: Mutable, b: Mutable) => String(a.key).localeCompare(String(b.key));

export function visitsReport(entries: readonly RegisterEntry[]): VisitsReport {
  return {
    total: tally(entries, () => null)[0] ?? { key: null, visits: [], newVisits: [], calls: [], newCalls: [] },
    byConsultant: tally(entries, (e) => e.consultant).sort(byVolume),
    bySource: tally(entries, (e) => e.details.source).sort(byVolume),
    byGrade: tally(entries, (e) => e.details.grade).sort(byKey),
    byHour: tally(entries, (e) => String(e.hour).padStart(2, '0')).sort(byKey),
    byDay: tally(entries, (e) => e.day).sort(byKey),
  };
}
