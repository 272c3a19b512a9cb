// OWN-9: customers the company, its staff or its leaders introduce (公司/领导介绍) are given out by the manager in
// turn (轮流分配, 003 第二部分 6). The turn is derived from the assignments recorded so far, never stored.
import type { StaffId } from './facts.ts';
import { reason, type Reason } from './reasons.ts';

/** One recorded assignment of an introduced customer. */
export interface IntroducedAssignment {
  readonly seq: number;
  readonly at: number;
  readonly to: StaffId;
}

/**
 * Whose turn it is: the consultants who can take a customer now (`eligible`, in roster order), starting after the
 * one given the last introduced customer; the first of them when nobody was given one yet or the last one is gone.
 */
export function introducedTurn(eligible: readonly StaffId[], assignments: readonly IntroducedAssignment[]): { who: StaffId; reason: Reason } | null {
  if (eligible.length === 0) return null;
  const last = assignments[assignments.length - 1];
  const i = last === undefined ? -1 : eligible.indexOf(last.to);
  let who: StaffId;
  if (i >= 0) who = eligible[(i + 1) % eligible.length] as StaffId;
  else {
    // The last one given a customer left or is suspended: the turn goes on from their place in the recorded order.
    const given = new Set(assignments.map((a) => a.to));
    who = eligible.find((s) => !given.has(s)) ?? (eligible[0] as StaffId);
  }
  const after = last ? `after ${last.to}` : 'the first introduced customer';
  return { who, reason: reason('OWN-9', 'introducedTurn', `introduced customers go round the consultants in turn: ${after}, it is ${who}'s turn`, { who, last: last?.to ?? null, assigned: assignments.length }) };
}
