// Customer ownership (客户归属 / 判客), OWN-1..14, REG-8: a walk over one household's
// records in the order they were recorded. The answer is a function of (policy, records, departures, now)
// and always carries its reasons (OWN-15). Only what was recorded up to `now` counts: no later fact (a
// family link, a merge, a departure) rewrites who owned the customer at an earlier instant.
import type { ContactVia, FollowUpNote, ReceiveAs, RegisterVia, Relation, StaffId, UnitId } from './facts.ts';
import type { PhoneKey } from './phone.ts';
import type { Policy } from './policy.ts';
import { reason, type Reason, type RecordRef } from './reasons.ts';
import { DAY_MS, type Instant } from './time.ts';

interface Base {
  readonly seq: number;
  readonly at: Instant;
  /** The customer record (phone) this entry belongs to. */
  readonly key: PhoneKey;
}

/** The entries of a customer's history that bear on ownership. */
export type OwnershipRecord =
  | (Base & {
      readonly kind: 'registration'; readonly by: StaffId; readonly consultant: StaffId | null; readonly via: RegisterVia; readonly valid: boolean; readonly brochureOnly?: true;
      /** The register entry's seq (the record's own seq is the fact that put it on the file: an approval, an identification). */
      readonly entry?: number;
      /** REG-5, REG-6, REG-7: the entry counts from this earlier instant (the visit, or the entry corrected); never a fresh contact. */
      readonly countsFrom?: Instant;
      /** REG-5: a late entry, approved by the manager. */
      readonly late?: true;
      /** REG-6: the entry this one corrects. */
      readonly corrects?: number;
    })
  /** REG-6: the entry was corrected into another customer's: it is void from the correction on. */
  | (Base & { readonly kind: 'voided'; readonly by: StaffId; readonly entry: number })
  | (Base & {
      readonly kind: 'arrival';
      readonly receiver: StaffId | null;
      readonly as: ReceiveAs | null;
      readonly designee: StaffId | null;
      readonly nonCustomer: boolean;
      readonly asksFor?: StaffId;
      readonly referredBy?: StaffId;
    })
  | (Base & { readonly kind: 'followUp'; readonly by: StaffId; readonly reached: boolean; readonly via: ContactVia; readonly note?: FollowUpNote })
  | (Base & { readonly kind: 'reassign'; readonly to: StaffId; readonly by: StaffId; readonly reason?: string })
  /** OWN-9: a customer the company, its staff or a leader introduced, given by the manager in turn, at `rate`. */
  | (Base & { readonly kind: 'introduced'; readonly to: StaffId; readonly by: StaffId; readonly source: string; readonly rate: number })
  /** OWN-14: a dispute's decision gave the customer to the one side whose records were complete. */
  | (Base & { readonly kind: 'awarded'; readonly to: StaffId; readonly by: StaffId; readonly unit: UnitId; /** OWN-13: decided by the frozen register. */ readonly frozen: boolean })
  | (Base & { readonly kind: 'deal'; readonly by: StaffId; readonly unit: UnitId })
  | (Base & { readonly kind: 'reclassified' })
  | (Base & { readonly kind: 'merge'; readonly into: PhoneKey })
  | (Base & { readonly kind: 'link'; readonly to: PhoneKey; readonly relation: Relation });

export interface OwnershipContext {
  readonly policy: Policy;
  /** When a consultant left the company (OWN-10), if they did. */
  readonly departedAt: (who: StaffId) => Instant | undefined;
  /** Local calendar day of an instant, for same-day rules. */
  readonly dayOf: (at: Instant) => string;
  /** OWN-11: when the monthly sweep that is due at `due` happens (the first instant of a local month, on or after it). */
  readonly sweepAt: (due: Instant) => Instant;
}

/** A look-back (OWN-6) that returned a customer to its original consultant. */
export interface LookBack {
  readonly original: StaffId;
  readonly later: StaffId | null;
  readonly laterKeys: readonly PhoneKey[];
  readonly at: Instant;
}

