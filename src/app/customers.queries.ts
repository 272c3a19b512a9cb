// The questions the API answers about customers and the floor, as plain reads of the caught-up engine
// (and the customer index). Nothing here masks or logs: src/api/customer-view.ts decides what each caller
// may see (SEC-1) and records the full reads (SEC-2).
import type { Engine } from '../core/engine.ts';
import type { Recorded, StaffId, UnitId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { reason, type Reason } from '../core/reasons.ts';
import { decideReception, type ReceptionDecision } from '../core/rotation.rules.ts';
import type { Instant } from '../core/time.ts';
import type { OwnershipAnswer } from '../core/ownership.rules.ts';
import type { CustomerIndex } from './customer-index.ts';

export interface ChannelInfo {
  readonly broker: string;
  readonly until: Instant;
  readonly reasons: readonly Reason[];
}

export interface FamilyMember {
  readonly phone: PhoneKey;
  readonly name: string | null;
  /** The recorded relation to the judged customer, `merged` for one record merged into another, `family` when related through someone else. */
  readonly relation: string;
}

/** The front desk's question (判客): who is this, whose are they, until when, and who would receive them now. */
export interface Judgement {
  readonly phone: PhoneKey | null;
  /** Found by phone, by surname and car plate (REG-4), or not identified. */
  readonly identifiedBy: 'phone' | 'plate' | null;
  /** Whether anything is recorded about the customer. */
  readonly known: boolean;
  readonly name: string | null;
  readonly ownership: OwnershipAnswer | null;
  readonly channel: ChannelInfo | null;
  readonly family: readonly FamilyMember[];
  /** Who would receive the party if they walked in now; nothing is recorded. */
  readonly suggested: ReceptionDecision;
  readonly reasons: readonly Reason[];
  /** When the customer last arrived (the desk warns before admitting the same party twice within minutes, issue 12.6). */
  readonly lastArrival: Instant | null;
}

export type JudgeQuery = { readonly phone: PhoneKey } | { readonly surname: string; readonly plate: string };

/** Judges a customer from the indexes (one household), never a scan (REG-4, OWN-1..15, CH-4, ROT-10). */
export function judge(engine: Engine, q: JudgeQuery, now: Instant): Judgement {
  const why: Reason[] = [];
  let phone: PhoneKey | null;
  if ('phone' in q) phone = q.phone;
  else {
    phone = engine.findByPlate(q.surname, q.plate);
    why.push(
      phone
        ? reason('REG-4', 'identifiedByPlate', 'identified by surname and car plate')
        : reason('REG-4', 'notIdentified', 'no single customer has this surname and car plate: ask for the phone number'),
    );
  }
  const file = phone ? engine.customers.get(phone) : undefined;
  const ownership = phone ? engine.ownership(phone, now) : null;
  const channel = phone ? channelOf(engine, phone, now) : null;
  const suggested = decideReception(engine.floorAt(now), engine.floorContext, { owner: ownership?.owner ?? null }, now);
  return {
    phone,
    identifiedBy: phone === null ? null : 'phone' in q ? 'phone' : 'plate',
    known: file !== undefined && (file.records.length > 0 || file.reports.length > 0),
    name: file?.name ?? null,
    ownership,
    channel,
    family: phone ? familyOf(engine, phone) : [],
    suggested,
    reasons: [...why, ...(ownership?.reasons ?? []), ...(channel?.reasons ?? [])],
    lastArrival: file?.lastArrival ?? null,
  };
}

export function channelOf(engine: Engine, phone: PhoneKey, now: Instant): ChannelInfo | null {
  const p = engine.channel(phone, now);
  return p ? { broker: p.broker, until: p.until, reasons: p.reasons } : null;
}

function familyOf(engine: Engine, phone: PhoneKey): FamilyMember[] {
  const file = engine.customers.get(phone);
  return engine
    .household(phone)
    .keys.filter((k) => k !== phone)
    .map((k) => ({
      phone: k,
      name: engine.customers.get(k)?.name ?? null,
      relation: file?.links.find((l) => l.to === k)?.relation ?? (file?.merged.includes(k) ? 'merged' : 'family'),
    }));
}

export interface Timeline {
  readonly phone: PhoneKey;
  readonly name: string | null;
  readonly household: readonly PhoneKey[];
  readonly ownership: OwnershipAnswer;
  readonly channel: ChannelInfo | null;
  /** Every recorded fact about the household, in the order recorded. */
  readonly records: readonly Recorded[];
}

/** A customer's whole history with the ownership explanation (OWN-15); null when nothing is recorded. */
export function timeline(engine: Engine, index: CustomerIndex, phone: PhoneKey, now: Instant): Timeline | null {
  const household = engine.household(phone).keys;
  const records = index.factsAbout(household);
  if (records.length === 0) return null;
  return {
    phone,
    name: engine.customers.get(phone)?.name ?? null,
    household,
    ownership: engine.ownership(phone, now),
    channel: channelOf(engine, phone, now),
    records,
  };
}

export interface OwnedCustomer {
  readonly phone: PhoneKey;
  readonly name: string | null;
  readonly protectedUntil: Instant | null;
  readonly lastContact: Instant | null;
  readonly channel: string | null;
  /** The next step the consultant's latest follow-up set (B级卡), and whether its day has come (issue 16.2). */
  readonly nextStep: NextStep | null;
  /** 000 细则 四.2: given to this consultant, theirs from their first effective contact. */
  readonly pending?: true;
}

export interface NextStep {
  readonly next: string;
  /** The local day YYYY-MM-DD, if one was set. */
  readonly on: string | null;
  readonly due: boolean;
}

/** The next step of `who`'s latest follow-up of the customer that set one; due when its day is today or past. */
export function nextStepOf(engine: Engine, phone: PhoneKey, who: StaffId, now: Instant): NextStep | null {
  const records = engine.customers.get(phone)?.records ?? [];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!r || r.at > now || r.kind !== 'followUp' || r.by !== who) continue;
    // A later follow-up without a next step closes the earlier one: nothing is pending.
    if (!r.note?.next) return null;
    const on = r.note.nextOn ?? null;
    return { next: r.note.next, on, due: on !== null && on <= engine.dayOf(now) };
  }
  return null;
}

