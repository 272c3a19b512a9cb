// The engine: one sales office's recorded facts, folded into indexes so that every question (who is up,
// who owns this phone, whose broker protection, what credit) is answered without scanning the history.
// Deterministic: the same facts and the same `now` always give the same answers. No I/O, no clock.
import { followUpNote, type Broker, type BrokerId, type Fact, type FollowUpNote, type Recorded, type StaffId, type StaffMember, type Unit, type UnitId } from './facts.ts';
import { ViolationRegister } from './violation.rules.ts';
import { byTimeThenSeq, fileInTimeOrder, happenedAt } from './entry-time.ts';
import type { PhoneKey } from './phone.ts';
import { maskPhone, type MaskStyle } from './phone.ts';
import { ChannelBook } from './channel-book.ts';
import { RegisterBook, type RegisterEntry } from './register-book.ts';
import type { Policy } from './policy.ts';
import { liveProtection, type Protection, type ReportRecord } from './channel.rules.ts';
import { creditAt, lookBackCredit, type Credit, type CreditInput, type Departure, type Order, type UnitAvailability } from './deal.rules.ts';
import { disputeOutcome, sideRecords } from './dispute.rules.ts';
import type { Reason, RecordRef } from './reasons.ts';
import { judgeOwnership, relationInScope, type OwnershipAnswer, type OwnershipContext, type OwnershipRecord } from './ownership.rules.ts';
import * as rot from './rotation.rules.ts';
import { DAY_MS, LocalCalendar, monthStartOnOrAfter, type Instant } from './time.ts';
import type { IntroducedAssignment } from './introduced.rules.ts';
import type { FrozenRegister } from './frozen-register.rules.ts';

/** Everything recorded about one customer record (one normalised phone). */
export interface CustomerFile {
  readonly key: PhoneKey;
  // The five lists start as one empty list shared by every file, replaced by the file's own on its first item
  // (`own`): most customers never get a link, a merge, a cover or a report, and a million empty lists cost
  // about 30 MB of memory and as many objects in a snapshot (issue 13).
  records: OwnershipRecord[];
  reports: ReportRecord[];
  links: { readonly to: PhoneKey; readonly relation: string }[];
  merged: PhoneKey[];
  name: string | null;
  plate: string | null;
  firstArrival: Instant | null;
  /** The latest arrival naming this phone (CH-10 natural visitors). */
  lastArrival: Instant | null;
  /** Receptions as cover, for the cover split (DEAL-3). */
  covers: { readonly receiver: StaffId; readonly at: Instant; readonly referral: boolean }[];
}

type FileList = 'records' | 'reports' | 'links' | 'merged' | 'covers';

/** The empty list every new file shares; frozen, so a write that bypassed `own` fails loudly instead of reaching every file. */
const SHARED_EMPTY: never[] = Object.freeze([]) as unknown as never[];

/**
 * The file's own list, to add to. An empty list may be shared (the one above, or after a snapshot is put back,
 * its copy), so it is replaced rather than written to; a list with items belongs to its file alone.
 */
function own<K extends FileList>(file: CustomerFile, list: K): CustomerFile[K] {
  if (file[list].length === 0) file[list] = [] as CustomerFile[K];
  return file[list];
}

/** A fact in a unit's history, with what its line says (a reason, a stage, a move). */
export interface UnitEvent extends RecordRef {
  readonly detail?: string;
}

/** Every customer record that is, or has at some instant been made, one customer with another (OWN-6, OWN-7). */
export interface Household {
  readonly keys: PhoneKey[];
}

export function normalisePlate(plate: string): string {
  return plate.replace(/[\s·\-]/g, '').toUpperCase();
}

export function surnameOf(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  return trimmed ? (trimmed[0] as string) : null;
}