export interface OwnershipAnswer {
  readonly owner: StaffId | null;
  /** When the current owner's protection ends; null when unowned. */
  readonly protectedUntil: Instant | null;
  readonly lastContact: Instant | null;
  readonly reasons: readonly Reason[];
  /** Every owner the household has had, with when it began and ended (null: still running). */
  readonly spans: readonly OwnershipSpan[];
  readonly lookBacks: readonly LookBack[];
  /** 000 细则 四.2: unowned, given by the manager to this consultant, who owns it from their first effective contact. */
  readonly pendingFor: StaffId | null;
}

export interface OwnershipSpan {
  readonly owner: StaffId;
  readonly from: Instant;
  readonly until: Instant | null;
}

/** Whether `who` had left the company (OWN-10) by instant `at`; a departure recorded later does not count. */
function hadLeft(ctx: OwnershipContext, who: StaffId, at: Instant): boolean {
  const departed = ctx.departedAt(who);
  return departed !== undefined && departed <= at;
}

export function refOf(r: OwnershipRecord): RecordRef {
  const by = 'by' in r ? r.by : r.kind === 'arrival' ? (r.receiver ?? undefined) : undefined;
  return { seq: r.seq, type: r.kind, at: r.at, ...(by ? { by } : {}) };
}

/** One line of ownership: a customer, or several that are one (family, merged records). */
class Thread {
  owner: StaffId | null = null;
  lastContact: Instant | null = null;
  established: Reason | null = null;
  refreshed: Reason | null = null;
  ended: Reason | null = null;
  spans: { owner: StaffId; from: Instant; until: Instant | null }[] = [];
  firstValidRegistration: Instant | null = null;
  designee: { who: StaffId; day: string } | null = null;
  publicDay: string | null = null;
  /** The local day a visit registration made the current owner (OWN-1, ROT-12), for OWN-12. */
  ownedByVisitOn: string | null = null;
  /** The register entry (seq) whose registration made the current owner, for REG-6's voiding. */
  establishedEntry: number | null = null;
  smsRun = 0;
  contactBeforeSmsRun: Instant | null = null;
  callClaims = new Map<StaffId, Instant>();
  keys: PhoneKey[] = [];
  /** 000 细则 四.2 (`reassignedOwns: atFirstContact`): the consultant given the customer, until their first effective contact. */
  pending: { who: StaffId; by: StaffId; at: Instant; ref: RecordRef } | null = null;

  constructor(readonly ctx: OwnershipContext) {}

  private get protectionMs(): number {
    return this.ctx.policy.ownership.protectionDays * DAY_MS;
  }

  protectedUntil(): Instant | null {
    if (this.owner === null || this.lastContact === null) return null;
    const lapse = this.lastContact + this.protectionMs;
    const sweep = this.sweep();
    return sweep !== null && sweep < lapse ? sweep : lapse;
  }

  /** OWN-11: the monthly sweep that takes the customer to the pool if nothing refreshes it first; null: no sweep. */
  private sweep(): Instant | null {
    const days = this.ctx.policy.ownership.recycleDays;
    if (days === null || this.lastContact === null) return null;
    return this.ctx.sweepAt(this.lastContact + days * DAY_MS);
  }

  /** Ends the owner's protection if it ran out (OWN-2), the monthly sweep recycled it (OWN-11) or the owner left (OWN-10) by instant `t`. */
  settle(t: Instant): void {
    if (this.owner === null) return;
    const until = this.protectedUntil() as Instant;
    const departed = this.ctx.departedAt(this.owner);
    if (departed !== undefined && departed <= t && departed < until) {
      this.end(departed, reason('OWN-10', 'ownerDeparted', `${this.owner} left the company: the customer went to the public pool`, { owner: this.owner, at: departed }));
    } else if (t >= until) {
      const sweep = this.sweep();
      if (sweep === until) {
        const days = this.ctx.policy.ownership.recycleDays as number;
        this.end(until, reason('OWN-11', 'recycled', `no effective contact with ${this.owner}'s customer for ${days} days: the monthly sweep put it in the public pool`, { owner: this.owner, at: until, days, lastContact: this.lastContact }));
      } else {
        this.end(until, reason('OWN-2', 'protectionLapsed', `${this.owner}'s protection lapsed ${this.ctx.policy.ownership.protectionDays} days after the last effective contact`, { owner: this.owner, at: until }));
      }
    }
  }

