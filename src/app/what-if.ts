// What if the office had run on another policy lately? The recorded log is run twice through the real
// engine: once as recorded, once with the candidate policy in force from the window's start. Inside the
// window every fact is turned back into its command (`commandOfFact`) and decided again by `decide`, so
// answers that depend on the policy — who receives a party, whether a registration is valid, a report
// accepted, a dispute in time, what credit an order carries — are re-decided, not copied. Both runs are
// computed the same way, so the candidate equal to the recorded policy differs in nothing.
//
// A pure function of (facts, zone, policies, window, now): no clock, no store, nothing recorded.
import { Engine } from '../core/engine.ts';
import type { Fact, Recorded, StaffId, UnitId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import type { Policy } from '../core/policy.ts';
import type { Reason } from '../core/reasons.ts';
import { effectiveQueue } from '../core/rotation.rules.ts';
import { DAY_MS, type Instant } from '../core/time.ts';
import { commandOfFact } from './command-of-fact.ts';
import type { Command, RefusalCode } from './commands.ts';
import { decide } from './handlers.ts';

export interface WhatIfInput {
  /** The project's whole log, in seq order. */
  readonly facts: readonly Recorded[];
  readonly zone: string;
  /** The policy in force before the first fact; a log that begins with its `policySet` (every SQL store's) sets its own. */
  readonly initialPolicy: Policy;
  /** The edited policy, in force from `from` on in the candidate run. */
  readonly candidate: Policy;
  /** The window's start: facts from here on are re-decided. */
  readonly from: Instant;
  /** The instant the two runs are compared at. Facts after it are left out. */
  readonly now: Instant;
}

export interface Owned {
  readonly owner: StaffId | null;
  readonly protectedUntil: Instant | null;
}

/** A customer whose owner, or whose protection, differs at `now`. */
export interface CustomerChange {
  readonly phone: PhoneKey;
  readonly name: string | null;
  readonly before: Owned;
  readonly after: Owned;
  readonly ownerChanged: boolean;
  /** Why the candidate run answers as it does (OWN-15). */
  readonly reasonsAfter: readonly Reason[];
}

export interface LiveOrderView {
  readonly phone: PhoneKey;
  readonly closer: StaffId;
  readonly credit: Readonly<Record<string, number>>;
}

/** A unit whose live order (its customer, closer or credit) differs at `now`; null: no live order in that run. */
export interface CreditChange {
  readonly unit: UnitId;
  readonly before: LiveOrderView | null;
  readonly after: LiveOrderView | null;
}

/** The answer a re-decided fact carries in each run, where the two differ. */
export interface DecisionChange {
  readonly seq: number;
  readonly type: Fact['type'];
  readonly at: Instant;
  readonly phone: string | null;
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

/** A recorded fact whose command the candidate run refuses (or that has no party to act on there): it is left out of that run. */
export interface RefusedChange {
  readonly seq: number;
  readonly type: Fact['type'];
  readonly at: Instant;
  readonly phone: string | null;
  readonly code: RefusalCode;
  readonly message: string;
}

export interface WhatIf {
  readonly from: Instant;
  readonly now: Instant;
  /** Facts in the window whose commands were decided again in both runs. */
  readonly redecided: number;
  /** Recorded policy changes inside the window: kept in the recorded run, ignored in the candidate run (as is the log's opening policy, not listed). */
  readonly ignoredPolicyChanges: readonly number[];
  /** Facts whose command the recorded run itself refuses (e.g. erased personal data): folded as recorded in both runs. */
  readonly notRedecided: readonly { readonly seq: number; readonly type: Fact['type']; readonly code: RefusalCode | 'noCommand' }[];
  /** Facts the recorded run decides differently from what was recorded (the engine changed since): both runs use the re-decision. */
  readonly drift: readonly number[];
  readonly customers: readonly CustomerChange[];
  readonly credits: readonly CreditChange[];
  readonly decisions: readonly DecisionChange[];
  readonly refused: readonly RefusedChange[];
  /** Today's queue at `now` in each run (ROT-1), when they differ. */
  readonly queue: { readonly before: readonly string[]; readonly after: readonly string[] } | null;
}

/** One run: an engine folded from the log, and the receiver of each party (arrival seq) in this run. */
class Run {
  readonly engine: Engine;
  readonly receiverOf = new Map<number, StaffId | null>();

  constructor(policy: Policy, zone: string, start: Instant) {
    this.engine = new Engine(policy, zone, start);
  }

  /** Folds a fact under the seq it has in the recorded log, so reasons cite the real records. */
  apply(fact: Fact, seq: number): void {
    if (fact.type === 'partyArrived') this.receiverOf.set(seq, fact.reception.receiver);
    if (fact.type === 'turnDeclined') {
      const party = this.partyOf(fact.who, fact.at);
      if (party !== null) this.receiverOf.set(party, fact.reception.receiver);
    }
    this.engine.apply({ ...fact, seq } as Recorded);
  }

  /** The party `who` is receiving at `at`, if any. */
  partyOf(who: StaffId, at: Instant): number | null {
    return this.engine.floorAt(at).seats.get(who)?.receiving?.party ?? null;
  }

  /** Who is receiving `party` at `at`, if anyone. */
  holderOf(party: number, at: Instant): StaffId | null {
    for (const seat of this.engine.floorAt(at).seats.values()) if (seat.receiving?.party === party) return seat.id;
    return null;
  }
}

/** A command as one run must issue it; `moot`: it acts on a party nobody receives in that run. */
type Issued = { readonly command: Command } | { readonly moot: string };

interface Visit {
  readonly party: number;
  readonly day: string;
  readonly receiver: StaffId | null;
}

/** The latest visit of each phone as recorded — its party, day and receiver — for the registration that writes it up. */
class Visits {
  private readonly byPhone = new Map<PhoneKey, Visit>();
  private readonly phoneOfParty = new Map<number, PhoneKey>();

  get(phone: PhoneKey): Visit | undefined {
    return this.byPhone.get(phone);
  }

  /** Notes a recorded arrival, or a decline (`party`: the one declined), after which the party's taker is its receiver (ROT-4). */
  note(fact: Recorded, day: string, party: number | null): void {
    if (fact.type === 'partyArrived' && fact.phone) {
      this.byPhone.set(fact.phone, { party: fact.seq, day, receiver: fact.reception.receiver });
      this.phoneOfParty.set(fact.seq, fact.phone);
    }
    if (fact.type !== 'turnDeclined' || party === null) return;
    const phone = this.phoneOfParty.get(party);
    const visit = phone !== undefined ? this.byPhone.get(phone) : undefined;
    if (phone !== undefined && visit?.party === party) this.byPhone.set(phone, { ...visit, receiver: fact.reception.receiver });
  }
}

/** Facts (or customers compared) between two yields of `whatIfSteps`. */
const STEP = 2000;

/** The what-if, computed at once. */
export function whatIf(input: WhatIfInput): WhatIf {
  const steps = whatIfSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The what-if as steps: it yields every few thousand facts (and customers compared), so that a server can
 * let other requests in between; nothing else happens at a yield. `whatIf` runs it through at once.
 */
export function* whatIfSteps(input: WhatIfInput): Generator<void, WhatIf, void> {
  const { facts, zone, from, now } = input;
  const start = facts[0]?.at ?? from;
  const recorded = new Run(input.initialPolicy, zone, start);
  const candidate = new Run(input.initialPolicy, zone, start);
  const visits = new Visits();
  const notRedecided: WhatIf['notRedecided'][number][] = [];
  const ignoredPolicyChanges: number[] = [];
  const drift: number[] = [];
  const decisions: DecisionChange[] = [];
  const refused: RefusedChange[] = [];
  let redecided = 0;
  let inWindow = false;

  const fold = (fact: Recorded): void => {
    recorded.apply(fact, fact.seq);
    candidate.apply(fact, fact.seq);
  };

  let count = 0;
  for (const fact of facts) {
    if (fact.at > now) break;
    if (++count % STEP === 0) yield;
    if (!inWindow && fact.at >= from) {
      inWindow = true;
      // The candidate policy takes over at the window's start, as a policySet there would (not a recorded fact: it reuses the last seq).
      candidate.engine.apply({ type: 'policySet', at: from, policy: input.candidate, seq: candidate.engine.lastSeq });
    }
    // The party a done/reclassify/decline is about: the one its person receives on the recorded run's floor, which the command met.
    const party = fact.type === 'receptionEnded' || fact.type === 'partyReclassified' || fact.type === 'turnDeclined' ? recorded.partyOf(fact.who, fact.at) : null;
    const noteVisit = () => visits.note(fact, recorded.engine.dayOf(fact.at), party);
    if (!inWindow) {
      fold(fact);
      noteVisit();
      continue;
    }
    if (fact.type === 'policySet') {
      recorded.apply(fact, fact.seq);
      // The log's opening policy is no change; the candidate stands in for it all the same.
      if (fact !== facts[0]) ignoredPolicyChanges.push(fact.seq);
      continue;
    }
    const command = commandOfFact(fact);
    if (command === null) {
      fold(fact);
      notRedecided.push({ seq: fact.seq, type: fact.type, code: 'noCommand' });
      continue;
    }
    const asRecorded = issue(command, fact, recorded, party, visits);
    const asCandidate = issue(command, fact, candidate, party, visits);
    noteVisit();
    const base = 'command' in asRecorded ? decide(recorded.engine, asRecorded.command, fact.at) : null;
    if (base === null || !base.ok) {
      // Not even the recorded policy re-decides it: keep what was recorded, in both runs.
      fold(fact);
      notRedecided.push({ seq: fact.seq, type: fact.type, code: base?.refusal.code ?? 'not_receiving' });
      continue;
    }
    redecided++;
    recorded.apply(base.decision.fact, fact.seq);
    if (!same(base.decision.fact, withoutSeq(fact))) drift.push(fact.seq);

    const phone = phoneOf(fact);
    if ('moot' in asCandidate) {
      refused.push({ seq: fact.seq, type: fact.type, at: fact.at, phone, code: 'not_receiving', message: asCandidate.moot });
      continue;
    }
    const next = decide(candidate.engine, asCandidate.command, fact.at);
    if (!next.ok) {
      refused.push({ seq: fact.seq, type: fact.type, at: fact.at, phone, code: next.refusal.code, message: next.refusal.message });
      continue;
    }
    candidate.apply(next.decision.fact, fact.seq);
    // A decision changed when its answer did: the same answer with other explanations (an order's credit
    // reasons citing another protection end) is no change, and every field that can change is a column.
    const before = answerOf(base.decision.fact);
    const after = answerOf(next.decision.fact);
    if (!same(before, after)) decisions.push({ seq: fact.seq, type: fact.type, at: fact.at, phone, before, after });
  }
  if (!inWindow) candidate.engine.apply({ type: 'policySet', at: Math.max(from, candidate.engine.lastAt), policy: input.candidate, seq: candidate.engine.lastSeq });

  const windowDays = (now - from) / DAY_MS;
  const queueBefore = queueAt(recorded.engine, now);
  const queueAfter = queueAt(candidate.engine, now);
  const customers = yield* customerChanges(recorded.engine, candidate.engine, now, windowDays);
  return {
    from,
    now,
    redecided,
    ignoredPolicyChanges,
    notRedecided,
    drift,
    customers,
    credits: creditChanges(recorded.engine, candidate.engine),
    decisions,
    refused,
    queue: same(queueBefore, queueAfter) ? null : { before: queueBefore, after: queueAfter },
  };
}

function queueAt(engine: Engine, now: Instant): string[] {
  return effectiveQueue(engine.floorAt(now), engine.floorContext);
}

/**
 * The command as `run` must issue it. The people in a recorded command follow the party, not the person,
 * where the command was about the party the floor handed out: ending or reclassifying a reception or
 * declining it goes to whoever receives that party in this run, and the visit registration the receiver
 * wrote is written by (or, from the front desk, for) this run's receiver. Everything else — follow-ups,
 * deals, reassignments, links — is what people did, and is issued as recorded.
 */
function issue(command: Command, fact: Recorded, run: Run, party: number | null, visits: Visits): Issued {
  switch (command.do) {
    case 'done':
    case 'reclassify':
    case 'decline': {
      if (party === null) return { command };
      const holder = run.holderOf(party, fact.at);
      return holder === null ? { moot: `nobody receives the party of record #${party} in this run` } : { command: { ...command, who: holder } };
    }
    case 'register': {
      if (command.via !== 'visit' || command.phone === undefined || fact.type !== 'registered') return { command };
      const visit = visits.get(command.phone);
      const writer = command.for ?? command.by;
      if (!visit || visit.receiver !== writer || visit.day !== run.engine.dayOf(fact.at)) return { command };
      const receiver = run.receiverOf.get(visit.party) ?? null;
      if (receiver === null || receiver === writer) return { command };
      return { command: command.for !== undefined ? { ...command, for: receiver } : { ...command, by: receiver } };
    }
    default:
      return { command };
  }
}

/** Every customer whose owner or protection differs at `now`. */
function* customerChanges(before: Engine, after: Engine, now: Instant, windowDays: number): Generator<void, CustomerChange[], void> {
  // A household with no record within the longest protection (either run) and the window has lapsed in both runs alike.
  const horizon = Math.max(windowDays, before.policy.ownership.protectionDays, after.policy.ownership.protectionDays) * DAY_MS;
  const cutoff = now - horizon;
  const out: CustomerChange[] = [];
  const keys = new Set([...before.customers.keys(), ...after.customers.keys()]);
  let count = 0;
  for (const phone of keys) {
    if (++count % STEP === 0) yield;
    if (!recentlyActive(before, phone, cutoff) && !recentlyActive(after, phone, cutoff)) continue;
    const b = before.ownership(phone, now);
    const a = after.ownership(phone, now);
    if (b.owner === a.owner && b.protectedUntil === a.protectedUntil) continue;
    out.push({
      phone,
      name: after.customers.get(phone)?.name ?? before.customers.get(phone)?.name ?? null,
      before: { owner: b.owner, protectedUntil: b.protectedUntil },
      after: { owner: a.owner, protectedUntil: a.protectedUntil },
      ownerChanged: b.owner !== a.owner,
      reasonsAfter: a.reasons,
    });
  }
  return out.sort((x, y) => Number(y.ownerChanged) - Number(x.ownerChanged) || (x.phone < y.phone ? -1 : x.phone > y.phone ? 1 : 0));
}

function recentlyActive(engine: Engine, phone: PhoneKey, cutoff: Instant): boolean {
  for (const key of engine.household(phone).keys) {
    const records = engine.customers.get(key)?.records;
    const last = records?.[records.length - 1];
    if (last && last.at >= cutoff) return true;
  }
  return false;
}

/** Every unit whose live order differs at the end of the two runs. */
function creditChanges(before: Engine, after: Engine): CreditChange[] {
  const view = (engine: Engine, unit: UnitId): LiveOrderView | null => {
    const order = engine.orders.get(unit);
    return order ? { phone: order.phone, closer: order.closer, credit: order.credit } : null;
  };
  const out: CreditChange[] = [];
  const units = [...new Set([...before.orders.keys(), ...after.orders.keys()])].sort();
  for (const unit of units) {
    const b = view(before, unit);
    const a = view(after, unit);
    if (!same(b, a)) out.push({ unit, before: b, after: a });
  }
  return out;
}

/**
 * The answer a fact carries: what `decide` decided, beside the command's own fields. Every field a policy
 * can change is here, so the what-if's table shows each change it counts (issue 16.3).
 */
function answerOf(fact: Fact): Record<string, unknown> {
  switch (fact.type) {
    case 'partyArrived':
      return { receiver: fact.reception.receiver, as: fact.reception.as, channel: fact.channel, ...(fact.designee ? { designee: fact.designee } : {}) };
    case 'turnDeclined':
      return { who: fact.who, receiver: fact.reception.receiver, as: fact.reception.as };
    case 'registered':
      return { by: fact.by, ...(fact.for ? { for: fact.for } : {}), valid: fact.valid };
    case 'reported':
      // CH-8: the number is kept as the policy says (full, or a mask); a masked one is no personal data.
      return { accepted: fact.accepted, number: fact.masked ? fact.phone : 'full' };
    case 'ordered':
      return { credit: fact.credit };
    case 'disputed':
      return { accepted: fact.accepted };
    case 'receptionEnded':
    case 'partyReclassified':
      return { who: fact.who };
    default:
      return {};
  }
}

function phoneOf(fact: Fact): string | null {
  return 'phone' in fact && typeof fact.phone === 'string' ? fact.phone : null;
}

function withoutSeq(fact: Recorded): Fact {
  const { seq: _seq, ...rest } = fact;
  return rest as Fact;
}

/** Structural equality of JSON-like values, whatever order their keys were built in (a store's fact, a handler's). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
