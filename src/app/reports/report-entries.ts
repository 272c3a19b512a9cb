// REP-1: the period's visits and calls as register entries — who came or called, when, new or returning,
// received by whom, and the register fields (REG-3) the customer's latest entry gave. The reports count
// these entries, and every number drills down to the entries behind it. Pure: the facts come from the
// index (the months the period touches), the customer's history from `factsAbout`.
import type { Engine } from '../../core/engine.ts';
import type { BrokerId, Recorded, StaffId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import { LocalCalendar, type Instant } from '../../core/time.ts';
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
  for (const m of monthsOf(period)) for (const f of facts.factsInMonth(m)) if (f.at >= period.start && f.at < period.end) out.push(f);
  return out;
}

/** REP-1: every customer visit (non-customers left out, ROT-3) and every call registered in the period. */
export function registerEntries(engine: Engine, facts: ReportFacts, period: ReportPeriod, zone: string, details: DetailsOf): RegisterEntry[] {
  const calendar = new LocalCalendar(zone);
  const entries: RegisterEntry[] = [];
  const earliest = (phone: PhoneKey, visitOnly: boolean): number => {
    for (const f of facts.factsAbout([phone])) if (f.type === 'partyArrived' ? f.phone === phone : !visitOnly && f.type === 'registered') return f.seq;
    return Number.POSITIVE_INFINITY;
  };
  for (const f of factsInPeriod(facts, period)) {
    const day = calendar.dayOf(f.at);
    const base = { seq: f.seq, at: f.at, hour: Math.min(23, Math.floor((f.at - day.start) / 3_600_000)), day: day.key };
    if (f.type === 'partyArrived') {
      if (f.nonCustomer || f.reception.as === 'nonCustomer') continue;
      const phone = f.phone ?? null;
      entries.push({
        ...base,
        via: 'visit',
        phone,
        name: f.name ?? (phone ? (engine.customers.get(phone)?.name ?? null) : null),
        consultant: f.designee ?? f.reception.receiver,
        isNew: phone === null || earliest(phone, true) >= f.seq,
        broker: f.channel,
        details: details.of(phone),
      });
    } else if (f.type === 'registered' && f.via === 'call' && f.corrects === undefined) {
      // A correction (REG-6) is not another call: the call is the entry it corrects.
      const phone = f.phone ?? null;
      entries.push({
        ...base,
        via: 'call',
        phone,
        name: f.name ?? null,
        consultant: f.for ?? (engine.staff.get(f.by)?.role === 'consultant' ? f.by : null),
        isNew: phone === null || earliest(phone, false) >= f.seq,
        broker: null,
        details: details.of(phone),
      });
    }
  }
  return entries;
}
