// The floor board (ROT-15) and today's log of turns, as the floor and the live stream show them.
import { floorView, type FloorView } from '../app/queries.ts';
import type { Engine } from '../core/engine.ts';
import type { ReceiveAs, Recorded, StaffId } from '../core/facts.ts';
import { displayMasked, type PhoneKey } from '../core/phone.ts';
import type { Instant } from '../core/time.ts';
import type { CustomerIndex } from './customer-index.ts';
import { localTime, staffRef, type StaffRef } from './customer-view.ts';

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

/**
 * Today's receptions in time order: who received whom, on what ground. The board is floor-wide, so
 * customers appear masked here whoever asks (SEC-1); the timeline has the full record.
 */
export function todaysReceptions(engine: Engine, index: CustomerIndex, now: Instant, zone: string) {
  const start = engine.floorAt(now).day.start;
  return index.receptionsSince(start).map((f) => ({
    seq: f.seq,
    at: f.at,
    atLocal: localTime(f.at, zone),
    kind: f.type === 'partyArrived' ? ('arrival' as const) : ('declined' as const),
    ...(f.type === 'turnDeclined' ? { declinedBy: f.who } : {}),
    receiver: f.reception.receiver,
    as: f.reception.as,
    phone: f.type === 'partyArrived' && f.phone ? displayMasked(f.phone) : null,
    broker: f.type === 'partyArrived' ? (f.broker ?? null) : null,
    channel: f.type === 'partyArrived' ? f.channel : null,
  }));
}

/** RISK-2: a customer with a protected owner walked in — told to that owner alone (SEC-1: it shows the customer in full). */
export interface OwnerAlert {
  readonly seq: number;
  readonly at: Instant;
  readonly atLocal: string | null;
  readonly customer: { readonly phone: PhoneKey; readonly name: string | null };
  /** Who received them, on what ground: the owner themself (`owner`), or someone covering (`cover`, ROT-11). */
  readonly receiver: StaffRef | null;
  readonly as: ReceiveAs | null;
  /** Someone other than the owner is with the customer. */
  readonly covering: boolean;
  readonly broker: string | null;
}

/** The arrivals among `facts` of customers who had a protected owner then (OWN-2), by owner. */
export function ownerAlerts(engine: Engine, facts: readonly Recorded[], zone: string): Map<StaffId, OwnerAlert[]> {
  const out = new Map<StaffId, OwnerAlert[]>();
  for (const f of facts) {
    if (f.type !== 'partyArrived' || !f.phone || f.nonCustomer) continue;
    const owner = engine.ownership(f.phone, f.at).owner;
    if (owner === null) continue;
    const { receiver, as } = f.reception;
    const alert: OwnerAlert = {
      seq: f.seq,
      at: f.at,
      atLocal: localTime(f.at, zone),
      customer: { phone: f.phone, name: engine.customers.get(f.phone)?.name ?? f.name ?? null },
      receiver: receiver ? staffRef(engine, receiver) : null,
      as,
      covering: receiver !== owner,
      broker: f.broker ?? null,
    };
    out.set(owner, [...(out.get(owner) ?? []), alert]);
  }
  return out;
}
