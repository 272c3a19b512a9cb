// A deterministic, seeded history of one sales office: about a year of recorded facts, shaped like a busy
// project (a flood of broker reports, consultants phoning their book to keep protection alive, a floor
// that receives walk-ins, returning customers and broker-brought visits).
//
// The generator drives a live Engine while it writes: every decision that the real command handlers would
// take (who receives a party, whether a registration is valid, whether a report is accepted, the credit of
// an order, whether a dispute is in time) is taken by the same rule functions, so the recorded answers are
// the ones the office would really have been given, and replaying them exercises the engine's real paths
// (owner receptions, covers, make-ups, lapsed protection) rather than a synthetic mix.
//
// Nothing here reads the clock or Math.random: the same options always give the same facts.
import { judgeArrivalChannel, judgeReport } from '../src/core/channel.rules.ts';
import { creditFor, judgeDispute } from '../src/core/deal.rules.ts';
import { Engine } from '../src/core/engine.ts';
import type { AwayReason, Broker, BrokerKind, ContactVia, DealStage, Fact, FactType, Recorded, Relation, StaffId } from '../src/core/facts.ts';
import { DEAL_STAGES } from '../src/core/facts.ts';
import type { PhoneKey } from '../src/core/phone.ts';
import { STANDARD_POLICY } from '../src/core/policy.ts';
import { judgeRegistration } from '../src/core/registration.rules.ts';
import { decideReception, type PartyFacts } from '../src/core/rotation.rules.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Instant } from '../src/core/time.ts';

export const ZONE = 'Asia/Shanghai';

export interface HistoryOptions {
  /** Exactly this many facts are produced. */
  readonly events: number;
  readonly seed?: number;
  /** One office of a sales group (bench/group-history.ts); absent: the single office of the engine benchmark. */
  readonly office?: OfficeShape;
}

/** The size and rhythm of one sales office, for a group of offices that differ in size. */
export interface OfficeShape {
  readonly consultants: number;
  readonly brokers: number;
  /** Buildings of 25 floors × 8 flats. */
  readonly buildings: number;
  /** Daily means (weekdays; weekends bring more walk-ins and reports). Follow-ups fill the rest of each day's budget. */
  readonly walkIns: number;
  readonly reports: number;
  readonly callRegistrations: number;
  /** The facts are spread over this many days: each day's follow-up calls fill what is left of the day's share. */
  readonly days: number;
  /** The index of this office's first customer (see phoneKey): offices of a group hand out disjoint numbers. */
  readonly firstCustomer: number;
}

export interface History {
  readonly facts: Recorded[];
  readonly zone: string;
  readonly firstAt: Instant;
  readonly lastAt: Instant;
  /** Calendar days the simulation covered (the last one possibly cut short at `events`). */
  readonly days: number;
  /** Distinct customer phones handed out; `phoneKey(customers + j)` is never used. */
  readonly customers: number;
  readonly counts: Readonly<Partial<Record<FactType, number>>>;
}

/** mulberry32: tiny, fast and good enough to make a benchmark's history reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real mainland mobile prefixes, so the keys look like what normalisePhone produces.
const PREFIXES = ['138', '139', '137', '136', '135', '150', '151', '152', '158', '159', '186', '187', '188', '189', '133', '153', '180', '181', '177', '176', '199', '198'];

/**
 * The i-th customer's normalised phone. Multiplying by a constant coprime to 10^8 is a bijection on the
 * eight subscriber digits, so distinct customers never collide, yet neighbouring customers do not get
 * neighbouring numbers (which would flatter hash maps and any prefix-keyed index).
 */