export class Engine {
  policy: Policy;
  readonly zone: string;
  readonly staff = new Map<StaffId, StaffMember>();
  readonly departed = new Map<StaffId, Instant>();
  readonly brokers = new Map<BrokerId, Broker>();
  /** The broker side's records: applications, reports by broker, broker-brought arrivals (CH-1..10). */
  readonly channelBook = new ChannelBook();
  readonly departures = new Map<StaffId, Departure>();
  readonly units = new Map<UnitId, Unit>();
  /** 预留/锁定 (DEAL-1): units a manager holds back from sale. */
  readonly holds = new Map<UnitId, { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly reason: string }>();
  readonly withdrawn = new Map<UnitId, { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly reason: string }>();
  /** Every fact that touched a unit, oldest first: the history a cell of the 销控 grid opens. */
  readonly unitHistory = new Map<UnitId, UnitEvent[]>();
  /** The live order on each unit (DEAL-1: at most one). */
  readonly orders = new Map<UnitId, Order>();
  /** Every order ever placed, live or ended, by id (the seq of its first fact). */
  readonly allOrders = new Map<number, Order>();
  readonly customers = new Map<PhoneKey, CustomerFile>();
  /** Masked reports not yet matched to a full number (CH-8): mask → surname ('' when none given) → reports. */
  private readonly maskedReports = new Map<string, Map<string, ReportRecord[]>>();
  private readonly byPlate = new Map<string, Set<PhoneKey>>();
  /** REG-4: full names as registered → the customers registered under them. */
  private readonly byName = new Map<string, Set<PhoneKey>>();
  /** The register's entries by seq: corrections, late entries, entries without a phone, groups (issue 12.2). */
  readonly registerBook = new RegisterBook();
  private maskIndex: { style: MaskStyle; byMask: Map<string, Set<PhoneKey>> } | null = null;
  private readonly suspensions = new Map<StaffId, Instant>();
  /** Issue 11.4: the imported register entries, by `importedEntryKey` → the seq that recorded each. */
  readonly importedEntries = new Map<string, number>();
  /** PEN-1: the violation register; its suspensions keep people off the queue (ROT-14). */
  readonly violations = new ViolationRegister();
  /** OWN-9: the introduced customers given out so far, in order: the turn is derived from them. */
  readonly introduced: IntroducedAssignment[] = [];
  /** OWN-13: the valid customer registers frozen so far, oldest first. */
  readonly frozenRegisters: FrozenRegister[] = [];
  /** Every arrival naming a customer, by seq: what an owner alert (RISK-2) points at. */
  readonly arrivals = new Map<number, { readonly phone: PhoneKey; readonly at: Instant }>();
  /** RISK-2: the owner alerts each person has read (arrival seqs). */
  readonly alertsRead = new Map<StaffId, Set<number>>();
  /** Teams that lost a day's turn (ROT-13), by local day key. */
  private readonly benched = new Map<string, Set<string>>();
  /** The phone of each party received on the stored floor's day, for a reclassification (ROT-3); emptied each new day. */
  private readonly partyPhone = new Map<number, PhoneKey>();
  /** The floor as of the last fact folded in: only `apply` replaces or changes it. */
  floor: rot.Floor;
  lastSeq = 0;
  lastAt: Instant = Number.NEGATIVE_INFINITY;
  private readonly calendar: LocalCalendar;

  constructor(policy: Policy, zone: string, start: Instant = 0) {
    this.policy = policy;
    this.zone = zone;
    this.calendar = new LocalCalendar(zone);
    this.floor = rot.emptyFloor(this.calendar.dayOf(start));
    // The rules see the policy in force now, so these read it through the engine rather than copying it.
    const engine = this;
    this.floorContext = {
      get policy() {
        return engine.policy;
      },
      isSuspended: (who, now) => {
        const until = this.suspensions.get(who);
        if (until !== undefined && now < until) return true;
        if (this.violations.suspendedAt(who, now)) return true;
        const team = this.staff.get(who)?.team;
        return team !== undefined && this.policy.rotation.unit === 'team' && (this.benched.get(this.dayOf(now))?.has(team) ?? false);
      },
    };
    this.ownershipContext = {
      get policy() {
        return engine.policy;
      },
      departedAt: (who) => this.departed.get(who),
      dayOf: (at) => this.dayOf(at),
      sweepAt: (due) => this.sweepAt(due),
    };
  }

  // ---- context objects handed to the pure rules ----

  readonly floorContext: rot.FloorContext;
  readonly ownershipContext: OwnershipContext;

  dayOf(at: Instant): string {
    return this.calendar.dayOf(at).key;
  }

  /** The first instant of each local month after month `YYYY-MM`, computed once: the walk asks for it per record (OWN-11). */
  private readonly nextMonthStart = new Map<string, Instant>();

  /** OWN-11: the monthly sweep due at `due` happens on the first instant of a local month, on or after it. */
  private sweepAt(due: Instant): Instant {
    const day = this.calendar.dayOf(due);
    if (day.start === due && day.key.endsWith('-01')) return due;
    const month = day.key.slice(0, 7);
    let next = this.nextMonthStart.get(month);
    if (next === undefined) {
      next = monthStartOnOrAfter(day.start + 1, this.zone);
      this.nextMonthStart.set(month, next);
    }
    return next;
  }

  /**
   * The floor as of `now`, a read: on a later local day than the last fact the queue is empty (ROT-1, ROT-8), but
   * that empty floor is not kept. Looking at the board is not a fact (ROT-15, SEC-3): the same facts must give the
   * same answers however often, and for whatever instant, anyone looked. Earlier days are not kept: the floor is
   * today's state.
   */
  floorAt(now: Instant): rot.Floor {
    return now >= this.floor.day.end ? rot.emptyFloor(this.calendar.dayOf(now)) : this.floor;
  }

  /** Folding a fact of a new local day starts that day's floor: yesterday's queue, absences and make-ups are gone. */
  private advanceFloor(at: Instant): rot.Floor {
    if (at >= this.floor.day.end) {
      this.floor = rot.emptyFloor(this.calendar.dayOf(at));
      this.partyPhone.clear();
    }
    return this.floor;
  }

  rotationUnitOf(who: StaffId): string {
    return this.policy.rotation.unit === 'team' ? (this.staff.get(who)?.team ?? who) : who;
  }

