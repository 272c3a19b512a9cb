// Who owns every customer now, kept between requests so the whole register (SEC-1) can be filtered,
// searched and paged without walking every household's history on each request. An entry is the
// engine's ownership answer for one phone (OWN-2..15), recomputed only when it may have changed:
// a fact touched the phone or its household, its owner left (OWN-10), its protection ran out (OWN-2),
// or the policy changed. The CustomerIndex tells the book what its facts touched.
import type { Engine } from '../core/engine.ts';
import type { Recorded, StaffId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import type { Reason } from '../core/reasons.ts';
import type { Instant } from '../core/time.ts';

export interface BookEntry {
  readonly phone: PhoneKey;
  readonly name: string | null;
  /** The last fact about the customer (the register lists the most recent activity first). */
  readonly lastSeq: number;
  readonly lastAt: Instant | null;
  readonly owner: StaffId | null;
  readonly protectedUntil: Instant | null;
  readonly lastContact: Instant | null;
  /** Owned: when the current owner's span began. Unowned: when the last owner's protection ended, or the first record (never owned). */
  readonly since: Instant | null;
  /** Why the customer stands as it does now: the ownership answer's first reason (OWN-15). */
  readonly why: Reason | null;
  /** Unowned: whose protection ended (lapsed, OWN-2; left, OWN-10); null if never owned. */
  readonly formerOwner: StaffId | null;
}

/** The last fact the API's index holds about a phone. */
export type LastAbout = (phone: PhoneKey) => Recorded | null;

function entryOf(engine: Engine, phone: PhoneKey, now: Instant, lastAbout: LastAbout): BookEntry {
  const answer = engine.ownership(phone, now);
  const why = answer.reasons[0] ?? null;
  const file = engine.customers.get(phone);
  const last = lastAbout(phone);
  const name = file?.name ?? null;
  const lastSeq = last?.seq ?? 0;
  const lastAt = last?.at ?? null;
  if (answer.owner !== null) {
    const running = answer.spans.find((s) => s.until === null && s.owner === answer.owner);
    const since = running?.from ?? answer.lastContact;
    return { phone, name, lastSeq, lastAt, owner: answer.owner, protectedUntil: answer.protectedUntil, lastContact: answer.lastContact, since, why, formerOwner: null };
  }
  const ended = why?.params;
  const endedAt = typeof ended?.at === 'number' ? ended.at : null;
  const former = endedAt !== null && typeof ended?.owner === 'string' ? ended.owner : null;
  const since = endedAt ?? file?.records[0]?.at ?? file?.reports[0]?.at ?? null;
  return { phone, name, lastSeq, lastAt, owner: null, protectedUntil: null, lastContact: null, since, why, formerOwner: former };
}

/** Instants at which an entry's protection runs out, soonest first (a binary min-heap; stale items are skipped on pop). */
class Deadlines {
  constructor(readonly heap: { readonly at: Instant; readonly phone: PhoneKey }[] = []) {}

  clear(): void {
    this.heap.length = 0;
  }

  push(at: Instant, phone: PhoneKey): void {
    const h = this.heap;
    h.push({ at, phone });
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if ((h[up] as { at: Instant }).at <= (h[i] as { at: Instant }).at) break;
      [h[up], h[i]] = [h[i] as (typeof h)[number], h[up] as (typeof h)[number]];
      i = up;
    }
  }

  /** Removes and returns the deadlines at or before `now`. */
  due(now: Instant): { readonly at: Instant; readonly phone: PhoneKey }[] {
    const h = this.heap;
    const out: { at: Instant; phone: PhoneKey }[] = [];
    while (h.length > 0 && (h[0] as { at: Instant }).at <= now) {
      out.push(h[0] as (typeof h)[number]);
      const last = h.pop() as (typeof h)[number];
      if (h.length === 0) break;
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < h.length && (h[l] as { at: Instant }).at < (h[min] as { at: Instant }).at) min = l;
        if (r < h.length && (h[r] as { at: Instant }).at < (h[min] as { at: Instant }).at) min = r;
        if (min === i) break;
        [h[min], h[i]] = [h[i] as (typeof h)[number], h[min] as (typeof h)[number]];
        i = min;
      }
    }
    return out;
  }
}