export function phoneKey(i: number): PhoneKey {
  const prefix = PREFIXES[i % PREFIXES.length] as string;
  const subscriber = (Math.floor(i / PREFIXES.length) * 73_939_133 + 20_250_301) % 100_000_000;
  return prefix + String(subscriber).padStart(8, '0');
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const NEEDS = ['两房', '三房', '四房', '改善', '投资', '学区'];
const RELATIONS: readonly Relation[] = ['spouse', 'spouse', 'parent', 'child', 'sibling'];

// A customer's name and gender follow from their number, so the generator keeps no per-customer strings.
const genderOf = (i: number): 'M' | 'F' => (((i * 2_654_435_761) >>> 16) & 1 ? 'F' : 'M');
const nameOf = (i: number): string => (SURNAMES[((i * 40_503) >>> 3) % SURNAMES.length] as string) + (genderOf(i) === 'M' ? '先生' : '女士');

// China has had no daylight saving since 1991, so local midnight is a fixed 8 h before UTC midnight.
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const FIRST_DAY_UTC = Date.UTC(2025, 2, 1); // 2025-03-01, a Saturday: the sales office opens on a weekend
const dayStart = (day: number): Instant => FIRST_DAY_UTC + day * DAY_MS - SHANGHAI_OFFSET_MS;
const isWeekend = (day: number): boolean => {
  const dow = new Date(FIRST_DAY_UTC + day * DAY_MS).getUTCDay();
  return dow === 0 || dow === 6;
};

/** Daily volumes at scale 1 (1,000,000 facts over ~365 days); the floor's own rhythm does not scale. */
const DAILY = {
  walkIns: 60, // weekday; weekends bring ~1.7×. More would saturate 15 consultants receiving 20–60 min each
  reports: 900, // brokers report in bulk, most of them numbers the office has never seen
  callRegistrations: 45,
  followUps: 1_650, // ~110 calls a consultant a day: protection lapses after 30 days without contact
} as const;

const CONSULTANTS = 16;
const BROKERS = 40;
const BUILDINGS = 10;
const MANAGER: StaffId = 'M1';
/** Days (from the opening) on which a consultant leaves; a replacement joins a week later. */
const DEPARTURES = [125, 250];

// A binary heap of the day's pending actions, ordered by time and then by when they were scheduled, so that
// simultaneous actions keep a deterministic order and `at` never goes backwards.
interface Action {
  readonly at: Instant;
  readonly ord: number;
  readonly run: (at: Instant) => void;
}
class Agenda {
  private readonly heap: Action[] = [];
  private ord = 0;
  push(at: Instant, run: (at: Instant) => void): void {
    const h = this.heap;
    h.push({ at: Math.round(at), ord: this.ord++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i] as Action, h[p] as Action)) break;
      [h[i], h[p]] = [h[p] as Action, h[i] as Action];
      i = p;
    }
  }
  pop(): Action | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l] as Action, h[m] as Action)) m = l;
        if (r < h.length && before(h[r] as Action, h[m] as Action)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Action, h[i] as Action];
        i = m;
      }
    }
    return top;
  }
  clear(): void {
    this.heap.length = 0;
  }
}
const before = (a: Action, b: Action): boolean => a.at < b.at || (a.at === b.at && a.ord < b.ord);

/** Something decided on one day that happens on a later one (a broker's customer visits, an order advances). */
interface Planned {
  readonly fromMin: number;
  readonly toMin: number;
  readonly run: (at: Instant) => void;
}

class Simulation {
  readonly facts: Recorded[] = [];
  readonly engine: Engine;
  readonly counts: Partial<Record<FactType, number>> = {};
  private readonly rnd: () => number;
  private readonly scale: number;
  private readonly daily: { readonly walkIns: number; readonly reports: number; readonly callRegistrations: number; readonly followUps: number };
  /** Facts of the day so far that were not follow-up calls, smoothed over days (the follow-up budget's complement). */
  private otherPerDay = 0;
  private readonly agenda = new Agenda();
  private readonly planned = new Map<number, Planned[]>();
  private day = 0;

  // Staff
  private readonly active: StaffId[] = [];
  private readonly departed = new Set<StaffId>();
  private hired = 0;
  private roster: StaffId[] = []; // consultants on the floor today
  /** Follow-up calls each consultant has made today. */
  private readonly calledToday = new Map<StaffId, number>();
  private readonly brokers: Broker[] = [];

