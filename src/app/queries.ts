// Read-side questions the floor asks; pure reads of the engine at an instant.
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import { effectiveQueue, unavailability, whoIsUp, type Unavailability, type Up } from '../core/rotation.rules.ts';
import type { Instant } from '../core/time.ts';

export interface SeatView {
  readonly who: StaffId;
  readonly unit: string;
  readonly state: Exclude<Unavailability, 'notSignedIn' | null> | 'available';
  /** When the current reception began, if receiving. */
  readonly busySince: Instant | null;
  readonly newToday: number;
}

/** ROT-15: who is up, the queue, who is away or busy and why, and owed make-ups — what the floor board shows. */
export interface FloorView {
  readonly day: string;
  readonly up: Up | null;
  readonly queue: readonly string[];
  readonly makeUps: Readonly<Record<string, number>>;
  readonly seats: readonly SeatView[];
}

export function floorView(engine: Engine, now: Instant): FloorView {
  const floor = engine.floorAt(now);
  const ctx = engine.floorContext;
  const makeUps: Record<string, number> = {};
  for (const [unit, owed] of floor.makeUps) if (owed.length > 0) makeUps[unit] = owed.length;
  const seats = [...floor.seats.values()].map((seat) => ({
    who: seat.id,
    unit: seat.unit,
    state: (unavailability(floor, ctx, seat.id, now) ?? 'available') as SeatView['state'],
    busySince: seat.receiving?.since ?? null,
    newToday: seat.newToday,
  }));
  return { day: floor.day.key, up: whoIsUp(floor, ctx, now), queue: effectiveQueue(floor, ctx), makeUps, seats };
}
