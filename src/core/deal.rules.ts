// Deals (成交), DEAL-1, DEAL-3, DEAL-4: one live order per unit, credit follows ownership, disputes in time.
import { DEAL_STAGES, type DealStage, type StaffId, type UnitId } from './facts.ts';
import type { PhoneKey } from './phone.ts';
import type { Policy } from './policy.ts';
import { reason, type Reason } from './reasons.ts';
import { DAY_MS, type Instant } from './time.ts';

/** Performance shares by consultant id (`pool` is the team pool); they sum to 1. */
export type Credit = Readonly<Record<string, number>>;

export interface LiveOrder {
  readonly unit: UnitId;
  readonly phone: PhoneKey;
  readonly closer: StaffId;
  readonly firstAt: Instant;
  stage: DealStage;
  credit: Credit;
  reasons: Reason[];
}

export type OrderJudgement = { ok: true; reasons: Reason[] } | { ok: false; code: 'unitSold' | 'stageBackwards'; reasons: Reason[] };

/** DEAL-1: a unit holds at most one live order; the same customer's order moves forward through the stages. */
export function judgeOrder(order: LiveOrder | undefined, phone: PhoneKey, stage: DealStage): OrderJudgement {
  if (!order) return { ok: true, reasons: [reason('DEAL-1', 'unitFree', 'the unit is unsold: locked for this order')] };
  if (order.phone !== phone) return { ok: false, code: 'unitSold', reasons: [reason('DEAL-1', 'unitSold', `unit ${order.unit} already holds a live order (${order.stage}) for another customer`, { unit: order.unit })] };
  if (DEAL_STAGES.indexOf(stage) < DEAL_STAGES.indexOf(order.stage))
    return { ok: false, code: 'stageBackwards', reasons: [reason('DEAL-1', 'stageBackwards', `the order is already at ${order.stage}; a stage cannot go back to ${stage}`, { stage: order.stage })] };
  return { ok: true, reasons: [reason('DEAL-1', 'orderAdvances', `the customer's order on unit ${order.unit} moves to ${stage}`, { stage })] };
}

export interface CreditInput {
  readonly closer: StaffId;
  /** The protected owner just before the deal. */
  readonly owner: StaffId | null;
  /** The closer received this customer today as a cover (ROT-11); `referral` when an old customer brought them (OWN-8). */
  readonly coveredToday: { readonly referral: boolean } | null;
}

/**
 * DEAL-3: performance follows ownership at the time of the deal. The protected owner alone; a closer who
 * covered the customer today shares with the owner (`splits.cover`, or `splits.referralCover` for an old
 * customer's referral); a closer who did not cover gets nothing; with no protected owner the closer gets
 * it all (and becomes the owner).
 */
export function creditFor(policy: Policy, input: CreditInput): { credit: Credit; reasons: Reason[] } {
  const { closer, owner } = input;
  if (owner === null) return { credit: { [closer]: 1 }, reasons: [reason('DEAL-3', 'closerUnowned', `no protected owner: ${closer}, who closed, gets the whole performance`, { closer })] };
  if (owner === closer) return { credit: { [closer]: 1 }, reasons: [reason('DEAL-3', 'ownerCloses', `${owner} owns the customer and closed`, { owner })] };
  if (input.coveredToday) {
    const split = input.coveredToday.referral ? policy.splits.referralCover : policy.splits.cover;
    return {
      credit: { [owner]: split.owner, [closer]: split.cover },
      reasons: [reason('DEAL-3', input.coveredToday.referral ? 'referralCoverSplit' : 'coverSplit', `${closer} covered for the owner ${owner} today and closed: owner ${split.owner} / cover ${split.cover}`, { owner, closer })],
    };
  }
  return { credit: { [owner]: 1 }, reasons: [reason('DEAL-3', 'ownerKeeps', `${owner} owns the customer; ${closer} did not cover them today, so the owner gets it all`, { owner, closer })] };
}

/** OWN-6 / DEAL-3: a look-back after the deal leaves performance with the closer but splits the credit. */
export function lookBackCredit(policy: Policy, closer: StaffId, original: StaffId): { credit: Credit; reason: Reason } {
  const s = policy.splits.lookBack;
  return {
    credit: addShares({ [closer]: s.closer }, { [original]: s.original }),
    reason: reason('OWN-6', 'lookBackSplit', `look-back found ${original}'s earlier record after ${closer} closed: closer ${s.closer} / original ${s.original}`, { closer, original }),
  };
}

function addShares(a: Credit, b: Credit): Credit {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** DEAL-4: an objection counts within `disputes.windowDays` × 24 h of the first order on the unit; at the instant itself it is late. */
export function judgeDispute(policy: Policy, order: LiveOrder | undefined, now: Instant): { accepted: boolean; reasons: Reason[] } {
  if (!order) return { accepted: false, reasons: [reason('DEAL-4', 'noOrder', 'the unit has no live order to dispute')] };
  const deadline = order.firstAt + policy.disputes.windowDays * DAY_MS;
  if (now < deadline) return { accepted: true, reasons: [reason('DEAL-4', 'disputeInTime', `raised within ${policy.disputes.windowDays} days of the order`, { deadline })] };
  return { accepted: false, reasons: [reason('DEAL-4', 'disputeLate', `more than ${policy.disputes.windowDays} days after the order: the closer keeps it`, { deadline })] };
}
