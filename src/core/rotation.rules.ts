// Reception rotation (轮排), ROT-1..15: who is up, who receives an arriving party, and how the queue
// moves. The floor is today's state; these functions read it, and `apply*` functions change it as the
// recorded facts say.
import type { AwayReason, ReceiveAs, Reception, StaffId } from './facts.ts';
import { makeUpLimit, type Policy } from './policy.ts';
import { reason, type Reason } from './reasons.ts';
import { minuteOfDay, parseClock, type Instant, type LocalDay } from './time.ts';

/** A consultant signed in today. */
export interface Seat {
  readonly id: StaffId;
  /** Rotation unit: the consultant, or their team when `rotation.unit` is `team` (ROT-13). */
  readonly unit: string;
  away: AwayReason | null;
  /** The party being received; `turnOf` when it used a turn of the rotation (turn, make-up, or designated on the named one's turn). */
  receiving: { readonly party: number; readonly as: ReceiveAs; readonly since: Instant; readonly turnOf?: string } | null;
  /** New parties received today, for `rotation.order: fewestNewToday` and the board. */
  newToday: number;
}

export interface Floor {
  readonly day: LocalDay;
  /** Rotation units in queue order (ROT-1). */
  queue: string[];
  /** Signed-in consultants in sign-in order. */
  readonly seats: Map<StaffId, Seat>;
  /** Owed make-ups per unit, oldest first (ROT-6..8). */
  readonly makeUps: Map<string, OwedMakeUp[]>;
}

/** What the floor needs to know from outside today's state. */
export interface FloorContext {
  readonly policy: Policy;
  /** Suspended (ROT-14), or the consultant's team has lost today's turn (ROT-13). */
  readonly isSuspended: (who: StaffId, now: Instant) => boolean;
}

/**
 * A make-up owed since `since`, because of the party recorded as fact `party` (passed over, or not a customer).
 * It is owed from that party's arrival (ROT-8: each make-up is owed from the party that caused it).
 */
export interface OwedMakeUp {
  readonly since: Instant;
  readonly party: number;
}

export function emptyFloor(day: LocalDay): Floor {
  return { day, queue: [], seats: new Map(), makeUps: new Map() };
}

export type Unavailability = 'notSignedIn' | 'suspended' | 'private' | 'business' | 'busy' | null;

/** Why a consultant cannot receive now, or null when available (signed in, not away, not receiving, not suspended). */
export function unavailability(floor: Floor, ctx: FloorContext, who: StaffId, now: Instant): Unavailability {
  const seat = floor.seats.get(who);
  if (!seat) return 'notSignedIn';
  if (ctx.isSuspended(who, now)) return 'suspended';
  if (seat.away) return seat.away;
  if (seat.receiving) return 'busy';
  return null;
}

export function isAvailable(floor: Floor, ctx: FloorContext, who: StaffId, now: Instant): boolean {
  return unavailability(floor, ctx, who, now) === null;
}

function members(floor: Floor, unit: string): Seat[] {
  const out: Seat[] = [];
  for (const seat of floor.seats.values()) if (seat.unit === unit) out.push(seat);
  return out;
}

function firstAvailableMember(floor: Floor, ctx: FloorContext, unit: string, now: Instant): StaffId | null {
  for (const seat of floor.seats.values()) if (seat.unit === unit && isAvailable(floor, ctx, seat.id, now)) return seat.id;
  return null;
}

/**
 * Queue order as the floor sees it (ROT-1). Under `fewestNewToday` units with fewer new parties today come
 * first; ties keep the rotation order, so the standard tail-moving still breaks them fairly.
 */
export function effectiveQueue(floor: Floor, ctx: FloorContext): string[] {
  if (ctx.policy.rotation.order === 'signIn') return [...floor.queue];
  const count = (unit: string) => members(floor, unit).reduce((n, s) => n + s.newToday, 0);
  return floor.queue.map((unit, i) => ({ unit, i, n: count(unit) })).sort((a, b) => a.n - b.n || a.i - b.i).map((e) => e.unit);
}

export interface Up {
  readonly unit: string;
  readonly who: StaffId;
  readonly via: 'turn' | 'makeUp';
  readonly reasons: Reason[];
}

