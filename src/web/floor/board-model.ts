// The floor board's groups, from the server's Board: who is up, the queue after them, who is busy,
// away, suspended, and who is owed make-ups. A queue entry is a rotation unit (a person, or a team
// under ROT-13) with the people seated in it.
import type { Board, Seat } from '../../contracts/index.ts';

export interface QueueEntry {
  readonly unit: string;
  readonly seats: readonly Seat[];
  readonly owed: number;
}

export interface BoardModel {
  readonly up: QueueEntry | null;
  readonly next: readonly QueueEntry[];
  readonly busy: readonly Seat[];
  readonly away: readonly Seat[];
  readonly suspended: readonly Seat[];
  readonly owed: readonly QueueEntry[];
}

export function boardModel(board: Board): BoardModel {
  const seatsOf = (unit: string) => board.seats.filter((s) => s.unit === unit);
  const entry = (unit: string): QueueEntry => ({ unit, seats: seatsOf(unit), owed: board.makeUps[unit] ?? 0 });
  const upUnit = board.up?.unit ?? null;
  return {
    up: upUnit ? entry(upUnit) : null,
    next: board.queue.filter((u) => u !== upUnit && seatsOf(u).some((s) => s.state === 'available')).map(entry),
    busy: board.seats.filter((s) => s.state === 'busy'),
    away: board.seats.filter((s) => s.state === 'private' || s.state === 'business'),
    suspended: board.seats.filter((s) => s.state === 'suspended'),
    owed: Object.keys(board.makeUps).map(entry),
  };
}