  /** Ends the running span; after a join the spans of both threads are interleaved, so it need not be the last. */
  private closeSpan(at: Instant): void {
    for (const span of this.spans) if (span.until === null) span.until = at;
  }

  private end(at: Instant, why: Reason): void {
    this.closeSpan(at);
    this.owner = null;
    this.ownedByVisitOn = null;
    this.lastContact = null;
    this.ended = why;
    this.refreshed = null;
  }

  own(who: StaffId, at: Instant, why: Reason): void {
    this.closeSpan(at);
    this.establishedEntry = null;
    this.ownedByVisitOn = null;
    this.owner = who;
    this.lastContact = at;
    this.established = why;
    this.refreshed = null;
    this.ended = null;
    this.smsRun = 0;
    this.pending = null;
    this.spans.push({ owner: who, from: at, until: null });
  }

  /**
   * 000 细则 四.2: an effective contact (a valid visit registration, a reception, a reached follow-up) by the consultant
   * the manager gave the customer makes them the owner from that contact. True when it did.
   */
  private claimPending(who: StaffId | null, at: Instant, ref: RecordRef): boolean {
    const p = this.pending;
    if (p === null || who !== p.who || this.owner !== null || hadLeft(this.ctx, who, at)) return false;
    this.own(who, at, reason('OWN-10', 'reassignedFirstContact', `${who}, given the customer by ${p.by}, made the first effective contact: the customer is now ${who}'s`, { owner: who, by: p.by, assignedAt: p.at }, ref));
    return true;
  }

  contact(at: Instant, why: Reason): void {
    this.lastContact = Math.max(this.lastContact ?? at, at);
    this.refreshed = why;
    this.smsRun = 0;
  }

  ownerAt(t: Instant): StaffId | null {
    for (const s of this.spans) if (s.from <= t && (s.until === null || t < s.until)) return s.owner;
    return null;
  }