/**
 * A book's entries as columns (a saved customer index): a restart reads a few arrays, typed where it can, and
 * the reasons once each, not tens of thousands of small objects that each repeat their reason's text.
 */
export interface PackedEntries {
  readonly phones: PhoneKey[];
  readonly names: (string | null)[];
  /** Per entry: lastSeq, lastAt, protectedUntil, lastContact, since (NaN for none). */
  readonly times: Float64Array;
  /** Per entry: owner, formerOwner, why, as indexes into `staff` and `reasons` (-1 for none). */
  readonly refs: Int32Array;
  readonly staff: StaffId[];
  readonly reasons: Reason[];
}

/** A book's state as plain data (a saved customer index). Who is filed under whom follows from the entries. */
export interface BookState {
  readonly entries: PackedEntries;
  readonly dirty: Set<PhoneKey>;
  readonly leavers: Set<StaffId>;
  readonly deadlines: { readonly at: Instant; readonly phone: PhoneKey }[];
  readonly built: boolean;
}

const TIMES = 5;
const REFS = 3;
const orNaN = (t: number | null): number => (t === null ? Number.NaN : t);
const orNull = (t: number): number | null => (Number.isNaN(t) ? null : t);

function pack(entries: Iterable<BookEntry>, size: number): PackedEntries {
  const phones: PhoneKey[] = [];
  const names: (string | null)[] = [];
  const times = new Float64Array(size * TIMES);
  const refs = new Int32Array(size * REFS);
  const staff: StaffId[] = [];
  const staffAt = new Map<StaffId, number>();
  const reasons: Reason[] = [];
  const reasonAt = new Map<string, number>();
  const who = (s: StaffId | null): number => {
    if (s === null) return -1;
    let i = staffAt.get(s);
    if (i === undefined) staffAt.set(s, (i = staff.push(s) - 1));
    return i;
  };
  const why = (r: Reason | null): number => {
    if (r === null) return -1;
    const key = JSON.stringify(r);
    let i = reasonAt.get(key);
    if (i === undefined) reasonAt.set(key, (i = reasons.push(r) - 1));
    return i;
  };
  let n = 0;
  for (const e of entries) {
    phones.push(e.phone);
    names.push(e.name);
    times.set([e.lastSeq, orNaN(e.lastAt), orNaN(e.protectedUntil), orNaN(e.lastContact), orNaN(e.since)], n * TIMES);
    refs.set([who(e.owner), who(e.formerOwner), why(e.why)], n * REFS);
    n++;
  }
  return { phones, names, times, refs, staff, reasons };
}

function unpacked(p: PackedEntries): BookEntry[] {
  const staffOf = (i: number): StaffId | null => (i < 0 ? null : (p.staff[i] as StaffId));
  const { phones, names, times, refs, reasons } = p;
  const out: BookEntry[] = new Array(phones.length);
  for (let n = 0; n < phones.length; n++) {
    const t = n * TIMES;
    const r = n * REFS;
    out[n] = {
      phone: phones[n] as PhoneKey,
      name: names[n] ?? null,
      lastSeq: times[t] as number,
      lastAt: orNull(times[t + 1] as number),
      owner: staffOf(refs[r] as number),
      protectedUntil: orNull(times[t + 2] as number),
      lastContact: orNull(times[t + 3] as number),
      since: orNull(times[t + 4] as number),
      why: (reasons[refs[r + 2] as number] as Reason | undefined) ?? null,
      formerOwner: staffOf(refs[r + 1] as number),
    };
  }
  return out;
}

export class OwnershipBook {
  private readonly entries: Map<PhoneKey, BookEntry>;
  /** Entries by the consultant they are filed under: the owner, or for an unowned customer the former owner. */
  private readonly filed: Map<StaffId, Set<PhoneKey>>;
  private readonly dirty: Set<PhoneKey>;
  private readonly leavers: Set<StaffId>;
  private readonly deadlines: Deadlines;
  private built: boolean;

