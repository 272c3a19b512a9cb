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
import { FactTable, type FactTableState } from './fact-table.ts';
import { OwnershipBook, type BookState } from './ownership-book.ts';
import { NEXT_TURN, type Moments, type SavedState } from './saved-state.ts';
import { happenedAt } from '../core/entry-time.ts';

/** Where the index reads a project's facts from: an office handle (src/store), or any log with its zone. */
export interface ProjectLog {
  readonly project: { readonly id: string; readonly zone: string };
  facts(afterSeq: number): Promise<readonly Recorded[]>;
  /** Where the index keeps its state between restarts; without it, a new process folds the whole log. */
  readonly savedIndex?: SavedState;
}

/** The kinds of fact a monthly report counts (REP-1): receptions, registrations, follow-ups and orders. */
const MONTHLY: ReadonlySet<Fact['type']> = new Set(['partyArrived', 'turnDeclined', 'registered', 'followedUp', 'ordered']);

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

/** An index's state as plain data (a saved index): its maps name facts by seq, and the facts are in `facts`. */
export interface IndexState {
  readonly lastSeq: number;
  readonly facts: FactTableState;
  readonly byPhone: SeqLists;
  readonly byStaff: Map<StaffId, Set<PhoneKey>>;
  readonly entries: Set<number>;
  readonly identifiedAs: Map<number, PhoneKey>;
  readonly receptions: Reception[];
  readonly byMonth: Map<string, number[]>;
  readonly orderFor: Map<UnitId, PhoneKey>;
  readonly openings: Set<number>;
  readonly suspensions: Map<StaffId, Instant>;
  readonly book: BookState;
}

/** Lists of seqs by phone as two typed columns (a restart reads them at once, not one small array per customer). */
export interface SeqLists {
  readonly keys: PhoneKey[];
  /** Where each key's seqs end in `seqs`. */
  readonly ends: Int32Array;
  readonly seqs: Int32Array;
}

function packLists(lists: ReadonlyMap<PhoneKey, readonly number[]>): SeqLists {
  let total = 0;
  for (const l of lists.values()) total += l.length;
  const keys: PhoneKey[] = [];
  const ends = new Int32Array(lists.size);
  const seqs = new Int32Array(total);
  let at = 0;
  for (const [k, l] of lists) {
    seqs.set(l, at);
    at += l.length;
    ends[keys.push(k) - 1] = at;
  }
  return { keys, ends, seqs };
}

function unpackLists(packed: SeqLists): Map<PhoneKey, number[]> {
  const out = new Map<PhoneKey, number[]>();
  const { keys, ends, seqs } = packed;
  let from = 0;
  for (let i = 0; i < keys.length; i++) {
    const to = ends[i] as number;
    const list: number[] = [];
    for (let j = from; j < to; j++) list.push(seqs[j] as number);
    out.set(keys[i] as PhoneKey, list);
    from = to;
  }
  return out;
}

export class CustomerIndex {
  private lastSeq: number;
  private catching: Promise<void> = Promise.resolve();
  /** Every fact the maps below name, by seq (put back from a saved state, a chunk is opened when asked for). */
  private readonly facts: FactTable;
  /** The seqs of the facts about each phone, in seq order; put back from a saved state, unpacked on first use. */
  private phones: Map<PhoneKey, number[]> | null;
  private packedPhones: SeqLists | null;
  private readonly byStaff: Map<StaffId, Set<PhoneKey>>;
  /** The seqs of register entries, and the phones entries made without one were identified as (REG-6, REG-7). */
  private readonly entries: Set<number>;
  private readonly identifiedAs: Map<number, PhoneKey>;
  /** Receptions of the last days, in time order; older ones are dropped as facts come in. */
  private receptions: Reception[];
  /** The seqs of the facts a monthly performance report counts, by project-local month `YYYY-MM`, in seq order. */
  private readonly byMonth: Map<string, number[]>;
  /** The customer each unit's order is for, and the `ordered` facts that opened an order (DEAL-1). */
  private readonly orderFor: Map<UnitId, PhoneKey>;
  private readonly openings: Set<number>;
  private readonly suspensions: Map<StaffId, Instant>;
  private readonly calendar: LocalCalendar;
  /** Who owns every customer now (the register, the pool), recomputed only where facts or time changed it. */
  private readonly book: OwnershipBook;
  /**
   * An erasure was folded (SEC-5): the facts held before it still carry the erased customer's values, so the
   * index must be folded anew from the log, where they are gone.
   */
  erased = false;
  /** The seq of the last state kept (`SavedState`), -1 if none. */
  savedSeq = -1;