  apply(r: OwnershipRecord): void {
    const policy = this.ctx.policy;
    const day = this.ctx.dayOf(r.at);
    const ref = refOf(r);
    switch (r.kind) {
      case 'registration': {
        if (!r.valid) return;
        if (r.via === 'call') {
          // REG-8: a call entry never makes an owner by itself; with callsEstablish it is a claim the caller can confirm by naming the call-taker.
          if (!policy.ownership.callsEstablish || r.consultant === null) return;
          this.callClaims.set(r.consultant, r.at);
          if (this.owner === r.consultant) this.contact(r.at, reason('REG-8', 'ownerCall', `${r.consultant}'s call entry refreshes protection (callsEstablish)`, { owner: r.consultant }, ref));
          return;
        }
        if (this.publicDay === day) return; // OWN-12: a non-customer's visit gives nobody ownership and refreshes nobody
        if (r.countsFrom !== undefined) return this.applyEarlierEntry(r, r.countsFrom, ref);
        this.firstValidRegistration ??= r.at;
        const designee = this.designee?.day === day ? this.designee.who : null;
        const candidate = designee ?? r.consultant;
        if (candidate === null) return;
        if (this.claimPending(candidate, r.at, ref)) return;
        if (this.owner === null) {
          this.own(
            candidate,
            r.at,
            designee
              ? reason('ROT-12', 'designatedRegistered', `the customer asked for ${designee} on entering; the valid registration makes them the owner`, { owner: designee }, ref)
              : reason('OWN-1', 'firstValidRegistration', `first valid registration by ${candidate}`, { owner: candidate }, ref),
          );
          this.ownedByVisitOn = day;
          this.establishedEntry = r.entry ?? r.seq;
        } else if (this.owner === candidate) {
          this.contact(r.at, reason('OWN-2', 'ownerRegistration', `${candidate}'s valid registration is an effective contact`, { owner: candidate }, ref));
        }
        return;
      }
      case 'arrival': {
        if (r.nonCustomer) {
          this.markPublic(r.at, day, ref);
          return;
        }
        if (this.claimPending(r.receiver, r.at, ref)) return;
        if (this.owner !== null) {
          this.contact(r.at, reason('OWN-2', 'arrival', `the customer came in (received by ${r.receiver ?? 'nobody'}): an effective contact for ${this.owner}`, { owner: this.owner }, ref));
          return;
        }
        this.designee = r.designee ? { who: r.designee, day } : null;
        const claim = r.designee ? this.callClaims.get(r.designee) : undefined;
        if (r.designee && claim !== undefined && !hadLeft(this.ctx, r.designee, r.at)) {
          this.own(r.designee, r.at, reason('REG-8', 'callConfirmed', `the caller named ${r.designee}, who took the call: the call entry establishes ownership`, { owner: r.designee }, ref));
        }
        return;
      }
      case 'reclassified':
        this.markPublic(r.at, day, ref);
        return;
      case 'followUp': {
        if (r.reached && (r.via !== 'sms' || policy.ownership.smsCounts) && this.claimPending(r.by, r.at, ref)) return;
        if (this.owner !== r.by || !r.reached) return;
        if (r.via === 'sms') {
          if (!policy.ownership.smsCounts) return;
          const limit = policy.ownership.smsOnlyLimit;
          if (this.smsRun === 0) this.contactBeforeSmsRun = this.lastContact;
          const run = this.smsRun + 1;
          this.contact(r.at, reason('OWN-3', 'smsFollowUp', `${r.by}'s SMS follow-up counts (smsCounts)`, { owner: r.by }, ref));
          this.smsRun = run;
          if (limit !== null && run >= limit) {
            this.lastContact = this.contactBeforeSmsRun;
            this.refreshed = reason('OWN-3', 'smsRunVoid', `${run} SMS-only follow-ups in a row do not count`, { run }, ref);
          }
          return;
        }
        this.contact(r.at, reason('OWN-3', 'reachedFollowUp', `${r.by}'s follow-up reached the customer by ${r.via}`, { owner: r.by, via: r.via }, ref));
        return;
      }
      case 'reassign':
        if (policy.ownership.reassignedOwns === 'atFirstContact') {
          // 000 细则 四.2: the manager's decision ends the former owner's hold; the new one owns from their first effective contact.
          if (this.owner !== null) this.end(r.at, reason('OWN-10', 'reassignedPending', `the manager ${r.by} gave the customer to ${r.to}, who owns it from their first effective contact`, { owner: this.owner, to: r.to, by: r.by, at: r.at }, ref));
          else this.ended = reason('OWN-10', 'reassignedPending', `the manager ${r.by} gave the customer to ${r.to}, who owns it from their first effective contact`, { to: r.to, by: r.by, at: r.at }, ref);
          this.pending = { who: r.to, by: r.by, at: r.at, ref };
          return;
        }
        this.own(r.to, r.at, reason('OWN-5', 'reassigned', `the manager ${r.by} assigned the customer to ${r.to}${r.reason ? `: ${r.reason}` : ''}`, { owner: r.to, by: r.by }, ref));
        return;
      case 'introduced':
        this.own(r.to, r.at, reason('OWN-9', 'companyIntroduced', `introduced by ${r.source}: the manager ${r.by} assigned the customer in turn to ${r.to}, commission at ${Math.round(r.rate * 100)}%`, { owner: r.to, by: r.by, source: r.source, rate: r.rate, percent: Math.round(r.rate * 100) }, ref));
        return;
      case 'awarded':
        this.own(
          r.to,
          r.at,
          r.frozen
            ? reason('OWN-13', 'frozenAwarded', `the dispute followed the frozen register: the customer is ${r.to}'s`, { owner: r.to, by: r.by, unit: r.unit }, ref)
            : reason('OWN-14', 'overlapAwarded', `two consultants claimed the customer and only ${r.to}'s records were complete: the customer is ${r.to}'s`, { owner: r.to, by: r.by, unit: r.unit }, ref),
        );
        return;
      case 'deal':
        if (this.owner === null) this.own(r.by, r.at, reason('DEAL-3', 'closerOwns', `no protected owner: ${r.by} closed the deal and owns the customer`, { owner: r.by }, ref));
        return;
      case 'voided':
        if (this.owner !== null && this.establishedEntry === r.entry)
          this.end(r.at, reason('REG-6', 'entryVoided', `the entry that made ${this.owner} the owner was corrected to another customer: it is void`, { owner: this.owner, entry: r.entry }, ref));
        return;
      case 'merge':
      case 'link':
        return; // joins threads; handled by the household walk
    }
  }

