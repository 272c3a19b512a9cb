// The floor board (ROT-15), today's log of turns, and the arrivals an owner is told of (RISK-2), as plain
// reads of the engine and the customer index. Nothing here masks or words times: the API's presenters do.
import type { Engine } from '../core/engine.ts';
import type { Fact, Recorded, StaffId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import type { Instant } from '../core/time.ts';
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