  // ---- folding facts ----

  apply(fact: Recorded): void {
    this.channelBook.apply(fact, this.brokers);
    this.lastSeq = fact.seq;
    this.lastAt = Math.max(this.lastAt, fact.at);
    const floor = this.advanceFloor(fact.at);
    const ctx = this.floorContext;
    switch (fact.type) {
      case 'staffJoined':
        this.staff.set(fact.staff.id, fact.staff);
        return;
      case 'brokerListed':
        this.brokers.set(fact.broker.id, fact.broker);
        return;
      case 'unitListed':
      case 'unitEdited':
        this.units.set(fact.unit.id, fact.unit);
        this.touchUnit(fact.unit.id, fact);
        return;
      case 'unitsImported':
        for (const unit of [...fact.added, ...fact.edited]) {
          this.units.set(unit.id, unit);
          this.touchUnit(unit.id, fact);
        }
        return;
      case 'unitWithdrawn':
        this.withdrawn.set(fact.unit, { seq: fact.seq, at: fact.at, by: fact.by, reason: fact.reason });
        this.holds.delete(fact.unit);
        this.touchUnit(fact.unit, fact, fact.reason);
        return;
      case 'unitHeld':
        this.holds.set(fact.unit, { seq: fact.seq, at: fact.at, by: fact.by, reason: fact.reason });
        this.touchUnit(fact.unit, fact, fact.reason);
        return;
      case 'unitReleased':
        // Back on sale: a hold ends, and so does a withdrawal.
        this.holds.delete(fact.unit);
        this.withdrawn.delete(fact.unit);
        this.touchUnit(fact.unit, fact, fact.reason);
        return;
      case 'policySet':
        this.policy = fact.policy;
        return;
      case 'signedIn':
        rot.applySignIn(floor, fact.who, this.rotationUnitOf(fact.who));
        return;
      case 'signedOut':
        rot.applySignOut(floor, fact.who);
        return;
      case 'wentAway':
        rot.applyAway(floor, fact.who, fact.reason);
        return;
      case 'cameBack':
        rot.applyBack(floor, ctx, fact.who);
        return;
      case 'receptionEnded':
        rot.applyDone(floor, fact.who);
        return;
      case 'partyArrived':
        return this.applyArrival(fact);
      case 'partyReclassified': {
        const party = floor.seats.get(fact.who)?.receiving?.party;
        rot.applyReclassify(floor, ctx, fact.who, fact.at);
        const phone = party !== undefined ? this.partyPhone.get(party) : undefined;
        if (phone) own(this.file(phone), 'records').push({ kind: 'reclassified', seq: fact.seq, at: fact.at, key: phone });
        return;
      }
      case 'turnDeclined': {
        const party = floor.seats.get(fact.who)?.receiving?.party ?? fact.seq;
        rot.applyDecline(floor, fact.who);
        rot.applyReception(floor, ctx, party, fact.reception, fact.at);
        return;
      }
      case 'registered':
        return this.applyRegistered(fact);
      case 'lateEntryDecided':
      case 'entryIdentified':
        return this.applyEntryDecision(fact);
      case 'followedUp':
        fileInTimeOrder(own(this.file(fact.phone), 'records'), { kind: 'followUp', seq: fact.seq, at: happenedAt(fact), key: fact.phone, by: fact.by, reached: fact.reached, via: fact.via, ...withNote(fact) });
        if (fact.imported) this.importedEntries.set(importedEntryKey('followUp', fact.phone, fact.imported.at), fact.seq);
        return;
      case 'familyLinked': {
        const file = this.file(fact.phone);
        own(file, 'links').push({ to: fact.to, relation: fact.relation });
        own(this.file(fact.to), 'links').push({ to: fact.phone, relation: fact.relation });
        // OWN-7: the link joins the two customers' ownership at its instant, so the walk must meet it in its place.
        own(file, 'records').push({ kind: 'link', seq: fact.seq, at: fact.at, key: fact.phone, to: fact.to, relation: fact.relation });
        return;
      }
      case 'recordsMerged':
        return this.applyMerge(fact);
      case 'departed':
        this.departed.set(fact.who, fact.at);
        this.departures.set(fact.who, { at: fact.at, seq: fact.seq, transferTo: fact.transferTo ?? null });
        rot.applySignOut(floor, fact.who);
        return;
      case 'reassigned':
        own(this.file(fact.phone), 'records').push({ kind: 'reassign', seq: fact.seq, at: fact.at, key: fact.phone, to: fact.to, by: fact.by, ...(fact.reason ? { reason: fact.reason } : {}) });
        return;
      case 'suspended':
        this.suspensions.set(fact.who, Math.max(this.suspensions.get(fact.who) ?? 0, fact.until));
        return;
      case 'reported': {
        const file = fact.masked ? null : this.file(fact.phone);
        const list = file ? own(file, 'reports') : this.maskedReportList(fact.phone, fact.name);
        let nth = 0; // CH-4: the how-many-th accepted report this is
        for (const r of list) if (r.accepted) nth++;
        const record: ReportRecord = { seq: fact.seq, at: fact.at, broker: fact.broker, accepted: fact.accepted, nth, visitAt: null };
        list.push(record);
        this.channelBook.records.set(fact.seq, record);
        if (file && fact.name) file.name ??= fact.name;
        return;
      }
      case 'ordered':
        return this.applyOrdered(fact);
      case 'orderEnded': {
        const order = this.orders.get(fact.unit);
        this.touchUnit(fact.unit, fact, fact.reason);
        if (!order) return;
        order.ended = { seq: fact.seq, at: fact.at, by: fact.by, end: fact.end, reason: fact.reason };
        this.orders.delete(fact.unit);
        return;
      }
      case 'orderSwapped': {
        const order = this.orders.get(fact.unit);
        this.touchUnit(fact.unit, fact, `${fact.unit} → ${fact.to}`);
        this.touchUnit(fact.to, fact, `${fact.unit} → ${fact.to}`);
        if (!order) return;
        this.orders.delete(fact.unit);
        order.unit = fact.to;
        order.moves.push({ seq: fact.seq, at: fact.at, from: fact.unit, to: fact.to, by: fact.by, ...(fact.reason ? { reason: fact.reason } : {}) });
        this.orders.set(fact.to, order);
        return;
      }
      case 'buyerChanged':
        this.touchUnit(fact.unit, fact);
        this.orders.get(fact.unit)?.buyerChanges.push({ seq: fact.seq, at: fact.at, by: fact.by, change: fact.change, reason: fact.reason });
        return;
      case 'disputed':
        this.touchUnit(fact.unit, fact);
        this.orders.get(fact.unit)?.disputes.push({ seq: fact.seq, at: fact.at, by: fact.by, phone: fact.phone ?? null, accepted: fact.accepted });
        return;
      case 'disputeResolved': {
        this.touchUnit(fact.unit, fact, fact.reason);
        const order = this.orders.get(fact.unit);
        if (!order) return;
        order.resolution = { seq: fact.seq, at: fact.at, by: fact.by, computed: fact.computed, credit: fact.credit, overridden: fact.overridden, reason: fact.reason ?? null };
        order.credit = fact.credit;
        order.reasons = [...order.reasons, ...(fact.creditReasons ?? [])];
        // OWN-14: the records gave everything to one consultant (the other failed to register or follow up): the customer goes with it.
        const winner = soleConsultant(fact.computed);
        const frozen = (fact.creditReasons ?? []).some((r) => r.rule === 'OWN-13');
        if (!fact.overridden && winner !== null && this.staff.has(winner)) own(this.file(order.phone), 'records').push({ kind: 'awarded', seq: fact.seq, at: fact.at, key: order.phone, to: winner, by: fact.by, unit: fact.unit, frozen });
        return;
      }
      case 'queueReordered':
        rot.applyReorder(floor, fact.order);
        return;
      // ---- the broker side (CH-1, CH-2, CH-6..8): folded by the channel book above ----
      case 'brokerApplied':
      case 'brokerApproved':
      case 'brokerRejected':
      case 'partyLeft':
      case 'viewingConfirmed':
      case 'confirmationRefused':
      case 'fakeCustomerMarked':
        return;
      case 'manualCheckDecided':
        return this.applyManualCheck(fact);
      case 'violationRecorded':
      case 'appealFiled':
      case 'appealDecided':
        this.violations.apply(fact);
        return;
      case 'introducedAssigned': {
        const file = this.file(fact.phone);
        if (fact.name) file.name ??= fact.name;
        own(file, 'records').push({ kind: 'introduced', seq: fact.seq, at: fact.at, key: fact.phone, to: fact.to, by: fact.by, source: fact.source, rate: fact.rate });
        this.introduced.push({ seq: fact.seq, at: fact.at, to: fact.to });
        return;
      }
      case 'registerFrozen':
        this.frozenRegisters.push({ seq: fact.seq, at: fact.at, by: fact.by, owners: new Map(fact.entries.map((e) => [e.phone, e.owner])) });
        return;
      case 'alertRead': {
        const read = this.alertsRead.get(fact.who) ?? new Set<number>();
        read.add(fact.arrival);
        this.alertsRead.set(fact.who, read);
        return;
      }
      case 'personalDataErased':
        return; // the store destroys the personal data; ownership and credit history are untouched
      case 'outOfTurn': {
        const team = this.staff.get(fact.who)?.team;
        if (!team) return;
        const nextDay = this.dayOf(this.floor.day.end);
        const set = this.benched.get(nextDay) ?? new Set<string>();
        set.add(team);
        this.benched.set(nextDay, set);
        return;
      }
    }
  }

