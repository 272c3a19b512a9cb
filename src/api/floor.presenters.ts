// The floor's answers as the API words them: today's turns with local times, and the owner alerts of the
// live stream (RISK-2). The reads themselves are src/app/floor.queries.ts.
import type { OwnedArrival } from '../app/floor.queries.ts';
import type { Reception } from '../app/customer-index.ts';
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import type { OwnerAlert, TodayReception } from '../contracts/floor.contract.ts';
import { displayMasked } from '../core/phone.ts';
import { localTime, staffRef } from './customer-view.ts';

/** GET /today's turns. The board is floor-wide, so customers appear masked whoever asks (SEC-1); the timeline has the full record. */
export function presentReceptions(receptions: readonly Reception[], zone: string): TodayReception[] {
  return receptions.map((f) => ({
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
export function presentOwnerAlert(engine: Engine, { arrival: f, phone, owner, name }: OwnedArrival, zone: string): OwnerAlert {
  const { receiver, as } = f.reception;
  return {
    seq: f.seq,
    at: f.at,
    atLocal: localTime(f.at, zone),
    customer: { phone, name },
    receiver: receiver ? staffRef(engine, receiver) : null,
    as,
    covering: receiver !== owner,
    broker: f.broker ?? null,
  };
}

/** The owner alerts among arrivals, by owner. */
export function presentOwnerAlerts(engine: Engine, byOwner: ReadonlyMap<StaffId, readonly OwnedArrival[]>, zone: string): Map<StaffId, OwnerAlert[]> {
  return new Map([...byOwner].map(([owner, list]) => [owner, list.map((a) => presentOwnerAlert(engine, a, zone))]));
}
