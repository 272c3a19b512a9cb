// A read model the server keeps beside each project's engine, folded from the project's facts: which facts
// mention a phone (a customer's timeline with every detail), which customers a consultant has ever had a
// hand in (their "my customers" candidates), today's receptions (the floor's log of turns, ROT-15), the
// facts of each month a performance report counts (REP-1), suspensions (ROT-14), and the ownership book
// of the whole register (told what each fact touched). The engine answers ownership; this only finds the
// few records a question needs without a scan.
// It catches up by pulling `facts(afterSeq)` before each read, so facts other processes recorded count too.
import type { Fact, Recorded, StaffId, UnitId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { DAY_MS, LocalCalendar, type Instant } from '../core/time.ts';
import type { Engine } from '../core/engine.ts';
import { OwnershipBook } from './ownership-book.ts';
import { happenedAt } from '../core/entry-time.ts';

/** Where the index reads a project's facts from: an office handle (src/store), or any log with its zone. */
export interface ProjectLog {
  readonly project: { readonly id: string; readonly zone: string };
  facts(afterSeq: number): Promise<readonly Recorded[]>;
}

export type Reception = Recorded<Extract<Fact, { type: 'partyArrived' | 'turnDeclined' }>>;

/** The phones a fact is about (full numbers only: a masked broker report names no customer yet). */
function phonesOf(f: Recorded): PhoneKey[] {
  switch (f.type) {
    case 'partyArrived':
      return [f.phone, f.referrer].filter((p): p is PhoneKey => p !== undefined);
    case 'registered':
      return f.phone ? [f.phone] : [];
    case 'lateEntryDecided':
      return f.phone ? [f.phone] : [];
    case 'entryIdentified':
      return [f.phone];
    case 'followedUp':
    case 'reassigned':
    case 'ordered':
    case 'personalDataErased':
    case 'introducedAssigned':
      return [f.phone];
    case 'familyLinked':
      return [f.phone, f.to];
    case 'recordsMerged':
      return [f.phone, f.into];
    case 'reported':
      return f.masked ? [] : [f.phone];
    default:
      return [];
  }
}

/** Consultants a fact could make the owner of its customer (a superset; the engine decides). */
function candidatesOf(f: Recorded): StaffId[] {
  switch (f.type) {
    case 'registered':
      return [f.by, f.for].filter((s): s is StaffId => s !== undefined);
    case 'partyArrived':
      return [f.reception.receiver, f.designee].filter((s): s is StaffId => typeof s === 'string');
    case 'reassigned':
    case 'introducedAssigned':
      return [f.to];
    case 'ordered':
      return [f.by];
    default:
      return [];
  }
}

export class CustomerIndex {
  private lastSeq = 0;
  private catching: Promise<void> = Promise.resolve();
  private readonly byPhone = new Map<PhoneKey, Recorded[]>();
  private readonly byStaff = new Map<StaffId, Set<PhoneKey>>();
  /** Register entries by seq, and the phones entries made without one were identified as (REG-6, REG-7). */
  private readonly entries = new Map<number, Recorded<Extract<Fact, { type: 'registered' }>>>();
  private readonly identifiedAs = new Map<number, PhoneKey>();
  /** Receptions of the last days, in time order; older ones are dropped as facts come in. */
  private receptions: Reception[] = [];
  /** The facts a monthly performance report counts, by project-local month `YYYY-MM`, in seq order. */
  private readonly byMonth = new Map<string, Recorded[]>();
  /** The customer each unit's order is for, and the `ordered` facts that opened an order (DEAL-1). */
  private readonly orderFor = new Map<UnitId, PhoneKey>();
  private readonly openings = new Set<number>();
  private readonly suspensions = new Map<StaffId, Instant>();
  private readonly calendar: LocalCalendar;
  /** Who owns every customer now (the register, the pool), recomputed only where facts or time changed it. */
  private readonly book = new OwnershipBook();

  constructor(private readonly handle: ProjectLog) {
    this.calendar = new LocalCalendar(handle.project.zone);
  }

  /** Folds the facts recorded since the last call; concurrent callers wait for one catch-up. */
  catchUp(): Promise<void> {
    const next = this.catching.then(async () => {
      for (const f of await this.handle.facts(this.lastSeq)) this.fold(f);
    });
    // A failed read (the database restarting) fails this caller; the next one tries again.
    this.catching = next.catch(() => undefined);
    return next;
  }

  private fold(f: Recorded): void {
    if (f.seq <= this.lastSeq) return;
    this.lastSeq = f.seq;
    const phones = phonesOf(f);
    for (const p of phones) this.file(p, f);
    this.foldEntryLinks(f);
    for (const who of candidatesOf(f)) {
      const set = this.byStaff.get(who) ?? new Set<PhoneKey>();
      for (const p of phones) set.add(p);
      this.byStaff.set(who, set);
    }
    if (f.type === 'partyArrived' || f.type === 'turnDeclined') {
      this.receptions.push(f);
      // Two days back covers "today" in any zone; the floor log before that lives in the facts.
      if (this.receptions.length > 2000 && (this.receptions[0]?.at ?? f.at) < f.at - 2 * DAY_MS) this.receptions = this.receptions.filter((r) => r.at >= f.at - 2 * DAY_MS);
    }
    this.foldReports(f);
    this.book.touched(phones);
    // OWN-14 / OWN-13: a dispute's decision may give the order's customer to the other consultant.
    if (f.type === 'disputeResolved') {
      const buyer = this.orderFor.get(f.unit);
      if (buyer) this.book.touched([buyer]);
    }
    if (f.type === 'departed') this.book.departed(f.who);
    if (f.type === 'policySet') this.book.reset();
  }

  /** Puts a fact on a customer's timeline in seq order (an older entry joins when it is identified or corrected). */
  private file(p: PhoneKey, f: Recorded): void {
    const list = this.byPhone.get(p) ?? [];
    if (list.includes(f)) return;
    let i = list.length;
    while (i > 0 && (list[i - 1] as Recorded).seq > f.seq) i--;
    list.splice(i, 0, f);
    this.byPhone.set(p, list);
  }

  /**
   * REG-6, REG-7: a corrected entry and its correction are both on each customer's timeline they name, and an
   * entry made without a phone joins the customer's timeline once identified.
   */
  private foldEntryLinks(f: Recorded): void {
    if (f.type === 'registered') {
      this.entries.set(f.seq, f);
      const corrected = f.corrects !== undefined ? this.entries.get(f.corrects) : undefined;
      if (!corrected) return;
      const old = corrected.phone ?? this.identifiedAs.get(corrected.seq);
      if (old) this.file(old, f);
      if (f.phone) this.file(f.phone, corrected);
    } else if (f.type === 'entryIdentified') {
      const entry = this.entries.get(f.entry);
      this.identifiedAs.set(f.entry, f.phone);
      if (entry) this.file(f.phone, entry);
    }
  }

  private foldReports(f: Recorded): void {
    switch (f.type) {
      case 'ordered':
        if (this.orderFor.get(f.unit) !== f.phone) this.openings.add(f.seq);
        this.orderFor.set(f.unit, f.phone);
        break;
      case 'suspended':
        this.suspensions.set(f.who, Math.max(this.suspensions.get(f.who) ?? 0, f.until));
        return;
      case 'partyArrived':
      case 'turnDeclined':
      case 'registered':
      case 'followedUp':
        break;
      default:
        return;
    }
    // An imported paper-era entry is filed under the month it happened in (issue 11.4).
    const month = this.calendar.dayOf(happenedAt(f)).key.slice(0, 7);
    const list = this.byMonth.get(month);
    if (list) list.push(f);
    else this.byMonth.set(month, [f]);
  }

  /** Every fact about these phones, once each, in the order recorded. */
  factsAbout(keys: readonly PhoneKey[]): Recorded[] {
    const seen = new Map<number, Recorded>();
    for (const k of keys) for (const f of this.byPhone.get(k) ?? []) seen.set(f.seq, f);
    return [...seen.values()].sort((a, b) => a.seq - b.seq);
  }

  /** The phones whose records name this consultant as a possible owner. */
  touchedBy(who: StaffId): readonly PhoneKey[] {
    return [...(this.byStaff.get(who) ?? [])];
  }

  /** The last fact about a phone (the register sorts by recent activity). */
  lastAbout(phone: PhoneKey): Recorded | null {
    return this.byPhone.get(phone)?.at(-1) ?? null;
  }

  /** The ownership book brought up to `now` against the caught-up engine. */
  ownershipBook(engine: Engine, now: Instant): OwnershipBook {
    this.book.refresh(engine, now, (phone) => this.lastAbout(phone));
    return this.book;
  }

  /** The month's (`YYYY-MM`, project-local) receptions, registrations, follow-ups and orders, in seq order. */
  factsInMonth(month: string): readonly Recorded[] {
    return this.byMonth.get(month) ?? [];
  }

  /** Whether an `ordered` fact opened its unit's order, rather than moved it on a stage (DEAL-1). */
  opensOrder(seq: number): boolean {
    return this.openings.has(seq);
  }

  /** The end of the longest suspension a staff member was given (ROT-14), past or running. */
  suspendedUntil(who: StaffId): Instant | null {
    return this.suspensions.get(who) ?? null;
  }

  /** Receptions at or after `since`, in time order. */
  receptionsSince(since: number): readonly Reception[] {
    let i = this.receptions.length;
    while (i > 0 && (this.receptions[i - 1] as Reception).at >= since) i--;
    return this.receptions.slice(i);
  }
}

/** One index per project, created on first use. */
export class CustomerIndexes {
  private readonly indexes = new Map<string, CustomerIndex>();

  async caughtUp(handle: ProjectLog): Promise<CustomerIndex> {
    let index = this.indexes.get(handle.project.id);
    if (!index) {
      index = new CustomerIndex(handle);
      this.indexes.set(handle.project.id, index);
    }
    await index.catchUp();
    return index;
  }
}