/**
 * Who receives the next new party (ROT-2, ROT-6..8): an available unit owed a make-up — the one owed
 * longest, ties to the earlier in the queue — else the first available unit in queue order.
 */
export function whoIsUp(floor: Floor, ctx: FloorContext, now: Instant): Up | null {
  const order = effectiveQueue(floor, ctx);
  let best: { unit: string; who: StaffId; owed: OwedMakeUp } | null = null;
  for (const unit of order) {
    const owed = floor.makeUps.get(unit)?.[0];
    if (!owed) continue;
    const who = firstAvailableMember(floor, ctx, unit, now);
    if (who && (!best || owed.since < best.owed.since)) best = { unit, who, owed };
  }
  if (best) {
    const record = { seq: best.owed.party, type: 'partyArrived', at: best.owed.since };
    return {
      unit: best.unit,
      who: best.who,
      via: 'makeUp',
      reasons: [reason('ROT-6', 'upMakeUp', `${best.unit} is owed a make-up (since the party of record #${best.owed.party}) and takes it first`, { unit: best.unit }, record)],
    };
  }
  for (const unit of order) {
    const who = firstAvailableMember(floor, ctx, unit, now);
    if (who) return { unit, who, via: 'turn', reasons: [reason('ROT-2', 'upTurn', `${unit} is first available in the queue`, { unit })] };
  }
  return null;
}

/** The last available consultant in queue order: receives covers and non-customers (ROT-3, ROT-11). */
export function lastAvailable(floor: Floor, ctx: FloorContext, now: Instant): StaffId | null {
  const order = effectiveQueue(floor, ctx);
  for (let i = order.length - 1; i >= 0; i--) {
    const unitMembers = members(floor, order[i] as string).filter((s) => isAvailable(floor, ctx, s.id, now));
    const last = unitMembers[unitMembers.length - 1];
    if (last) return last.id;
  }
  return null;
}

/** ROT-9: whether an arrival at `now` counts in the rotation. */
export function inDutyHours(policy: Policy, day: LocalDay, now: Instant): boolean {
  const windows = policy.rotation.hours;
  if (!windows) return true;
  const minute = minuteOfDay(now, day);
  return windows.some(([from, to]) => minute >= (parseClock(from) ?? 0) && minute < (parseClock(to) ?? 0));
}

/** What the front desk knows about an arriving party before anyone receives it. */
export interface PartyFacts {
  readonly nonCustomer?: boolean;
  /** The customer's protected owner, if any (ROT-10). */
  readonly owner?: StaffId | null;
  /** A consultant the party names on entering, or that the policy gives it to (ROT-12, OWN-8, REG-7). */
  readonly designated?: StaffId | null;
}

export interface ReceptionDecision extends Reception {
  readonly reasons: Reason[];
  /** The customer belongs to this consultant once registered, though someone else receives (ROT-11). */
  readonly designee?: StaffId;
}