  /** CH-8: the channel assistant recognised the broker's masked report for this customer: as a recognised visit would. */
  private applyManualCheck(fact: Recorded<Extract<Fact, { type: 'manualCheckDecided' }>>): void {
    if (!fact.recognised) return;
    const arrival = this.channelBook.arrivals.get(fact.ref);
    const phone = fact.phone ?? arrival?.phone ?? null;
    if (!phone) return;
    const file = this.file(phone);
    if (this.matchingMaskedReports(phone, file.name).some((r) => r.broker === fact.broker && r.accepted)) this.bindMaskedReports(phone, file.name);
    const live = liveProtection(this.policy, file.reports, fact.at);
    if (arrival && live && live.broker === fact.broker && live.report.visitAt === null) live.report.visitAt = arrival.at;
  }

  private applyArrival(fact: Recorded<Extract<Fact, { type: 'partyArrived' }>>): void {
    rot.applyReception(this.floor, this.floorContext, fact.seq, fact.reception, fact.at);
    const phone = fact.phone;
    if (!phone) return;
    this.partyPhone.set(fact.seq, phone);
    if (!fact.nonCustomer) this.arrivals.set(fact.seq, { phone, at: fact.at });
    const file = this.file(phone);
    if (fact.name) file.name ??= fact.name;
    if (fact.plate) this.indexPlate(file, fact.plate);
    file.firstArrival ??= fact.at;
    file.lastArrival = fact.at;
    const { receiver, as } = fact.reception;
    own(file, 'records').push({
      kind: 'arrival',
      seq: fact.seq,
      at: fact.at,
      key: phone,
      receiver,
      as,
      designee: fact.designee ?? null,
      nonCustomer: fact.nonCustomer === true,
      ...(fact.asksFor ? { asksFor: fact.asksFor } : {}),
      ...(fact.referredBy ? { referredBy: fact.referredBy } : {}),
    });
    if (receiver && as === 'cover') own(file, 'covers').push({ receiver, at: fact.at, referral: fact.referrer !== undefined });
    if (fact.channel) {
      // CH-8: a recognised masked report now belongs to the full number; CH-9: the visit starts the visit→deal stage.
      const masked = this.matchingMaskedReports(phone, file.name).find((r) => r.broker === fact.channel && r.accepted);
      if (masked) this.bindMaskedReports(phone, file.name);
      const live = liveProtection(this.policy, file.reports, fact.at);
      if (live && live.broker === fact.channel && live.report.visitAt === null) live.report.visitAt = fact.at;
    }
  }

