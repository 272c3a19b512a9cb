// A read model the API keeps beside each project's engine, folded from the project's facts: which facts
// mention a phone (a customer's timeline with every detail), which customers a consultant has ever had a
// hand in (their "my customers" candidates), and today's receptions (the floor's log of turns, ROT-15).
// The engine answers ownership; this only finds the few records a question needs without a scan.
// It catches up by pulling `facts(afterSeq)` before each read, so facts other processes recorded count too.
import type { Fact, Recorded, StaffId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { DAY_MS } from '../core/time.ts';
import type { OfficeHandle } from '../store/offices.ts';

type Reception = Recorded<Extract<Fact, { type: 'partyArrived' | 'turnDeclined' }>>;

/** The phones a fact is about (full numbers only: a masked broker report names no customer yet). */
function phonesOf(f: Recorded): PhoneKey[] {
  switch (f.type) {
    case 'partyArrived':
      return [f.phone, f.referrer].filter((p): p is PhoneKey => p !== undefined);
    case 'registered':
      return f.phone ? [f.phone] : [];
    case 'followedUp':
    case 'reassigned':
    case 'ordered':
    case 'personalDataErased':
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
  /** Receptions of the last days, in time order; older ones are dropped as facts come in. */
  private receptions: Reception[] = [];

  constructor(private readonly handle: OfficeHandle) {}

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
    for (const p of phones) {
      const list = this.byPhone.get(p) ?? [];
      list.push(f);
      this.byPhone.set(p, list);
    }
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

  async caughtUp(handle: OfficeHandle): Promise<CustomerIndex> {
    let index = this.indexes.get(handle.project.id);
    if (!index) {
      index = new CustomerIndex(handle);
      this.indexes.set(handle.project.id, index);
    }
    await index.catchUp();
    return index;
  }
}