  /**
   * An entry that counts from an earlier instant `from` (REG-5 an approved late entry, REG-6 a correction, REG-7
   * an identified entry): it is no fresh contact, so protection runs from `from`, never from when it was filed.
   * An approved late entry whose visit came before another consultant's registration makes its consultant the
   * owner from the approval on (the first registration is the one of the earlier visit, OWN-1); earlier answers stand.
   */
  private applyEarlierEntry(r: Extract<OwnershipRecord, { kind: 'registration' }>, from: Instant, ref: RecordRef): void {
    const candidate = r.consultant;
    if (candidate === null || from + this.protectionMs <= r.at) return;
    this.firstValidRegistration = minOrNull(this.firstValidRegistration, from);
    const why =
      r.late ? reason('REG-5', 'lateEntryCounts', `the manager approved ${candidate}'s late entry: it counts from the visit`, { owner: candidate, entry: r.entry ?? r.seq }, ref)
      : r.corrects !== undefined ? reason('REG-6', 'correctionCounts', `${candidate}'s corrected entry counts from the entry it corrects: not a fresh contact`, { owner: candidate, entry: r.corrects }, ref)
      : reason('REG-7', 'identifiedEntry', `the entry made without a phone is identified: ${candidate}'s entry counts from the visit`, { owner: candidate, entry: r.entry ?? r.seq }, ref);
    const ownerSince = this.spans.find((s) => s.until === null)?.from ?? null;
    if (this.owner === null || (r.late && this.owner !== candidate && ownerSince !== null && ownerSince > from)) {
      this.own(candidate, r.at, r.late && this.owner !== null ? reason('REG-5', 'lateEntryFirst', `${candidate}'s approved late entry records a visit before ${this.owner}'s registration: ${candidate} owns the customer from the approval`, { owner: candidate, former: this.owner }, ref) : why);
      this.lastContact = from;
      this.establishedEntry = r.entry ?? r.seq;
    } else if (this.owner === candidate && from > (this.lastContact ?? Number.NEGATIVE_INFINITY)) {
      this.contact(from, why);
    }
  }

  /**
   * OWN-12: the customer came as, or proved to be, not a customer. No visit registration of that local day gives
   * an owner: one that already made the owner today stops counting from this instant (an owner from an earlier
   * day keeps the customer, unrefreshed). From the next local day the customer is new.
   */
  private markPublic(at: Instant, day: string, ref: RecordRef): void {
    this.publicDay = day;
    if (this.firstValidRegistration !== null && this.ctx.dayOf(this.firstValidRegistration) === day) this.firstValidRegistration = null;
    if (this.owner !== null && this.ownedByVisitOn === day) {
      this.end(at, reason('OWN-12', 'notACustomer', `not a customer: the visit registration of the day makes ${this.owner} nobody's owner`, { owner: this.owner }, ref));
    }
  }