  private applyOrdered(fact: Recorded<Extract<Fact, { type: 'ordered' }>>): void {
    this.touchUnit(fact.unit, fact, fact.stage);
    const stage = { stage: fact.stage, seq: fact.seq, at: fact.at, by: fact.by, amount: fact.amount ?? null };
    let order = this.orders.get(fact.unit);
    if (order && order.phone === fact.phone) {
      order.stage = fact.stage;
      order.stages.push(stage);
    } else {
      order = {
        id: fact.seq,
        unit: fact.unit,
        phone: fact.phone,
        closer: fact.by,
        firstAt: fact.at,
        stage: fact.stage,
        stages: [stage],
        fullPaidSeq: null,
        credit: fact.credit,
        reasons: [...(fact.creditReasons ?? [])],
        moves: [],
        buyerChanges: [],
        disputes: [],
        resolution: null,
        ended: null,
      };
      this.orders.set(fact.unit, order);
      this.allOrders.set(order.id, order);
      own(this.file(fact.phone), 'records').push({ kind: 'deal', seq: fact.seq, at: fact.at, key: fact.phone, by: fact.by, unit: fact.unit });
    }
    if (fact.stage === 'fullPayment') order.fullPaidSeq = fact.seq;
  }

  /** `detail`: what the history line says besides its kind (the reason given, the stage, the move). */
  private touchUnit(unit: UnitId, fact: Recorded, detail?: string): void {
    const by = 'by' in fact && typeof fact.by === 'string' ? fact.by : undefined;
    const list = this.unitHistory.get(unit);
    const ref: UnitEvent = { seq: fact.seq, type: fact.type, at: fact.at, ...(by ? { by } : {}), ...(detail ? { detail } : {}) };
    if (list) list.push(ref);
    else this.unitHistory.set(unit, [ref]);
  }

  private applyMerge(fact: Recorded<Extract<Fact, { type: 'recordsMerged' }>>): void {
    const later = this.file(fact.phone);
    const earlier = this.file(fact.into);
    own(later, 'records').push({ kind: 'merge', seq: fact.seq, at: fact.at, key: fact.phone, into: fact.into });
    own(later, 'merged').push(fact.into);
    own(earlier, 'merged').push(fact.phone);
    // OWN-6: a look-back that returns the customer splits the credit of deals the later consultant closed.
    const answer = this.ownership(fact.into, fact.at);
    for (const lb of answer.lookBacks) {
      if (lb.at !== fact.at) continue;
      for (const order of this.orders.values()) {
        if (!lb.laterKeys.includes(order.phone) || order.closer === lb.original) continue;
        const split = lookBackCredit(this.policy, order.closer, lb.original);
        order.credit = split.credit;
        order.reasons = [...order.reasons, split.reason];
      }
    }
  }

  // ---- indexes ----

