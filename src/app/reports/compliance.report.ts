// REP-3: follow-up compliance — each customer who first visited in the period should have had at least
// `reports.followUpsPerVisitor` follow-ups (002 篇3.6) from the consultant responsible for them (the owner now,
// else the one who received them); the customers behind each miss are listed — and protection about to lapse
// (within `reports.lapsingDays`), by owner.
import { happenedAt } from '../../core/entry-time.ts';
import type { Engine } from '../../core/engine.ts';
import type { StaffId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { DAY_MS, type Instant } from '../../core/time.ts';
import type { BookEntry } from '../ownership-book.ts';
import type { RegisterEntry, ReportFacts } from './report-entries.ts';

export interface FollowUpMiss {
  readonly phone: PhoneKey;
  readonly name: string | null;
  readonly firstVisit: Instant;
  readonly followUps: number;
}

export interface ComplianceRow {
  readonly who: StaffId | null;
  readonly visitors: readonly PhoneKey[];
  readonly compliant: readonly PhoneKey[];
  readonly missed: readonly FollowUpMiss[];
}

export interface ComplianceReport {
  readonly required: number;
  readonly total: { readonly visitors: number; readonly compliant: number; readonly missed: number };
  readonly byConsultant: readonly ComplianceRow[];
}

export function complianceReport(engine: Engine, facts: ReportFacts, entries: readonly RegisterEntry[], now: Instant): ComplianceReport {
  const required = engine.policy.reports.followUpsPerVisitor;
  const rows = new Map<StaffId | null, { who: StaffId | null; visitors: PhoneKey[]; compliant: PhoneKey[]; missed: FollowUpMiss[] }>();
  const seen = new Set<PhoneKey>();
  for (const e of entries) {
    if (e.via !== 'visit' || !e.isNew || e.phone === null || seen.has(e.phone)) continue;
    seen.add(e.phone);
    const phone = e.phone;
    const who = engine.ownership(phone, now).owner ?? e.consultant;
    let followUps = 0;
    for (const f of facts.factsAbout([phone])) if (f.type === 'followedUp' && f.phone === phone && happenedAt(f) >= e.at && happenedAt(f) <= now && f.by === who) followUps++;
    let row = rows.get(who);
    if (!row) {
      row = { who, visitors: [], compliant: [], missed: [] };
      rows.set(who, row);
    }
    row.visitors.push(phone);
    if (followUps >= required) row.compliant.push(phone);
    else row.missed.push({ phone, name: e.name, firstVisit: e.at, followUps });
  }
  const list = [...rows.values()].sort((a, b) => b.missed.length - a.missed.length || String(a.who).localeCompare(String(b.who)));
  const sum = (f: (r: ComplianceRow) => number) => list.reduce((s, r) => s + f(r), 0);
  return { required, total: { visitors: sum((r) => r.visitors.length), compliant: sum((r) => r.compliant.length), missed: sum((r) => r.missed.length) }, byConsultant: list };
}

export interface LapsingRow {
  readonly phone: PhoneKey;
  readonly name: string | null;
  readonly owner: StaffId;
  readonly protectedUntil: Instant;
  readonly lastContact: Instant | null;
}

/** REP-3: owned customers whose protection ends within `reports.lapsingDays` of now, the soonest first. */
export function lapsingReport(engine: Engine, book: Iterable<BookEntry>, now: Instant): LapsingRow[] {
  const soon = now + engine.policy.reports.lapsingDays * DAY_MS;
  const rows: LapsingRow[] = [];
  for (const e of book) {
    if (e.owner === null || e.protectedUntil === null || e.protectedUntil > soon) continue;
    rows.push({ phone: e.phone, name: e.name, owner: e.owner, protectedUntil: e.protectedUntil, lastContact: e.lastContact });
  }
  return rows.sort((a, b) => a.protectedUntil - b.protectedUntil || (a.phone < b.phone ? -1 : 1));
}
