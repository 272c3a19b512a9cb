// The floor board (ROT-15), today's log of turns, and the arrivals an owner is told of (RISK-2), as plain
// reads of the engine and the customer index. Nothing here masks or words times: the API's presenters do.
import type { Engine } from '../core/engine.ts';
import type { Fact, Recorded, StaffId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { DAY_MS, type Instant } from '../core/time.ts';
import type { CustomerIndex, Reception } from './customer-index.ts';
import { floorView, type FloorView } from './queries.ts';

export interface Board extends FloorView {
  /** Display names of the people on the board. */
  readonly names: Readonly<Record<string, string | null>>;
}

export function board(engine: Engine, now: Instant): Board {
  const view = floorView(engine, now);
  const names: Record<string, string | null> = {};
  for (const s of view.seats) names[s.who] = engine.staff.get(s.who)?.name ?? null;
  return { ...view, names };
}

/** Today's receptions (arrivals and declined turns) in time order: who received whom, on what ground. */
export function todaysReceptions(engine: Engine, index: CustomerIndex, now: Instant): readonly Reception[] {
  return index.receptionsSince(engine.floorAt(now).day.start);
}

export type Arrival = Recorded<Extract<Fact, { type: 'partyArrived' }>>;

/** An arrival of a customer who had a protected owner at that instant (OWN-2). */
export interface OwnedArrival {
  readonly arrival: Arrival;
  readonly phone: PhoneKey;
  readonly owner: StaffId;
  /** The customer's name as recorded, or as given at the door. */
  readonly name: string | null;
}

/**
 * The arrivals among `facts` of customers who had a protected owner then (OWN-2), by owner (RISK-2). With
 * `asOf`, by whoever owns the customer at that instant instead (SEC-1 as of now: a backlog replayed after a
 * reassignment goes to the new owner, never the former one); customers owned by nobody then are left out.
 */
export function ownedArrivals(engine: Engine, facts: readonly Recorded[], asOf?: number): Map<StaffId, OwnedArrival[]> {
  const out = new Map<StaffId, OwnedArrival[]>();
  for (const f of facts) {
    if (f.type !== 'partyArrived' || !f.phone || f.nonCustomer) continue;
    const ownerThen = engine.ownership(f.phone, f.at).owner;
    if (ownerThen === null) continue;
    const owner = asOf === undefined ? ownerThen : engine.ownership(f.phone, asOf).owner;
    if (owner === null) continue;
    const found: OwnedArrival = { arrival: f, phone: f.phone, owner, name: engine.customers.get(f.phone)?.name ?? f.name ?? null };
    out.set(owner, [...(out.get(owner) ?? []), found]);
  }
  return out;
}

/** How far back an unread owner alert is kept for its owner (RISK-2): older ones are history in the timeline. */
export const UNREAD_ALERT_DAYS = 30;

/**
 * RISK-2: the arrivals of `who`'s customers they have not marked read, newest first: kept until read, not only
 * sent to an open page. Only the customers `who` has had a hand in are looked at (the index's list), and only
 * those still `who`'s now are shown (SEC-1, as for the stream's alerts).
 */
export function unreadOwnerAlerts(engine: Engine, index: CustomerIndex, who: StaffId, now: Instant): OwnedArrival[] {
  const since = now - UNREAD_ALERT_DAYS * DAY_MS;
  const read = engine.alertsRead.get(who);
  const arrivals: Arrival[] = [];
  for (const phone of index.touchedBy(who)) {
    for (const f of index.factsAbout([phone])) {
      if (f.type === 'partyArrived' && f.phone === phone && f.at >= since && f.at <= now && !read?.has(f.seq)) arrivals.push(f);
    }
  }
  const mine = ownedArrivals(engine, arrivals).get(who) ?? [];
  return mine.filter((a) => engine.ownership(a.phone, now).owner === who).sort((a, b) => b.arrival.seq - a.arrival.seq);
}