/** Decides who receives an arriving party (ROT-2, ROT-3, ROT-9..12). Changes nothing. */
export function decideReception(floor: Floor, ctx: FloorContext, party: PartyFacts, now: Instant): ReceptionDecision {
  // A party that asked for someone stays theirs (ROT-12) even when nobody can receive it now.
  const none = (why: Reason[], designee?: StaffId): ReceptionDecision => ({
    receiver: null,
    as: null,
    reasons: [...why, reason('ROT-15', 'nobodyAvailable', 'nobody on the floor is available to receive')],
    ...(designee ? { designee } : {}),
  });
  const cover = (why: Reason[], designee?: StaffId): ReceptionDecision => {
    const who = lastAvailable(floor, ctx, now);
    if (!who) return none(why, designee);
    return {
      receiver: who,
      as: 'cover',
      reasons: [...why, reason('ROT-11', 'cover', `${who}, last available in the queue, covers; nobody moves`, { who })],
      ...(designee ? { designee } : {}),
    };
  };

  if (party.nonCustomer) {
    const who = lastAvailable(floor, ctx, now);
    if (!who) return none([]);
    return { receiver: who, as: 'nonCustomer', reasons: [reason('ROT-3', 'nonCustomer', `not a customer: ${who}, last in the queue, handles it; no turn changes`, { who })] };
  }

  if (party.owner) {
    const owner = party.owner;
    const why = unavailability(floor, ctx, owner, now);
    if (why === null) return { receiver: owner, as: 'owner', reasons: [reason('ROT-10', 'ownerReceives', `returning customer: the owner ${owner} receives; no turn is used`, { owner })] };
    return cover([reason('ROT-10', 'ownerUnavailable', `the owner ${owner} is unavailable (${why})`, { owner, why })]);
  }

  if (party.designated) {
    const named = party.designated;
    const why = unavailability(floor, ctx, named, now);
    if (why !== null) return cover([reason('ROT-12', 'designatedUnavailable', `the party asks for ${named}, who is unavailable (${why})`, { named, why })], named);
    const up = whoIsUp(floor, ctx, now);
    const ownTurn = up !== null && up.who === named && up.via === 'turn';
    return {
      receiver: named,
      as: 'designated',
      ...(ownTurn ? { turnOf: up.unit } : {}),
      reasons: [
        reason('ROT-12', ownTurn ? 'designatedOnTurn' : 'designated', ownTurn ? `the party asks for ${named}, who is up: it counts as their turn` : `the party asks for ${named}; nobody's place changes`, { named }),
      ],
    };
  }

  if (!inDutyHours(ctx.policy, floor.day, now)) {
    const who = firstInQueue(floor, ctx, now);
    if (!who) return none([reason('ROT-9', 'offHours', 'outside duty hours')]);
    return { receiver: who, as: 'offHours', reasons: [reason('ROT-9', 'offHours', `outside duty hours: ${who} receives and the rotation does not count it`, { who })] };
  }

  const up = whoIsUp(floor, ctx, now);
  if (!up) return none([]);
  return { receiver: up.who, as: up.via, turnOf: up.unit, reasons: up.reasons };
}

function firstInQueue(floor: Floor, ctx: FloorContext, now: Instant): StaffId | null {
  for (const unit of effectiveQueue(floor, ctx)) {
    const who = firstAvailableMember(floor, ctx, unit, now);
    if (who) return who;
  }
  return null;
}

/** Counts toward `fewestNewToday` and the day's figures: a new party handed out by the rotation or by name. */
function isNewParty(as: ReceiveAs): boolean {
  return as === 'turn' || as === 'makeUp' || as === 'designated';
}

/** Owes `unit` a make-up from `since` (within the limit), keeping its make-ups oldest first (ROT-8). */
function oweMakeUp(floor: Floor, ctx: FloorContext, unit: string, since: Instant, party: number): void {
  const owed = floor.makeUps.get(unit) ?? [];
  if (owed.length < makeUpLimit(ctx.policy)) {
    let i = owed.length;
    while (i > 0 && (owed[i - 1] as OwedMakeUp).since > since) i--;
    owed.splice(i, 0, { since, party });
  }
  floor.makeUps.set(unit, owed);
}

/** Whether a unit that is passed over is owed a make-up: away on business or busy, not private or suspended (ROT-5..7, ROT-14). */
function passedIsOwed(floor: Floor, ctx: FloorContext, unit: string, now: Instant): boolean {
  const reasons = members(floor, unit).map((s) => unavailability(floor, ctx, s.id, now));
  return reasons.some((r) => r === 'business' || r === 'busy');
}

function moveToTail(floor: Floor, unit: string): void {
  const i = floor.queue.indexOf(unit);
  if (i >= 0) floor.queue.splice(i, 1);
  floor.queue.push(unit);
}

/**
 * Applies a recorded reception. A turn passes everyone standing before the receiver: each goes to the
 * tail, and one away on business or busy is owed a make-up (ROT-2, ROT-5..7); then the receiver goes to
 * the tail. A make-up is used with nobody moving; owner, cover, designated-off-turn and non-customer
 * receptions move nobody.
 */