  answerReasons(): Reason[] {
    if (this.owner === null) {
      if (this.ended) return [this.ended];
      return [reason('OWN-1', 'neverOwned', 'no valid registration has made anyone the owner')];
    }
    const out = this.established ? [this.established] : [];
    if (this.refreshed) out.push(this.refreshed);
    return out;
  }
}

/** Keys joined into one customer by family links within the policy's scope (OWN-7). */
export function relationInScope(policy: Policy, relation: string): boolean {
  switch (policy.ownership.family) {
    case 'none':
      return false;
    case 'spouseParentsChildren':
      return relation === 'spouse' || relation === 'parent' || relation === 'child';
    case 'threeGenerations':
      return true;
  }
}

/**
 * Walks one household through `records` (in the order things happened, then by seq: an imported paper-era
 * entry sits at its original time, issue 11.4) up to `now`, and answers for `key`. Each customer record
 * starts as its own thread of ownership; a merge (OWN-6) and a family link in scope (OWN-7) join two threads at
 * the instant they were recorded, never before.
 */
export function judgeOwnership(ctx: OwnershipContext, records: readonly OwnershipRecord[], key: PhoneKey, now: Instant): OwnershipAnswer {
  const threadOf = new Map<PhoneKey, Thread>();
  const lookBacks: LookBack[] = [];
  const thread = (k: PhoneKey): Thread => {
    let t = threadOf.get(k);
    if (!t) {
      t = new Thread(ctx);
      t.keys = [k];
      threadOf.set(k, t);
    }
    return t;
  };

  for (const r of records) {
    if (r.at > now) break;
    if (r.kind === 'merge' || r.kind === 'link') {
      if (r.kind === 'link' && !relationInScope(ctx.policy, r.relation)) continue;
      const a = thread(r.key);
      const b = thread(r.kind === 'merge' ? r.into : r.to);
      if (a === b) continue;
      a.settle(r.at);
      b.settle(r.at);
      const joined = r.kind === 'merge' ? mergeThreads(ctx, b, a, r, lookBacks) : joinFamily(ctx, a, b, r);
      for (const k of joined.keys) threadOf.set(k, joined);
      continue;
    }
    const t = thread(r.key);
    t.settle(r.at);
    t.apply(r);
  }
  const t = thread(key);
  t.settle(now);
  return {
    owner: t.owner,
    protectedUntil: t.protectedUntil(),
    lastContact: t.owner !== null ? t.lastContact : null,
    reasons: t.answerReasons(),
    spans: t.spans.map((s) => ({ ...s })),
    lookBacks,
    pendingFor: t.owner === null ? (t.pending?.who ?? null) : null,
  };
}

/**
 * Makes `into` one customer with `other` (OWN-6, OWN-7): their records, owner history, first registration and
 * pending claims become one. Who owns the joined customer is the caller's decision.
 */
function combine(into: Thread, other: Thread): Thread {
  into.keys = [...into.keys, ...other.keys];
  into.spans = [...into.spans, ...other.spans].sort((a, b) => a.from - b.from);
  into.firstValidRegistration = minOrNull(into.firstValidRegistration, other.firstValidRegistration);
  for (const [who, at] of other.callClaims) if (!into.callClaims.has(who)) into.callClaims.set(who, at);
  // Same-day marks (ROT-12 designee, OWN-12 public customer) only matter on their day: the more recent one counts.
  if (other.designee && (!into.designee || other.designee.day > into.designee.day)) into.designee = other.designee;
  if (other.publicDay !== null && (into.publicDay === null || other.publicDay > into.publicDay)) into.publicDay = other.publicDay;
  into.ended ??= other.ended;
  return into;
}