  file(key: PhoneKey): CustomerFile {
    let file = this.customers.get(key);
    if (!file) {
      file = { key, records: SHARED_EMPTY, reports: SHARED_EMPTY, links: SHARED_EMPTY, merged: SHARED_EMPTY, name: null, plate: null, firstArrival: null, lastArrival: null, covers: SHARED_EMPTY };
      this.customers.set(key, file);
      if (this.maskIndex) this.addToMaskIndex(this.maskIndex, key);
    }
    return file;
  }

  /**
   * An entry of the register. A late one waits for the manager (REG-5) before it is on the customer's file; a
   * correction (REG-6) counts from the entry it corrects, and voids that entry on another customer's file.
   */
  private applyRegistered(fact: Recorded<Extract<Fact, { type: 'registered' }>>): void {
    const corrected = fact.corrects !== undefined ? this.registerBook.entries.get(fact.corrects) : undefined;
    const entry = this.registerBook.apply(fact, (by, forId) => this.consultantOf(by, forId)) as RegisterEntry;
    const oldPhone = corrected ? (corrected.phone ?? corrected.identified?.phone ?? null) : null;
    if (corrected && oldPhone && oldPhone !== fact.phone) own(this.file(oldPhone), 'records').push({ kind: 'voided', seq: fact.seq, at: fact.at, key: oldPhone, by: fact.by, entry: corrected.seq });
    // Issue 11.4: an imported paper-era entry is filed at the time it happened, not when it was brought in.
    if (fact.phone && this.registerBook.counts(entry)) this.fileEntry(entry, fact.phone, fact.seq, happenedAt(fact), fact.valid, fact.plate, fact.brochureOnly);
    if (fact.imported && fact.phone) this.importedEntries.set(importedEntryKey(fact.via, fact.phone, fact.imported.at), fact.seq);
  }

  /** REG-5's decision (approved: the late entry joins the file, counting from the visit) and REG-7's identification. */
  private applyEntryDecision(fact: Recorded<Extract<Fact, { type: 'lateEntryDecided' | 'entryIdentified' }>>): void {
    const entry = this.registerBook.apply(fact, (by, forId) => this.consultantOf(by, forId));
    if (!entry) return;
    if (fact.type === 'lateEntryDecided') {
      const phone = entry.phone ?? entry.identified?.phone;
      if (fact.approved && phone) this.fileEntry(entry, phone, fact.seq, fact.at, entry.valid);
      return;
    }
    if (this.registerBook.counts(entry)) this.fileEntry(entry, fact.phone, fact.seq, fact.at, fact.valid);
  }

  /** Puts an entry on the customer's file as the registration record the ownership walk meets at `at`. */
  private fileEntry(entry: RegisterEntry, phone: PhoneKey, seq: number, at: Instant, valid: boolean, plate?: string, brochureOnly?: boolean): void {
    const file = this.file(phone);
    fileInTimeOrder(own(file, 'records'), {
      kind: 'registration', seq, at, key: phone, by: entry.by, consultant: entry.consultant, via: entry.via, valid, entry: entry.seq,
      ...(entry.countsFrom !== at ? { countsFrom: entry.countsFrom } : {}),
      ...(entry.late ? { late: true as const } : {}),
      ...(entry.corrects !== null ? { corrects: entry.corrects } : {}),
      ...(brochureOnly ? { brochureOnly: true as const } : {}),
    });
    if (entry.name) {
      file.name ??= entry.name;
      this.indexName(phone, entry.name);
    }
    if (plate) this.indexPlate(file, plate);
  }

  private consultantOf(by: StaffId, forId: StaffId | undefined): StaffId | null {
    return forId ?? (this.staff.get(by)?.role === 'consultant' ? by : null);
  }

  private indexName(phone: PhoneKey, name: string): void {
    const key = name.trim();
    const set = this.byName.get(key) ?? new Set<PhoneKey>();
    set.add(phone);
    this.byName.set(key, set);
  }

  /** REG-4: the customers registered under this full name (several people share a name: the desk chooses). */
  findByName(name: string): readonly PhoneKey[] {
    return [...(this.byName.get(name.trim()) ?? [])];
  }

  private indexPlate(file: CustomerFile, plate: string): void {
    const p = normalisePlate(plate);
    file.plate = p;
    const set = this.byPlate.get(p) ?? new Set<PhoneKey>();
    set.add(file.key);
    this.byPlate.set(p, set);
  }

  /** REG-4: a car plate together with the surname identifies a customer; null when none or several fit. */
  findByPlate(surname: string, plate: string): PhoneKey | null {
    const fits = [...(this.byPlate.get(normalisePlate(plate)) ?? [])].filter((k) => surnameOf(this.customers.get(k)?.name) === surname);
    return fits.length === 1 ? (fits[0] as PhoneKey) : null;
  }

  /** The unmatched masked reports filed under one mask and surname (CH-8); a read, changes nothing. */
  maskedReportsFor(mask: string, name: string | null | undefined): readonly ReportRecord[] {
    return this.maskedReports.get(mask)?.get(surnameOf(name) ?? '') ?? [];
  }