  /** A new index, or one put back from a saved `state` (it then folds only the facts after `state.lastSeq`). */
  constructor(
    private readonly handle: ProjectLog,
    state?: IndexState,
  ) {
    this.calendar = new LocalCalendar(handle.project.zone);
    this.lastSeq = state?.lastSeq ?? 0;
    this.facts = new FactTable(handle.savedIndex?.facts ?? null, state?.facts);
    this.phones = state ? null : new Map();
    this.packedPhones = state?.byPhone ?? null;
    this.byStaff = state?.byStaff ?? new Map();
    this.entries = state?.entries ?? new Set();
    this.identifiedAs = state?.identifiedAs ?? new Map();
    this.receptions = state?.receptions ?? [];
    this.byMonth = state?.byMonth ?? new Map();
    this.orderFor = state?.orderFor ?? new Map();
    this.openings = state?.openings ?? new Set();
    this.suspensions = state?.suspensions ?? new Map();
    this.book = new OwnershipBook(state?.book);
    // Facts read from the log are frozen; so are the ones put back.
    for (const f of this.receptions) Object.freeze(f);
  }

  private get byPhone(): Map<PhoneKey, number[]> {
    if (!this.phones) {
      this.phones = unpackLists(this.packedPhones as SeqLists);
      this.packedPhones = null;
    }
    return this.phones;
  }

  /** The last fact folded. */
  get seq(): number {
    return this.lastSeq;
  }

  /** The state, live: a `SavedState` copies it at once. */
  state(): IndexState {
    const { lastSeq, byStaff, entries, identifiedAs, receptions, byMonth, orderFor, openings, suspensions } = this;
    return { lastSeq, facts: this.facts.state(), byPhone: this.phones ? packLists(this.phones) : (this.packedPhones as SeqLists), byStaff, entries, identifiedAs, receptions, byMonth, orderFor, openings, suspensions, book: this.book.state() };
  }

  /** Folds the facts recorded since the last call; concurrent callers wait for one catch-up. */
  catchUp(): Promise<void> {
    const next = this.catching.then(async () => {
      // Facts read in an earlier call were opened before any erasure in this read: they may hold its values.
      const heldEarlier = this.lastSeq > 0;
      for (const f of await this.handle.facts(this.lastSeq)) {
        this.fold(f);
        if (f.type === 'personalDataErased' && heldEarlier) this.erased = true;
      }
    });
    // A failed read (the database restarting) fails this caller; the next one tries again.
    this.catching = next.catch(() => undefined);
    return next;
  }