  // Customers, by index (see phoneKey)
  private customers = 0;
  /** Customers who have been to the office, in order of first visit: the pool returning visits come from. */
  private readonly visited: number[] = [];
  private readonly hasVisited = new Set<number>();
  /** Each consultant's book, the customers they phone to keep protected. */
  private readonly book = new Map<StaffId, number[]>();
  private readonly bookOf = new Map<number, StaffId>();
  /** Recent first registrations, which a look-back may later find to be someone else's customer. */
  private readonly recentRegistrations: { idx: number; day: number }[] = [];

  private readonly unsold: string[] = [];

  constructor(
    private readonly target: number,
    seed: number,
    private readonly shape?: OfficeShape,
  ) {
    this.rnd = mulberry32(seed);
    this.scale = shape ? 1 : target / 1_000_000;
    this.daily = shape ? { ...shape, followUps: 0 } : DAILY;
    this.engine = new Engine(STANDARD_POLICY, ZONE, dayStart(0));
  }

  /** The i-th customer's phone; offices of a group hand out disjoint ranges. */
  private phone(i: number): PhoneKey {
    return phoneKey((this.shape?.firstCustomer ?? 0) + i);
  }
  private nameOf(i: number): string {
    return nameOf((this.shape?.firstCustomer ?? 0) + i);
  }
  private genderOf(i: number): 'M' | 'F' {
    return genderOf((this.shape?.firstCustomer ?? 0) + i);
  }

  get full(): boolean {
    return this.facts.length >= this.target;
  }

  // ---- randomness ----

