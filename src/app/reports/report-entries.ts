// REP-1: the period's visits and calls as register entries — who came or called, when, new or returning,
// received by whom, and the register fields (REG-3) the customer's latest entry gave. The reports count
// these entries, and every number drills down to the entries behind it. Pure: the facts come from the
// index (the months the period touches), the customer's history from `factsAbout`.
import type { Engine } from '../../core/engine.ts';
import type { BrokerId, Recorded, StaffId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { LocalCalendar, type Instant } from '../../core/time.ts';
import { byTimeThenSeq, happenedAt } from '../../core/entry-time.ts';
import { monthsOf, type ReportPeriod } from './report-period.ts';

/** What the reports read; the server's CustomerIndex is one. */
export interface ReportFacts {
  factsInMonth(month: string): readonly Recorded[];
  factsAbout(keys: readonly PhoneKey[]): readonly Recorded[];
}

/** REG-3: the customer's register fields, from their latest entry that gave each. */
export interface CustomerDetails {
  readonly source: string | null;
  readonly grade: string | null;
  readonly district: string | null;
  readonly propertyType: string | null;
  readonly budget: number | null;
  readonly units: string | null;
}

export interface RegisterEntry {
  readonly seq: number;
  readonly at: Instant;
  readonly via: 'visit' | 'call';
  /** The local hour 0–23. */
  readonly hour: number;
  readonly day: string;
  readonly phone: PhoneKey | null;
  readonly name: string | null;
  /** The consultant the visit or call counts for: the receiver (or designee), the call's registrant. */
  readonly consultant: StaffId | null;
  /** No earlier visit (for a visit) or earlier record (for a call) of this phone. */
  readonly isNew: boolean;
  /** The broker whose visit was recognised (CH-5). */
  readonly broker: BrokerId | null;
  readonly details: CustomerDetails;
}

const NO_DETAILS: CustomerDetails = { source: null, grade: null, district: null, propertyType: null, budget: null, units: null };

/** Looks up and remembers customers' details for one report. */
export class DetailsOf {
  private readonly cache = new Map<PhoneKey, CustomerDetails>();
  constructor(private readonly facts: ReportFacts) {}

  of(phone: PhoneKey | null): CustomerDetails {
    if (phone === null) return NO_DETAILS;
    let d = this.cache.get(phone);
    if (!d) {
      const out: { -readonly [K in keyof CustomerDetails]: CustomerDetails[K] } = { ...NO_DETAILS };
      for (const f of this.facts.factsAbout([phone])) {
        if (f.type !== 'registered' || f.phone !== phone) continue;
        for (const k of ['source', 'grade', 'district', 'propertyType', 'units'] as const) if (f[k] !== undefined) out[k] = f[k] as string;
        if (f.budget !== undefined) out.budget = f.budget;
      }
      d = out;
      this.cache.set(phone, d);
    }
    return d;
  }
}

/** The period's facts (of the kinds the index files by month), in seq order. */
export function factsInPeriod(facts: ReportFacts, period: ReportPeriod): Recorded[] {
  const out: Recorded[] = [];
  // An imported paper-era entry counts on the day it happened (issue 11.4), not the day it was brought in.
  for (const m of monthsOf(period)) for (const f of facts.factsInMonth(m)) if (happenedAt(f) >= period.start && happenedAt(f) < period.end) out.push(f);
  return out;
}

/** REP-1: every customer visit (non-customers left out, ROT-3) and every call registered in the period. */
export function registerEntries(engine: Engine, facts: ReportFacts, period: ReportPeriod, zone: string, details: DetailsOf): RegisterEntry[] {
  const calendar = new LocalCalendar(zone);
  const entries: RegisterEntry[] = [];
  // New or returning by when things happened (an imported visit of last year makes today's visitor returning).
  const isVisit = (f: Recorded): boolean => (f.type === 'partyArrived' && f.phone !== undefined) || (f.type === 'registered' && f.via === 'visit' && f.imported !== undefined);
  const earliest = (phone: PhoneKey, visitOnly: boolean): { at: Instant; seq: number } => {
    let first = { at: Number.POSITIVE_INFINITY, seq: Number.POSITIVE_INFINITY };
    for (const f of facts.factsAbout([phone])) {
      if (!(f.type === 'partyArrived' ? f.phone === phone : f.type === 'registered' && (!visitOnly || isVisit(f)))) continue;
      const here = { at: happenedAt(f), seq: f.seq };
      if (byTimeThenSeq(here, first) < 0) first = here;
    }
    return first;
  };
  const isFirst = (phone: PhoneKey | null, f: Recorded, visitOnly: boolean) => phone === null || byTimeThenSeq(earliest(phone, visitOnly), { at: happenedAt(f), seq: f.seq }) >= 0;
  for (const f of factsInPeriod(facts, period)) {
    const at = happenedAt(f);
    const day = calendar.dayOf(at);
    const base = { seq: f.seq, at, hour: Math.min(23, Math.floor((at - day.start) / 3_600_000)), day: day.key };
    if (f.type === 'partyArrived') {
      if (f.nonCustomer || f.reception.as === 'nonCustomer') continue;
      const phone = f.phone ?? null;
      entries.push({
        ...base,
        via: 'visit',
        phone,
        name: f.name ?? (phone ? (engine.customers.get(phone)?.name ?? null) : null),
        consultant: f.designee ?? f.reception.receiver,
        isNew: isFirst(phone, f, true),
        broker: f.channel,
        details: details.of(phone),
      });
    } else if (f.type === 'registered' && f.via === 'visit' && f.imported) {
      // A paper-era visit has no arrival at the desk: its register entry is the visit (issue 11.4).
      const phone = f.phone ?? null;
      entries.push({ ...base, via: 'visit', phone, name: f.name ?? null, consultant: f.for ?? (engine.staff.get(f.by)?.role === 'consultant' ? f.by : null), isNew: isFirst(phone, f, true), broker: null, details: details.of(phone) });
    } else if (f.type === 'registered' && f.via === 'call' && f.corrects === undefined) {
      // A correction (REG-6) is not another call: the call is the entry it corrects.
      const phone = f.phone ?? null;
      entries.push({
        ...base,
        via: 'call',
        phone,
        name: f.name ?? null,
        consultant: f.for ?? (engine.staff.get(f.by)?.role === 'consultant' ? f.by : null),
        isNew: isFirst(phone, f, false),
        broker: null,
        details: details.of(phone),
      });
    }
  }
  return entries.sort(byTimeThenSeq);
}