  private fold(f: Recorded): void {
    if (f.seq <= this.lastSeq) return;
    this.lastSeq = f.seq;
    const phones = phonesOf(f);
    if (phones.length > 0 || MONTHLY.has(f.type)) this.facts.put(f);
    for (const p of phones) this.file(p, f.seq);
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
  private file(p: PhoneKey, seq: number): void {
    const list = this.byPhone.get(p);
    if (!list) {
      this.byPhone.set(p, [seq]);
      return;
    }
    if (list.includes(seq)) return;
    let i = list.length;
    while (i > 0 && (list[i - 1] as number) > seq) i--;
    list.splice(i, 0, seq);
  }

  /** The register entry recorded at `seq`, if it is one. */
  private entry(seq: number): Recorded<Extract<Fact, { type: 'registered' }>> | undefined {
    return this.entries.has(seq) ? (this.facts.get(seq) as Recorded<Extract<Fact, { type: 'registered' }>> | undefined) : undefined;
  }

  /**
   * REG-6, REG-7: a corrected entry and its correction are both on each customer's timeline they name, and an
   * entry made without a phone joins the customer's timeline once identified.
   */
  private foldEntryLinks(f: Recorded): void {
    if (f.type === 'registered') {
      this.entries.add(f.seq);
      const corrected = f.corrects !== undefined ? this.entry(f.corrects) : undefined;
      if (!corrected) return;
      const old = corrected.phone ?? this.identifiedAs.get(corrected.seq);
      if (old) this.file(old, f.seq);
      if (f.phone) this.file(f.phone, corrected.seq);
    } else if (f.type === 'entryIdentified') {
      this.identifiedAs.set(f.entry, f.phone);
      if (this.entries.has(f.entry)) this.file(f.phone, f.entry);
    }
  }

  private foldReports(f: Recorded): void {
    if (f.type === 'ordered') {
      if (this.orderFor.get(f.unit) !== f.phone) this.openings.add(f.seq);
      this.orderFor.set(f.unit, f.phone);
    } else if (f.type === 'suspended') this.suspensions.set(f.who, Math.max(this.suspensions.get(f.who) ?? 0, f.until));
    if (!MONTHLY.has(f.type)) return;
    // An imported paper-era entry is filed under the month it happened in (issue 11.4).
    const month = this.calendar.dayOf(happenedAt(f)).key.slice(0, 7);
    const list = this.byMonth.get(month);
    if (list) list.push(f.seq);
    else this.byMonth.set(month, [f.seq]);
  }

  /** Every fact about these phones, once each, in the order recorded. */
  factsAbout(keys: readonly PhoneKey[]): Recorded[] {
    if (keys.length === 1) return this.facts.all(this.byPhone.get(keys[0] as PhoneKey) ?? []);
    const seqs = new Set<number>();
    for (const k of keys) for (const s of this.byPhone.get(k) ?? []) seqs.add(s);
    return this.facts.all([...seqs].sort((a, b) => a - b));
  }

  /** The phones whose records name this consultant as a possible owner. */
  touchedBy(who: StaffId): readonly PhoneKey[] {
    return [...(this.byStaff.get(who) ?? [])];
  }

  /** The last fact about a phone (the register sorts by recent activity). */
  lastAbout(phone: PhoneKey): Recorded | null {
    const last = this.byPhone.get(phone)?.at(-1);
    return last === undefined ? null : (this.facts.get(last) ?? null);
  }

  /** The ownership book brought up to `now` against the caught-up engine. */
  ownershipBook(engine: Engine, now: Instant): OwnershipBook {
    this.book.refresh(engine, now, (phone) => this.lastAbout(phone));
    return this.book;
  }

  /** The month's (`YYYY-MM`, project-local) receptions, registrations, follow-ups and orders, in seq order. */
  factsInMonth(month: string): readonly Recorded[] {
    return this.facts.all(this.byMonth.get(month) ?? []);
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

export interface SavingOptions {
  /** An index is first kept once it holds this many facts (a shorter log folds faster than it is read back). */
  readonly minFacts?: number;
  /** …and again each time this many more were folded. */
  readonly every?: number;
  /** When a state may be kept (the server: a moment the process is not busy); default the next turn of the loop. */
  readonly moments?: Moments;
}

/**
 * One index per project, created on first use: put back from its saved state when the handle has one, else
 * folded from the log. It is kept again, after the answer has gone, once enough new facts were folded.
 */
export class CustomerIndexes {
  private readonly indexes = new Map<string, Promise<CustomerIndex>>();
  private readonly keeping = new Set<Promise<unknown>>();
  private readonly minFacts: number;
  private readonly every: number;
  /** Keeping a state serialises it on the event loop: it waits for a moment the process is not busy. */
  private readonly quiet: Moments;

  constructor(options: SavingOptions = {}) {
    this.minFacts = options.minFacts ?? 2_000;
    this.every = options.every ?? 10_000;
    this.quiet = options.moments ?? NEXT_TURN;
  }

  async caughtUp(handle: ProjectLog): Promise<CustomerIndex> {
    const id = handle.project.id;
    let opening = this.indexes.get(id);
    if (!opening) {
      opening = opened(handle);
      this.indexes.set(id, opening);
      // A failed read (the database restarting) fails this caller; the next one tries again.
      opening.catch(() => this.indexes.get(id) === opening && this.indexes.delete(id));
    }
    let index = await opening;
    await index.catchUp();
    if (index.erased) {
      if (this.indexes.get(id) === opening) this.indexes.set(id, Promise.resolve(new CustomerIndex(handle)));
      return this.caughtUp(handle);
    }
    this.keepIfDue(handle, index);
    return index;
  }

  /** Waits for the saved states being kept (a clean stop keeps them, so the restart folds nothing). */
  async settle(): Promise<void> {
    this.quiet.hurry();
    while (this.keeping.size > 0) await Promise.all([...this.keeping]);
  }

  private keepIfDue(handle: ProjectLog, index: CustomerIndex): void {
    const saved = handle.savedIndex;
    if (!saved || index.seq < this.minFacts || index.seq - index.savedSeq < (index.savedSeq < 0 ? 0 : this.every)) return;
    index.savedSeq = index.seq; // taken once, even if several reads ask before it runs
    const taking = this.quiet
      .next()
      .then(() => {
        if (index.erased) return false;
        index.savedSeq = index.seq;
        return saved.keep(index.seq, index.state());
      })
      .catch(() => false)
      .finally(() => this.keeping.delete(taking));
    this.keeping.add(taking);
  }
}

/** The project's index from its saved state, or a new one when there is none or it does not fit. */
async function opened(handle: ProjectLog): Promise<CustomerIndex> {
  const saved = await handle.savedIndex?.load().catch(() => null);
  if (saved) {
    try {
      const index = new CustomerIndex(handle, saved.data as IndexState);
      if (index.seq === saved.seq) {
        index.savedSeq = saved.seq;
        return index;
      }
    } catch {
      // not an index's state: fold the log
    }
  }
  return new CustomerIndex(handle);
}