/**
 * OWN-6: merging a later record into an earlier one within `lookBackDays` of the later record's first
 * registration returns the customer to the earlier owner if their protection was live then (and they had not
 * left by the merge, OWN-10); after the window the later owner keeps it.
 */
function mergeThreads(ctx: OwnershipContext, earlier: Thread, later: Thread, r: OwnershipRecord & { kind: 'merge' }, lookBacks: LookBack[]): Thread {
  const ref = refOf(r);
  const windowMs = ctx.policy.ownership.lookBackDays * DAY_MS;
  const laterFirst = later.firstValidRegistration;
  const inWindow = laterFirst !== null && r.at - laterFirst <= windowMs;
  const original = laterFirst !== null ? earlier.ownerAt(laterFirst) : null;
  const originalLive = original !== null && !hadLeft(ctx, original, r.at);
  const laterOwner = later.owner;
  const laterContact = later.lastContact;
  const earlierContact = earlier.lastContact;
  const earlierOwner = earlier.owner;
  const joined = combine(earlier, later);
  if (inWindow && originalLive && original !== null) {
    const contact = Math.max(earlierContact ?? 0, laterContact ?? 0, earlierOwner === original ? 0 : r.at);
    joined.own(original, r.at, reason('OWN-6', 'lookBackReturned', `look-back within ${ctx.policy.ownership.lookBackDays} days: the record is the same customer as ${original}'s, who gets them back`, { owner: original, later: laterOwner }, ref));
    joined.lastContact = contact;
    if (laterOwner !== original) lookBacks.push({ original, later: laterOwner, laterKeys: later.keys, at: r.at });
  } else if (laterOwner !== null) {
    joined.own(laterOwner, r.at, reason('OWN-6', 'lookBackExpired', inWindow ? `merged record: ${laterOwner} keeps the customer (the earlier owner was not protected then)` : `merged after the ${ctx.policy.ownership.lookBackDays}-day look-back: ${laterOwner} keeps the customer`, { owner: laterOwner }, ref));
    joined.lastContact = laterContact;
  }
  return joined;
}

/**
 * OWN-7: a family link in scope makes two customers one from the instant it is recorded. Members received by
 * different consultants: the first valid registration wins, so the joined customer belongs to the owner of the
 * thread registered first if that owner is protected at the link, otherwise to the other thread's protected
 * owner, otherwise to nobody. Protection runs on from the winner's last effective contact (from either thread's,
 * when one consultant owned both); from then on a contact with any member refreshes it.
 */
function joinFamily(ctx: OwnershipContext, linked: Thread, to: Thread, r: OwnershipRecord & { kind: 'link' }): Thread {
  // A thread with no valid registration comes last; a tie goes to the customer linked to, already on file.
  const rank = (t: Thread): number => t.firstValidRegistration ?? Number.POSITIVE_INFINITY;
  const [first, second] = rank(linked) < rank(to) ? [linked, to] : [to, linked];
  const winner = first.owner !== null ? first : second.owner !== null ? second : null;
  if (winner === null || winner.owner === null || winner.lastContact === null) return combine(first, second);
  const owner = winner.owner;
  const loser = winner === first ? second : first;
  const contact = loser.owner === owner ? Math.max(winner.lastContact, loser.lastContact ?? 0) : winner.lastContact;
  const joined = combine(first, second);
  const why =
    winner === first
      ? `linked as family (${r.relation}): the member registered first is ${owner}'s customer, so every member is ${owner}'s`
      : `linked as family (${r.relation}): the member registered first has no protected owner, so ${owner} keeps the family`;
  joined.own(owner, r.at, reason('OWN-7', 'familyJoined', why, { owner, relation: r.relation, linked: r.key, to: r.to }, refOf(r)));
  joined.lastContact = contact;
  return joined;
}

function minOrNull(a: Instant | null, b: Instant | null): Instant | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
