// The floor board (ROT-15) and today's log of turns, as the floor and the live stream show them.
import { floorView, type FloorView } from '../app/queries.ts';
import type { Engine } from '../core/engine.ts';
import { displayMasked } from '../core/phone.ts';
import type { Instant } from '../core/time.ts';
import type { CustomerIndex } from './customer-index.ts';
import { localTime } from './customer-view.ts';

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