  /** A new book, or one put back from `state` (it then goes on exactly as the book it was taken from). */
  constructor(state?: BookState) {
    this.entries = new Map();
    this.filed = new Map();
    if (state) for (const e of unpacked(state.entries)) this.file(e);
    this.dirty = state?.dirty ?? new Set();
    this.leavers = state?.leavers ?? new Set();
    this.deadlines = new Deadlines(state?.deadlines);
    this.built = state?.built ?? false;
  }

  /** The state, live (a saved index copies it at once). */
  state(): BookState {
    return { entries: pack(this.entries.values(), this.entries.size), dirty: this.dirty, leavers: this.leavers, deadlines: this.deadlines.heap, built: this.built };
  }

  /** A fact mentioned these phones: their households' answers may have changed. */
  touched(phones: readonly PhoneKey[]): void {
    for (const p of phones) this.dirty.add(p);
  }

  /** A consultant left (OWN-10): the customers they own go to the pool. */
  departed(who: StaffId): void {
    this.leavers.add(who);
  }

  /** The policy changed (protection days, family scope): every answer is recomputed. */
  reset(): void {
    this.built = false;
  }

  /** Brings every entry up to `now` against the caught-up engine: only what facts or time changed is recomputed. */
  refresh(engine: Engine, now: Instant, lastAbout: LastAbout): void {
    if (!this.built) {
      this.entries.clear();
      this.filed.clear();
      this.deadlines.clear();
      for (const phone of engine.customers.keys()) this.put(entryOf(engine, phone, now, lastAbout));
      this.dirty.clear();
      this.leavers.clear();
      this.built = true;
      return;
    }
    const stale = new Set<PhoneKey>();
    for (const p of this.dirty) for (const k of engine.household(p).keys) stale.add(k);
    for (const who of this.leavers) for (const p of this.filed.get(who) ?? []) stale.add(p);
    for (const d of this.deadlines.due(now)) if (this.entries.get(d.phone)?.protectedUntil === d.at) stale.add(d.phone);
    this.dirty.clear();
    this.leavers.clear();
    for (const p of stale) if (engine.customers.has(p)) this.put(entryOf(engine, p, now, lastAbout));
  }

  /** Files an entry put back from a saved state (its deadline is in the saved heap). */
  private file(entry: BookEntry): void {
    const under = entry.owner ?? entry.formerOwner;
    if (under !== null) {
      const set = this.filed.get(under) ?? new Set<PhoneKey>();
      set.add(entry.phone);
      this.filed.set(under, set);
    }
    this.entries.set(entry.phone, entry);
  }

  private put(entry: BookEntry): void {
    const before = this.entries.get(entry.phone);
    const was = before ? (before.owner ?? before.formerOwner) : null;
    const is = entry.owner ?? entry.formerOwner;
    if (was !== is) {
      if (was !== null) this.filed.get(was)?.delete(entry.phone);
      if (is !== null) {
        const set = this.filed.get(is) ?? new Set<PhoneKey>();
        set.add(entry.phone);
        this.filed.set(is, set);
      }
    }
    this.entries.set(entry.phone, entry);
    if (entry.protectedUntil !== null && entry.protectedUntil !== before?.protectedUntil) this.deadlines.push(entry.protectedUntil, entry.phone);
  }

  all(): Iterable<BookEntry> {
    return this.entries.values();
  }

  /** The customers a consultant owns now, and those whose protection with them ended and nobody took over. */
  filedUnder(who: StaffId): BookEntry[] {
    return [...(this.filed.get(who) ?? [])].map((p) => this.entries.get(p)).filter((e): e is BookEntry => e !== undefined);
  }

  /** How many customers a consultant owns now. */
  ownedBy(who: StaffId): number {
    let n = 0;
    for (const p of this.filed.get(who) ?? []) if (this.entries.get(p)?.owner === who) n++;
    return n;
  }
}