export function applyReception(floor: Floor, ctx: FloorContext, party: number, reception: Reception, now: Instant): void {
  const seat = reception.receiver ? floor.seats.get(reception.receiver) : undefined;
  if (!seat || !reception.as) return;
  if (reception.as === 'makeUp') {
    floor.makeUps.get(seat.unit)?.shift();
  } else if (reception.turnOf !== undefined) {
    const order = effectiveQueue(floor, ctx);
    const passed = order.slice(0, order.indexOf(reception.turnOf));
    const owed = passed.filter((unit) => passedIsOwed(floor, ctx, unit, now));
    for (const unit of passed) moveToTail(floor, unit);
    for (const unit of owed) oweMakeUp(floor, ctx, unit, now, party);
    moveToTail(floor, reception.turnOf);
  }
  seat.receiving = { party, as: reception.as, since: now, ...(reception.turnOf !== undefined ? { turnOf: reception.turnOf } : {}) };
  if (isNewParty(reception.as)) seat.newToday += 1;
}

export function applySignIn(floor: Floor, who: StaffId, unit: string): void {
  if (floor.seats.has(who)) return;
  floor.seats.set(who, { id: who, unit, away: null, receiving: null, newToday: 0 });
  if (!floor.queue.includes(unit)) floor.queue.push(unit);
}

/** Signing out ends the consultant's day: place, reception, absence and owed make-ups (for a team, when its last member leaves). */
export function applySignOut(floor: Floor, who: StaffId): void {
  const seat = floor.seats.get(who);
  if (!seat) return;
  floor.seats.delete(who);
  if (members(floor, seat.unit).length === 0) {
    floor.queue = floor.queue.filter((u) => u !== seat.unit);
    floor.makeUps.delete(seat.unit);
  }
}

export function applyAway(floor: Floor, who: StaffId, why: AwayReason): void {
  const seat = floor.seats.get(who);
  if (seat) seat.away = why;
}

/** ROT-5: back from a private absence goes to the tail (or keeps the place with `privateReturn: keep`); ROT-6: back from business keeps it. */
export function applyBack(floor: Floor, ctx: FloorContext, who: StaffId): void {
  const seat = floor.seats.get(who);
  if (!seat || !seat.away) return;
  const wasPrivate = seat.away === 'private';
  seat.away = null;
  if (wasPrivate && ctx.policy.rotation.privateReturn === 'tail' && ctx.policy.rotation.unit === 'person') moveToTail(floor, seat.unit);
}

export function applyDone(floor: Floor, who: StaffId): void {
  const seat = floor.seats.get(who);
  if (seat) seat.receiving = null;
}

/**
 * ROT-3: a party that used a turn (received as turn, as make-up, or designated on the named consultant's own
 * turn) and proves not to be a customer gives the receiver one make-up back, owed from the party's arrival
 * (ROT-8). Owner, cover, non-customer, off-turn designated and off-hours receptions, and a second reclassify of
 * the same party, give nothing.
 */
export function applyReclassify(floor: Floor, ctx: FloorContext, who: StaffId, _now: Instant): void {
  const seat = floor.seats.get(who);
  if (!seat?.receiving) return;
  const { as, turnOf, party, since } = seat.receiving;
  if (usedTurn(as, turnOf)) {
    oweMakeUp(floor, ctx, seat.unit, since, party);
    if (seat.newToday > 0) seat.newToday -= 1;
  }
  seat.receiving = { party, as: 'nonCustomer', since };
}

function usedTurn(as: ReceiveAs, turnOf: string | undefined): boolean {
  return as === 'turn' || as === 'makeUp' || (as === 'designated' && turnOf !== undefined);
}

/** ROT-4: a consultant who declines the party forfeits the turn (no make-up); their reception ends. */
export function applyDecline(floor: Floor, who: StaffId): void {
  const seat = floor.seats.get(who);
  if (!seat) return;
  if (seat.receiving && isNewParty(seat.receiving.as) && seat.newToday > 0) seat.newToday -= 1;
  seat.receiving = null;
}

/** ROT-1: the manager's reorder; the order must be a permutation of today's queue. */
export function applyReorder(floor: Floor, order: readonly string[]): void {
  floor.queue = [...order];
}

export function isPermutationOfQueue(floor: Floor, order: readonly string[]): boolean {
  return order.length === floor.queue.length && new Set(order).size === order.length && order.every((u) => floor.queue.includes(u));
}