  private chance(p: number): boolean {
    return this.rnd() < p;
  }
  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)] as T;
  }
  /** A day's count: the mean times scale, with ±15% day-to-day noise. */
  private volume(mean: number): number {
    return Math.max(1, Math.round(mean * this.scale * (0.85 + 0.3 * this.rnd())));
  }
  /** An instant on the current day, `fromMin`..`toMin` minutes after local midnight, to the second. */
  private time(fromMin: number, toMin: number): Instant {
    return dayStart(this.day) + (fromMin + this.rnd() * (toMin - fromMin)) * MINUTE_MS;
  }
  /** Like `time`, peaking mid-day: walk-ins bunch late morning and early afternoon rather than at opening. */
  private peakedTime(fromMin: number, toMin: number): Instant {
    return dayStart(this.day) + (fromMin + ((this.rnd() + this.rnd()) / 2) * (toMin - fromMin)) * MINUTE_MS;
  }

  // ---- recording ----

  /** Appends a fact as the memory store does (numbered, frozen) and folds it into the generating engine. */
  private emit(fact: Fact): void {
    if (this.full) return;
    const recorded = Object.freeze({ ...fact, seq: this.facts.length + 1 }) as Recorded;
    this.facts.push(recorded);
    this.engine.apply(recorded);
    this.counts[fact.type] = (this.counts[fact.type] ?? 0) + 1;
  }

  private schedule(at: Instant, run: (at: Instant) => void): void {
    this.agenda.push(at, run);
  }
  private plan(day: number, fromMin: number, toMin: number, run: (at: Instant) => void): void {
    const list = this.planned.get(day) ?? [];
    list.push({ fromMin, toMin, run });
    this.planned.set(day, list);
  }

  private newCustomer(): number {
    return this.customers++;
  }
  private isWorking(who: StaffId): boolean {
    return !this.departed.has(who);
  }

  /** Keeps the follow-up book in step with who actually owns the customer now, as the engine judges it. */
  private noteOwner(idx: number, at: Instant): void {
    const owner = this.engine.ownership(this.phone(idx), at).owner;
    if (owner === null || this.bookOf.get(idx) === owner) return;
    this.bookOf.set(idx, owner);
    const list = this.book.get(owner) ?? [];
    list.push(idx);
    this.book.set(owner, list);
  }

  // ---- the opening ----

  private open(): void {
    const at = dayStart(0) + 8 * HOUR_MS;
    this.emit({ type: 'staffJoined', at, staff: { id: MANAGER, role: 'manager', name: '经理' } });
    this.emit({ type: 'staffJoined', at, staff: { id: 'F1', role: 'frontdesk' } });
    for (let i = 0; i < (this.shape?.consultants ?? CONSULTANTS); i++) this.hire(at);
    const kinds: BrokerKind[] = ['agency', 'agency', 'agency', 'distributor', 'distributor', 'individual'];
    for (let i = 1; i <= (this.shape?.brokers ?? BROKERS); i++) {
      // A few unapproved brokers keep reporting anyway: their reports are recorded and refused (CH-2).
      const broker: Broker = { id: `B${String(i).padStart(2, '0')}`, kind: this.pick(kinds), approved: this.chance(0.9) };
      this.brokers.push(broker);
      this.emit({ type: 'brokerListed', at, broker });
    }
    // 10 buildings × 25 floors × 8 flats: unit ids as the sales table writes them (楼栋-楼层房号).
    for (let b = 1; b <= (this.shape?.buildings ?? BUILDINGS); b++) {
      for (let f = 1; f <= 25; f++) {
        for (let r = 1; r <= 8; r++) {
          const id = `${b}-${f}${String(r).padStart(2, '0')}`;
          this.unsold.push(id);
          this.emit({ type: 'unitListed', at, unit: { id, price: 1_200_000 + this.int(0, 280) * 10_000 } });
        }
      }
    }
  }

  private hire(at: Instant): StaffId {
    const id = `C${String(++this.hired).padStart(2, '0')}`;
    this.emit({ type: 'staffJoined', at, staff: { id, role: 'consultant', team: `T${((this.hired - 1) % 4) + 1}` } });
    this.active.push(id);
    this.book.set(id, []);
    return id;
  }

  // ---- a day ----

  run(): void {
    this.open();
    while (!this.full) {
      this.simulateDay();
      this.day++;
    }
  }

  private simulateDay(): void {
    const weekend = isWeekend(this.day);
    this.staffChanges();

    // The floor: most consultants work each day (everyone at the weekend), each takes a few breaks.
    this.roster = this.active.filter(() => this.chance(weekend ? 0.97 : 0.88));
    if (this.roster.length === 0) this.roster = [this.pick(this.active)]; // someone always opens the office
    this.calledToday.clear();
    for (const who of this.roster) {
      this.schedule(this.time(8 * 60 + 40, 9 * 60 + 15), (at) => this.emit({ type: 'signedIn', at, who }));
      for (let k = this.int(1, 3); k > 0; k--) this.schedule(this.time(9 * 60 + 30, 17 * 60), (at) => this.goAway(who, at));
      if (this.chance(0.9)) this.schedule(this.time(18 * 60 + 30, 19 * 60), (at) => this.signOut(who, at));
    }

    for (let n = this.volume(this.daily.walkIns * (weekend ? 1.7 : 1)); n > 0; n--) this.schedule(this.peakedTime(9 * 60, 17 * 60 + 30), (at) => this.walkIn(at));
    for (let n = this.volume(this.daily.reports * (weekend ? 1.2 : 1)); n > 0; n--) this.schedule(this.time(8 * 60 + 30, 19 * 60 + 30), (at) => this.report(at));
    for (let n = this.volume(this.daily.callRegistrations); n > 0; n--) this.schedule(this.time(9 * 60, 18 * 60), (at) => this.callRegistration(at));
    for (let n = this.shape ? this.followUpBudget() : this.volume(this.daily.followUps); n > 0; n--) this.schedule(this.time(9 * 60 + 30, 18 * 60), (at) => this.followUp(at));
    if (this.chance(0.7)) this.schedule(this.time(10 * 60, 17 * 60), (at) => this.reassignUnowned(at));
    if (this.chance(0.12)) this.schedule(this.time(10 * 60, 17 * 60), (at) => this.merge(at));
    if (this.chance(1 / 30)) this.schedule(this.time(9 * 60 + 20, 9 * 60 + 40), (at) => this.suspend(at));
    for (const p of this.planned.get(this.day) ?? []) this.schedule(this.time(p.fromMin, p.toMin), p.run);
    this.planned.delete(this.day);

    const before = this.facts.length;
    const followUpsBefore = this.counts.followedUp ?? 0;
    for (let action = this.agenda.pop(); action && !this.full; action = this.agenda.pop()) action.run(action.at);
    this.agenda.clear();
    const other = this.facts.length - before - ((this.counts.followedUp ?? 0) - followUpsBefore);
    this.otherPerDay = this.day === 0 ? other : 0.9 * this.otherPerDay + 0.1 * other;
  }

  /**
   * Follow-up calls today: what is left of the day's share of the facts still to come once the floor, the
   * reports and the registrations (smoothed over the past days) have had theirs, so that the history ends
   * near `shape.days` whatever the office's size.
   */
  private followUpBudget(): number {
    const days = this.shape?.days ?? 365;
    const share = (this.target - this.facts.length) / Math.max(1, days - this.day);
    return Math.max(0, Math.round(share - (this.day === 0 ? share / 2 : this.otherPerDay)));
  }

  private staffChanges(): void {
    if (!DEPARTURES.includes(this.day) || this.active.length < 2) return;
    const who = this.pick(this.active);
    // Recorded mid-morning, after the consultant may have signed in: `departed` also takes them off the floor,
    // and from then on they act no more (their pending receptions, calls and orders are dropped).
    this.plan(this.day, 9 * 60 + 45, 10 * 60 + 30, (t) => {
      this.active.splice(this.active.indexOf(who), 1);
      this.departed.add(who);
      this.emit({ type: 'departed', at: t, who });
      // Over the next fortnight the manager hands part of the departed consultant's book to colleagues (OWN-5).
      for (const idx of (this.book.get(who) ?? []).slice(-400)) {
        if (this.chance(0.3)) this.plan(this.day + this.int(1, 14), 10 * 60, 17 * 60, (at) => this.reassign(idx, '离职客户再分配', at));
      }
    });
    this.plan(this.day + 7, 8 * 60, 8 * 60 + 30, (t) => void this.hire(t));
  }

  private goAway(who: StaffId, at: Instant): void {
    const seat = this.engine.floorAt(at).seats.get(who);
    if (!seat || seat.away) return;
    if (seat.receiving) {
      // Nobody steps out mid-reception: try again a little later, while the floor is still open.
      if (at < dayStart(this.day) + 17 * HOUR_MS) this.schedule(at + this.int(5, 20) * MINUTE_MS, (t) => this.goAway(who, t));
      return;
    }
    const reason: AwayReason = this.chance(0.55) ? 'private' : 'business';
    this.emit({ type: 'wentAway', at, who, reason });
    const minutes = reason === 'private' ? this.int(5, 40) : this.int(30, 120);
    this.schedule(at + minutes * MINUTE_MS, (t) => {
      if (this.engine.floorAt(t).seats.get(who)?.away) this.emit({ type: 'cameBack', at: t, who });
    });
  }

  private signOut(who: StaffId, at: Instant): void {
    const seat = this.engine.floorAt(at).seats.get(who);
    if (!seat) return;
    if (seat.receiving) {
      this.schedule(at + 10 * MINUTE_MS, (t) => this.signOut(who, t));
      return;
    }
    this.emit({ type: 'signedOut', at, who });
  }

  private suspend(at: Instant): void {
    const who = this.pick(this.roster);
    if (!this.isWorking(who)) return;
    this.emit({ type: 'suspended', at, who, days: 1, until: at + DAY_MS });
  }

  // ---- the floor: parties walking in ----

  private walkIn(at: Instant): void {
    const r = this.rnd();
    if (r < 0.06) return this.arrive(at, { nonCustomer: true });
    if (r < 0.36 && this.visited.length > 0) return this.arrive(at, { idx: this.returningCustomer() });
    const idx = this.newCustomer();
    if (r < 0.41) return this.arrive(at, { idx, asksFor: this.pick(this.active) });
    if (r < 0.45 && this.visited.length > 0) return this.arrive(at, { idx, referrer: this.phone(this.returningCustomer()) });
    return this.arrive(at, { idx });
  }

  /** Returning visits come mostly from the last few weeks' visitors, now and then from much older ones. */
  private returningCustomer(): number {
    const n = this.visited.length;
    const from = this.chance(0.8) ? Math.max(0, n - 4_000) : 0;
    return this.visited[this.int(from, n - 1)] as number;
  }

  private arrive(at: Instant, p: { idx?: number; nonCustomer?: boolean; asksFor?: StaffId; referrer?: PhoneKey; broker?: Broker }): void {
    const engine = this.engine;
    const floor = engine.floorAt(at);
    const phone = p.idx !== undefined ? this.phone(p.idx) : undefined;
    const returning = p.idx !== undefined && this.hasVisited.has(p.idx);
    // What the arrive handler asks before deciding: the protected owner and the named consultant.
    const owner = phone && !p.nonCustomer ? engine.ownership(phone, at).owner : null;
    const party: PartyFacts = { nonCustomer: p.nonCustomer === true, owner, designated: p.asksFor ?? null };
    const decision = decideReception(floor, engine.floorContext, party, at);
    let channel: string | null = null;
    if (p.broker && phone) channel = judgeArrivalChannel(engine.policy, p.broker, engine.customers.get(phone)?.reports ?? [], at).channel;
    const designee = decision.designee ?? (decision.as === 'designated' ? (decision.receiver ?? undefined) : undefined);
    const plate = p.idx !== undefined && !returning && this.chance(0.1) ? `沪A${String(this.int(10_000, 99_999))}` : undefined;
    this.emit({
      type: 'partyArrived',
      at,
      ...(phone ? { phone, name: this.nameOf(p.idx as number) } : {}),
      ...(plate ? { plate } : {}),
      ...(p.asksFor ? { asksFor: p.asksFor } : {}),
      ...(p.nonCustomer ? { nonCustomer: true } : {}),
      ...(p.broker ? { broker: p.broker.id } : {}),
      ...(p.referrer ? { referrer: p.referrer } : {}),
      reception: { receiver: decision.receiver, as: decision.as, ...(decision.turnOf !== undefined ? { turnOf: decision.turnOf } : {}) },
      channel,
      ...(designee ? { designee } : {}),
    });
    const partySeq = this.facts.length; // the floor knows a party by the seq of its arrival
    if (p.idx !== undefined && !returning) {
      this.hasVisited.add(p.idx);
      this.visited.push(p.idx);
    }
    const receiver = decision.receiver;
    if (!receiver || !decision.as) return; // nobody free: the party waits in the lounge and is not recorded further

    const end = (minutes: number) => this.schedule(at + minutes * MINUTE_MS, (t) => this.endReception(receiver, partySeq, t));
    if (p.nonCustomer) return end(this.int(5, 15));
    if (decision.as === 'turn' && this.chance(0.02)) {
      // A "customer" who turns out to be a salesman or a lost delivery: the turn is made up (ROT-3).
      this.schedule(at + this.int(3, 10) * MINUTE_MS, (t) => {
        if (engine.floorAt(t).seats.get(receiver)?.receiving?.party === partySeq) this.emit({ type: 'partyReclassified', at: t, who: receiver });
      });
      return end(this.int(12, 20));
    }
    const idx = p.idx as number;
    const minutes = this.int(20, 60);
    if (this.chance(returning ? 0.3 : 0.9)) this.schedule(at + this.int(5, 15) * MINUTE_MS, (t) => this.registerVisit(receiver, idx, t, !returning));
    if (returning && (decision.as === 'owner' ? this.chance(0.12) : decision.as === 'cover' ? this.chance(0.08) : this.chance(0.03))) {
      this.schedule(at + (minutes - 3) * MINUTE_MS, (t) => this.order(receiver, idx, t));
    }
    end(minutes);
  }

  private endReception(who: StaffId, party: number, at: Instant): void {
    if (this.engine.floorAt(at).seats.get(who)?.receiving?.party === party) this.emit({ type: 'receptionEnded', at, who });
  }

  private registerVisit(by: StaffId, idx: number, at: Instant, first: boolean): void {
    if (!this.isWorking(by)) return;
    // About one entry in seven leaves out the needs: kept, but not a valid registration (REG-2).
    const entry = { via: 'visit' as const, phone: this.phone(idx), name: this.nameOf(idx), gender: this.genderOf(idx), ...(this.chance(0.86) ? { needs: this.pick(NEEDS) } : {}) };
    const { valid } = judgeRegistration(this.engine.policy, entry);
    this.emit({ type: 'registered', at, by, ...entry, valid });
    if (!valid) return;
    this.noteOwner(idx, at);
    if (first) {
      this.recentRegistrations.push({ idx, day: this.day });
      if (this.recentRegistrations.length > 2_000) this.recentRegistrations.shift();
      // Now and then the new customer turns out to be family of an earlier one (OWN-7).
      if (this.chance(0.015) && this.visited.length > 1) {
        const other = this.returningCustomer();
        if (other !== idx) this.schedule(at + this.int(1, 10) * MINUTE_MS, (t) => this.emit({ type: 'familyLinked', at: t, phone: this.phone(idx), to: this.phone(other), relation: this.pick(RELATIONS) }));
      }
    }
  }

  // ---- the back office ----

  private callRegistration(at: Instant): void {
    const by = this.pick(this.roster);
    if (!this.isWorking(by)) return;
    const idx = this.chance(0.8) || this.customers === 0 ? this.newCustomer() : this.int(0, this.customers - 1);
    // Callers often give a surname only and no needs; a call entry owns nothing anyway (REG-8).
    const entry = { via: 'call' as const, phone: this.phone(idx), name: this.nameOf(idx), ...(this.chance(0.6) ? { needs: this.pick(NEEDS) } : {}) };
    this.emit({ type: 'registered', at, by, ...entry, valid: judgeRegistration(this.engine.policy, entry).valid });
  }

  private followUp(at: Instant): void {
    const by = this.pick(this.roster);
    if (!this.isWorking(by)) return;
    const book = this.book.get(by) ?? [];
    // The recent part of the book, the customers whose protection is still worth keeping alive. Nobody
    // rings the same customer every day: a consultant with a thin book (the first weeks) makes fewer calls,
    // otherwise a handful of early customers would collect hundreds of follow-ups each.
    const recent = Math.min(book.length, 600);
    const calls = this.calledToday.get(by) ?? 0;
    if (calls >= Math.ceil(recent / 3)) return;
    this.calledToday.set(by, calls + 1);
    const idx = book[this.int(book.length - recent, book.length - 1)] as number;
    const r = this.rnd();
    const via: ContactVia = r < 0.65 ? 'call' : r < 0.9 ? 'wechat' : 'sms';
    this.emit({ type: 'followedUp', at, by, phone: this.phone(idx), reached: this.chance(0.65), via });
  }

  private report(at: Instant): void {
    // Agencies report the most; a few numbers are already known (and usually refused as owned, CH-3).
    const broker = this.chance(0.6) ? (this.brokers[this.int(0, Math.min(9, this.brokers.length - 1))] as Broker) : this.pick(this.brokers);
    const fresh = this.chance(0.82) || this.customers === 0;
    const idx = fresh ? this.newCustomer() : this.int(0, this.customers - 1);
    const phone = this.phone(idx);
    const owner = this.engine.ownership(phone, at).owner;
    const judged = judgeReport(this.engine.policy, broker, this.engine.customers.get(phone)?.reports ?? [], owner, at);
    this.emit({ type: 'reported', at, broker: broker.id, phone, masked: false, name: this.nameOf(idx), accepted: judged.accepted });
    // About one accepted report in thirty brings the customer in, within the protection window.
    if (judged.accepted && this.chance(0.033)) this.plan(this.day + this.int(1, 40), 10 * 60, 17 * 60, (t) => this.arrive(t, { idx, broker }));
  }

  // ---- deals ----

  private order(closer: StaffId, idx: number, at: Instant): void {
    if (!this.isWorking(closer) || this.unsold.length === 0) return;
    const engine = this.engine;
    const phone = this.phone(idx);
    const unit = this.unsold.splice(this.int(0, this.unsold.length - 1), 1)[0] as string;
    // The deal handler's credit: ownership just before the deal and whether the closer covered today (DEAL-3).
    const { credit } = creditFor(engine.policy, engine.creditInput(phone, closer, at).input);
    const stage: DealStage = this.chance(0.4) ? 'smallDeposit' : 'deposit';
    this.emit({ type: 'ordered', at, unit, phone, by: closer, stage, credit });
    this.noteOwner(idx, at);
    this.planNextStage(unit, phone, closer, stage);
    if (this.chance(0.04)) {
      // A colleague objects to the ownership behind the deal: some in time, some too late (DEAL-4).
      this.plan(this.day + this.int(0, 5), 9 * 60 + 30, 18 * 60, (t) => {
        const by = this.pick(this.active);
        this.emit({ type: 'disputed', at: t, unit, by, accepted: judgeDispute(engine.policy, engine.orders.get(unit), by, t).accepted });
      });
    }
  }

  private planNextStage(unit: string, phone: PhoneKey, closer: StaffId, stage: DealStage): void {
    const next = DEAL_STAGES[DEAL_STAGES.indexOf(stage) + 1];
    if (!next || !this.chance(0.85)) return;
    this.plan(this.day + this.int(2, 14), 10 * 60, 18 * 60, (t) => {
      const live = this.engine.orders.get(unit);
      if (!live || live.phone !== phone) return;
      // The closer signs the next stage, or a colleague if the closer has since left.
      const by = this.isWorking(closer) ? closer : this.pick(this.active);
      this.emit({ type: 'ordered', at: t, unit, phone, by, stage: next, credit: live.credit });
      this.planNextStage(unit, phone, by, next);
    });
  }

  // ---- the manager ----

  private reassign(idx: number, reason: string, at: Instant): void {
    const to = this.pick(this.active);
    this.emit({ type: 'reassigned', at, phone: this.phone(idx), to, by: MANAGER, reason });
    this.noteOwner(idx, at);
  }

  /** A visitor who fell out of protection is handed to someone to work (公司分配). */
  private reassignUnowned(at: Instant): void {
    if (this.visited.length === 0) return;
    const idx = this.pick(this.visited);
    if (this.engine.ownership(this.phone(idx), at).owner === null) this.reassign(idx, '公司分配', at);
  }

  /** A look-back (OWN-6): a recent registration is found to be the same person as an earlier customer. */
  private merge(at: Instant): void {
    const recent = this.recentRegistrations.filter((r) => this.day - r.day <= 10);
    if (recent.length === 0 || this.visited.length < 100) return;
    const later = this.pick(recent).idx;
    const earlier = this.pick(this.visited);
    if (later === earlier) return;
    this.emit({ type: 'recordsMerged', at, phone: this.phone(later), into: this.phone(earlier) });
  }

  summary(): History {
    return {
      facts: this.facts,
      zone: ZONE,
      firstAt: this.facts[0]?.at ?? 0,
      lastAt: this.facts[this.facts.length - 1]?.at ?? 0,
      days: this.day,
      customers: this.customers,
      counts: this.counts,
    };
  }
}

/** Builds the history; the engine used to decide the answers is returned too, for a replay to be checked against. */
export function generateHistory(options: HistoryOptions): History & { readonly engine: Engine } {
  const sim = new Simulation(options.events, options.seed ?? 20250301, options.office);
  sim.run();
  return { ...sim.summary(), engine: sim.engine };
}