  private maskedReportList(mask: string, name: string | null | undefined): ReportRecord[] {
    let bySurname = this.maskedReports.get(mask);
    if (!bySurname) {
      bySurname = new Map();
      this.maskedReports.set(mask, bySurname);
    }
    const surname = surnameOf(name) ?? '';
    let list = bySurname.get(surname);
    if (!list) {
      list = [];
      bySurname.set(surname, list);
    }
    return list;
  }

  private addToMaskIndex(index: NonNullable<Engine['maskIndex']>, key: PhoneKey): void {
    const mask = maskPhone(key, index.style);
    if (!mask) return;
    const set = index.byMask.get(mask) ?? new Set<PhoneKey>();
    set.add(key);
    index.byMask.set(mask, set);
  }

  /** Known customers whose number fits a mask (CH-8); built on first use, then kept up to date. */
  customersFittingMask(mask: string, style: MaskStyle, surname: string | null): PhoneKey[] {
    if (!this.maskIndex || this.maskIndex.style !== style) {
      this.maskIndex = { style, byMask: new Map() };
      for (const key of this.customers.keys()) this.addToMaskIndex(this.maskIndex, key);
    }
    const fits = [...(this.maskIndex.byMask.get(mask) ?? [])];
    return surname === null ? fits : fits.filter((k) => {
      const s = surnameOf(this.customers.get(k)?.name);
      return s === null || s === surname;
    });
  }