/** A consultant's customers now, the ones whose protection runs out first at the top (OWN-2). */
export function customersOf(engine: Engine, index: CustomerIndex, who: StaffId, now: Instant): OwnedCustomer[] {
  const seen = new Set<PhoneKey>();
  const out: OwnedCustomer[] = [];
  for (const touched of index.touchedBy(who)) {
    for (const phone of engine.household(touched).keys) {
      if (seen.has(phone)) continue;
      seen.add(phone);
      const own = engine.ownership(phone, now);
      const pending = own.owner === null && own.pendingFor === who;
      if (own.owner !== who && !pending) continue;
      out.push({
        ...(pending ? { pending: true as const } : {}),
        phone,
        name: engine.customers.get(phone)?.name ?? null,
        protectedUntil: own.protectedUntil,
        lastContact: own.lastContact,
        channel: engine.channel(phone, now)?.broker ?? null,
        nextStep: nextStepOf(engine, phone, who, now),
      });
    }
  }
  const end = (c: OwnedCustomer) => c.protectedUntil ?? Number.POSITIVE_INFINITY;
  return out.sort((a, b) => end(a) - end(b) || a.phone.localeCompare(b.phone));
}

export interface UnitCredit {
  readonly unit: UnitId;
  readonly order: {
    readonly stage: string;
    readonly closer: StaffId;
    readonly firstAt: Instant;
    readonly credit: Readonly<Record<string, number>>;
    readonly reasons: readonly Reason[];
  } | null;
}

/** The performance shares of a unit's live order (DEAL-1..4); null when there is no such unit. */
export function creditOf(engine: Engine, unit: UnitId): UnitCredit | null {
  if (!engine.units.has(unit)) return null;
  const o = engine.orders.get(unit);
  return { unit, order: o ? { stage: o.stage, closer: o.closer, firstAt: o.firstAt, credit: o.credit, reasons: o.reasons } : null };
}