  /** Masked reports (CH-8) that fit a full number and the customer's surname. */
  matchingMaskedReports(phone: PhoneKey, name: string | null): ReportRecord[] {
    const style = this.policy.channel.reportNumber;
    const mask = style === 'full' ? null : maskPhone(phone, style);
    const bySurname = mask ? this.maskedReports.get(mask) : undefined;
    if (!bySurname) return [];
    const surname = surnameOf(name);
    const out: ReportRecord[] = [];
    for (const [reportSurname, list] of bySurname) if (reportSurname === '' || surname === null || reportSurname === surname) out.push(...list);
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** A recognised visit binds the masked reports that fit it to the full number (CH-8). */
  private bindMaskedReports(phone: PhoneKey, name: string | null): void {
    const style = this.policy.channel.reportNumber;
    const mask = style === 'full' ? null : maskPhone(phone, style);
    const bySurname = mask ? this.maskedReports.get(mask) : undefined;
    if (!bySurname) return;
    const surname = surnameOf(name);
    const file = this.file(phone);
    for (const [reportSurname, list] of [...bySurname]) {
      if (reportSurname !== '' && surname !== null && reportSurname !== surname) continue;
      own(file, 'reports').push(...list);
      bySurname.delete(reportSurname);
    }
    file.reports.sort((a, b) => a.seq - b.seq);
  }

  // ---- questions ----

  /**
   * The customer and every record linked to them by a merge (OWN-6) or a family link in scope (OWN-7), whenever
   * recorded: the ownership walk joins them at the instant of the merge or link, not before.
   */
  household(key: PhoneKey): Household {
    const own = this.customers.get(key);
    if (!own || (own.merged.length === 0 && own.links.length === 0)) return { keys: [key] }; // nearly every customer
    const seen = new Set<PhoneKey>([key]);
    const stack = [key];
    const visit = (next: PhoneKey): void => {
      if (seen.has(next)) return;
      seen.add(next);
      stack.push(next);
    };
    while (stack.length > 0) {
      const file = this.customers.get(stack.pop() as PhoneKey);
      if (!file) continue;
      for (const next of file.merged) visit(next);
      for (const link of file.links) if (relationInScope(this.policy, link.relation)) visit(link.to);
    }
    return { keys: [...seen] };
  }

  /** Who owns this customer at `now`, until when, and why (OWN-1..8, OWN-10, OWN-12, OWN-15). */
  ownership(key: PhoneKey, now: Instant): OwnershipAnswer {
    const { keys } = this.household(key);
    let records: OwnershipRecord[];
    if (keys.length === 1) records = this.customers.get(key)?.records ?? [];
    else records = keys.flatMap((k) => this.customers.get(k)?.records ?? []).sort(byTimeThenSeq);
    return judgeOwnership(this.ownershipContext, records, key, now);
  }

  /** Whose broker protection covers this customer at `now` (CH-3, CH-4, CH-8, CH-9). */
  channel(key: PhoneKey, now: Instant): Protection | null {
    const file = this.customers.get(key);
    const own = file ? liveProtection(this.policy, file.reports, now) : null;
    if (own) return own;
    const masked = this.matchingMaskedReports(key, file?.name ?? null);
    return masked.length > 0 ? liveProtection(this.policy, masked, now) : null;
  }

  /** Whether a unit can take an order now (DEAL-1); a unit with a live order is `free` of holds but sold. */
  unitAvailability(unit: UnitId): UnitAvailability {
    if (this.withdrawn.has(unit)) return 'withdrawn';
    if (this.holds.has(unit)) return 'held';
    return 'free';
  }

  /** An order's credit at `now`: the decided shares, with departed consultants' unpaid shares in the pool (DEAL-2). */
  creditOf(order: Order, now: Instant): { credit: Credit; reasons: Reason[] } {
    const adjusted = creditAt(order, (who) => this.departures.get(who), now);
    return { credit: adjusted.credit, reasons: [...order.reasons, ...adjusted.reasons] };
  }

  isSuspended(who: StaffId, now: Instant): boolean {
    return this.floorContext.isSuspended(who, now);
  }

  /**
   * What DEAL-3's rows need to know to split a new order on this customer, found from the household's records
   * as they stand at `now` (just before the deal is recorded).
   */
  creditInput(key: PhoneKey, closer: StaffId, now: Instant): { input: CreditInput; ownership: OwnershipAnswer } {
    const ownership = this.ownership(key, now);
    const owner = ownership.owner;
    const { keys } = this.household(key);
    const records = keys.length === 1 ? (this.customers.get(key)?.records ?? []) : keys.flatMap((k) => this.customers.get(k)?.records ?? []).sort(byTimeThenSeq);
    // OWN-7: the buying member's own line of ownership, as if no family link had joined it.
    let memberOwner: StaffId | null = null;
    if (keys.length > 1 && owner !== null) {
      const own = (this.customers.get(key)?.records ?? []).filter((r) => r.kind !== 'link' && r.kind !== 'merge');
      memberOwner = judgeOwnership(this.ownershipContext, own, key, now).owner;
    }
    let brochureFirst = false;
    let namedCloser = false;
    if (owner !== null && owner !== closer) {
      const visits = (who: StaffId) => records.filter((r) => r.kind === 'registration' && r.valid && r.via === 'visit' && r.consultant === who && r.at <= now);
      const ownerVisits = visits(owner);
      brochureFirst = ownerVisits.length > 0 && ownerVisits.every((r) => r.kind === 'registration' && r.brochureOnly === true) && visits(closer).some((r) => r.kind === 'registration' && r.brochureOnly !== true);
      const running = ownership.spans.filter((s) => s.owner === owner && s.until === null);
      const since = running[running.length - 1]?.from ?? Number.POSITIVE_INFINITY;
      namedCloser = records.some((r) => r.kind === 'arrival' && r.asksFor === closer && r.at > since && r.at <= now);
    }
    let transferredFrom: StaffId | null = null;
    if (owner === null || owner === closer) {
      const window = this.policy.performance.transferWithinDays * DAY_MS;
      for (const [who, d] of this.departures) {
        if (d.transferTo === null || who === closer || d.at > now || now - d.at >= window) continue;
        if (this.ownership(key, d.at - 1).owner === who) transferredFrom = who;
      }
    }
    const referral = records.find((r) => r.kind === 'arrival' && r.referredBy !== undefined && r.at <= now);
    const referredBy = referral?.kind === 'arrival' && referral.referredBy !== closer ? (referral.referredBy ?? null) : null;
    return { input: { closer, owner, coveredToday: this.coveredToday(key, closer, now), memberOwner, brochureFirst, namedCloser, transferredFrom, referredBy }, ownership };
  }

  /** DEAL-5: the two sides' records of the customer before the order's first instant, and the outcome they give. */
  disputeDecision(order: Order, claimant: StaffId, claimantPhone: PhoneKey | null) {
    const recordsOf = (key: PhoneKey) => this.customers.get(key)?.records ?? [];
    const closer = sideRecords(this.policy, recordsOf(order.phone), order.closer, order.firstAt);
    const claim = sideRecords(this.policy, recordsOf(claimantPhone ?? order.phone), claimant, order.firstAt);
    const outcome = disputeOutcome(closer, claim);
    return { closer, claimant: claim, credit: outcome.credit, reasons: [...closer.reasons, ...claim.reasons, outcome.reason] };
  }

  /** Whether `who` received this customer as a cover on the local day of `now` (DEAL-3). */
  coveredToday(key: PhoneKey, who: StaffId, now: Instant): { referral: boolean } | null {
    const today = this.dayOf(now);
    for (const k of this.household(key).keys) {
      for (const c of this.customers.get(k)?.covers ?? []) if (c.receiver === who && this.dayOf(c.at) === today) return { referral: c.referral };
    }
    return null;
  }
}

/** The one consultant a credit gives everything to, or null (a split, the pool). */
function soleConsultant(credit: Readonly<Record<string, number>>): StaffId | null {
  const shares = Object.entries(credit);
  return shares.length === 1 && shares[0]?.[1] === 1 ? (shares[0][0] as StaffId) : null;
}

/** What makes an imported entry the same entry (issue 11.4): its kind, the customer and when it happened. */
export function importedEntryKey(kind: 'visit' | 'call' | 'followUp', phone: PhoneKey, at: Instant): string {
  return `${kind}|${phone}|${at}`;
}

/** A follow-up's note for its ownership record (issue 16.2), or nothing when it carries none. */
function withNote(fact: FollowUpNote): { note?: FollowUpNote } {
  const note = followUpNote(fact);
  return note ? { note } : {};
}
