// Deals (成交), DEAL-1..4: one live order per unit, stages that only move forward, release by refund or
// default, swaps, and credit that follows ownership at the time of the deal by the rows of DEAL-3.
import { DEAL_STAGES, type BuyerChange, type DealStage, type OrderEnd, type StaffId, type UnitId } from './facts.ts';
import type { PhoneKey } from './phone.ts';
import type { Policy } from './policy.ts';
import { reason, type Reason, type RecordRef } from './reasons.ts';
import { DAY_MS, type Instant } from './time.ts';

/** Performance shares by consultant id (`pool` is the team pool, 团奖); they sum to 1. */
export type Credit = Readonly<Record<string, number>>;

export const POOL = 'pool';

export interface StageRecord {
  readonly stage: DealStage;
  readonly seq: number;
  readonly at: Instant;
  readonly by: StaffId;
  readonly amount: number | null;
}

export interface DisputeRecord {
  readonly seq: number;
  readonly at: Instant;
  readonly by: StaffId;
  readonly phone: PhoneKey | null;
  readonly accepted: boolean;
}

export interface Resolution {
  readonly seq: number;
  readonly at: Instant;
  readonly by: StaffId;
  readonly computed: Credit;
  readonly credit: Credit;
  readonly overridden: boolean;
  readonly reason: string | null;
}

/**
 * One order (认购/签约 …) from its first stage to its end: the unit it holds now, the customer, who closed, the
 * stages with what was paid, its credit with the reasons, and its disputes. Identified by the seq of its first fact.
 */
export interface Order {
  readonly id: number;
  unit: UnitId;
  readonly phone: PhoneKey;
  readonly closer: StaffId;
  readonly firstAt: Instant;
  stage: DealStage;
  readonly stages: StageRecord[];
  /** The seq of the stage fact that made it `fullPayment`, for departures (DEAL-2). */
  fullPaidSeq: number | null;
  credit: Credit;
  reasons: Reason[];
  readonly moves: { readonly seq: number; readonly at: Instant; readonly from: UnitId; readonly to: UnitId; readonly by: StaffId; readonly reason?: string }[];
  readonly buyerChanges: { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly change: BuyerChange; readonly reason: string }[];
  readonly disputes: DisputeRecord[];
  resolution: Resolution | null;
  ended: { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly end: OrderEnd; readonly reason: string } | null;
}

/** The name the rest of the code knew an order by while it could only be live. */
export type LiveOrder = Order;

/** Whether a unit can take an order now (DEAL-1). */
export type UnitAvailability = 'free' | 'held' | 'withdrawn';

export type OrderJudgement =
  | { ok: true; reasons: Reason[] }
  | { ok: false; code: 'unitSold' | 'stageBackwards' | 'unitHeld' | 'unitWithdrawn'; reasons: Reason[] };

export function stageIndex(stage: DealStage): number {
  return DEAL_STAGES.indexOf(stage);
}

/**
 * DEAL-1, DEAL-2: a unit holds at most one live order, and a held or withdrawn unit takes none; the same
 * customer's order moves forward through the stages, skipping some if need be, never repeating or going back.
 */
export function judgeOrder(order: Order | undefined, availability: UnitAvailability, unit: UnitId, phone: PhoneKey, stage: DealStage): OrderJudgement {
  if (!order) {
    if (availability === 'held') return { ok: false, code: 'unitHeld', reasons: [reason('DEAL-1', 'unitHeld', `unit ${unit} is held back from sale (预留); a manager must release it first`, { unit })] };
    if (availability === 'withdrawn') return { ok: false, code: 'unitWithdrawn', reasons: [reason('DEAL-1', 'unitWithdrawn', `unit ${unit} is withdrawn from sale`, { unit })] };
    return { ok: true, reasons: [reason('DEAL-1', 'unitFree', 'the unit is unsold: locked for this order', { unit })] };
  }
  if (order.phone !== phone) return { ok: false, code: 'unitSold', reasons: [reason('DEAL-1', 'unitSold', `unit ${order.unit} already holds a live order (${order.stage}) for another customer`, { unit: order.unit, stage: order.stage })] };
  if (stageIndex(stage) <= stageIndex(order.stage))
    return { ok: false, code: 'stageBackwards', reasons: [reason('DEAL-2', 'stageBackwards', `the order is already at ${order.stage}; a stage is never repeated or undone (${stage})`, { stage: order.stage, asked: stage })] };
  return { ok: true, reasons: [reason('DEAL-2', 'orderAdvances', `the customer's order on unit ${order.unit} moves to ${stage}`, { unit: order.unit, stage })] };
}

/** What DEAL-3's rows need to know about the customer at the deal; each found by the engine from the records. */
export interface CreditInput {
  readonly closer: StaffId;
  /** The household's protected owner just before the deal. */
  readonly owner: StaffId | null;
  /** The closer received this customer today as a cover (ROT-11); `referral` when an old customer brought them (OWN-8). */
  readonly coveredToday: { readonly referral: boolean } | null;
  /** OWN-7: the buying member's own protected owner, when the family's owner is someone else. */
  readonly memberOwner: StaffId | null;
  /** The owner's every visit only took a brochure and the closer registered the customer properly. */
  readonly brochureFirst: boolean;
  /** Since the owner's protection began, the customer came in asking for the closer. */
  readonly namedCloser: boolean;
  /** A consultant who moved to another office of the company within the window and owned the customer then. */
  readonly transferredFrom: StaffId | null;
  /** A colleague of another team who sent the customer (new-home ↔ resale). */
  readonly referredBy: StaffId | null;
}

/**
 * DEAL-3: performance follows ownership at the time of the deal. Every row of the table, each a knob under
 * `splits.*`; the team-referral share is taken off the top of whatever the other rows give.
 */
export function creditFor(policy: Policy, input: CreditInput): { credit: Credit; reasons: Reason[] } {
  const base = ownershipCredit(policy, input);
  const referrer = input.referredBy;
  if (referrer === null || base.credit[referrer] !== undefined) return base;
  const s = policy.splits.teamReferral;
  const credit: Record<string, number> = {};
  for (const [who, share] of Object.entries(base.credit)) credit[who] = share * s.closer;
  credit[referrer] = s.referrer;
  return {
    credit,
    reasons: [...base.reasons, reason('DEAL-3', 'teamReferralSplit', `${referrer} of another team referred the customer: referrer ${s.referrer} / the rest ${s.closer}`, { referrer })],
  };
}

function ownershipCredit(policy: Policy, input: CreditInput): { credit: Credit; reasons: Reason[] } {
  const { closer, owner, memberOwner } = input;
  const sp = policy.splits;
  const former = input.transferredFrom;
  if ((owner === null || owner === closer) && former !== null && former !== closer)
    return {
        credit: addShares({ [former]: sp.transfer.former }, { [closer]: sp.transfer.closer }),
      reasons: [reason('DEAL-3', 'transferSplit', `${former}, who owned the customer, moved to another office less than ${policy.performance.transferWithinDays} days ago: former ${sp.transfer.former} / closer ${sp.transfer.closer}`, { former, closer })],
    };
  if (owner === null) return { credit: { [closer]: 1 }, reasons: [reason('DEAL-3', 'closerUnowned', `no protected owner: ${closer}, who closed, gets the whole performance`, { closer })] };
  if (memberOwner !== null && memberOwner !== owner && (closer === owner || closer === memberOwner))
    return {
      credit: addShares({ [owner]: sp.family.first }, { [memberOwner]: sp.family.second }),
      reasons: [reason('DEAL-3', 'familySplit', `family members owned by different consultants (${owner} registered first, ${memberOwner} owns the buyer): ${sp.family.first} / ${sp.family.second}`, { first: owner, second: memberOwner })],
    };
  if (owner === closer) return { credit: { [closer]: 1 }, reasons: [reason('DEAL-3', 'ownerCloses', `${owner} owns the customer and closed`, { owner })] };
  if (input.brochureFirst)
    return {
      credit: addShares({ [owner]: sp.brochure.first }, { [closer]: sp.brochure.second }),
      reasons: [reason('DEAL-3', 'brochureSplit', `${owner}'s visits only took a brochure; ${closer} did the work: ${sp.brochure.first} / ${sp.brochure.second}`, { first: owner, second: closer })],
    };
  if (input.namedCloser)
    return {
      credit: addShares({ [closer]: sp.namedLater.named }, { [owner]: sp.namedLater.earlier }),
      reasons: [reason('DEAL-3', 'namedLaterSplit', `the customer named ${closer} on a later visit; ${owner} received them earlier: ${sp.namedLater.named} / ${sp.namedLater.earlier}`, { named: closer, earlier: owner })],
    };
  if (input.coveredToday) {
    const split = input.coveredToday.referral ? sp.referralCover : sp.cover;
    return {
      credit: addShares({ [owner]: split.owner }, { [closer]: split.cover }),
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

export function addShares(a: Credit, b: Credit): Credit {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

export interface Departure {
  readonly at: Instant;
  readonly seq: number;
  readonly transferTo: string | null;
}

/**
 * DEAL-2 (000 管理制度 12): a consultant who left the company keeps their share of an order only if it was paid
 * in full before the departure; from the departure instant the share is the team pool's. A move to another office
 * of the company is not a departure from the company: the share stays.
 */
export function creditAt(order: Order, departureOf: (who: StaffId) => Departure | undefined, now: Instant): { credit: Credit; reasons: Reason[] } {
  let credit: Credit = order.credit;
  const reasons: Reason[] = [];
  for (const [who, share] of Object.entries(order.credit)) {
    const d = who === POOL ? undefined : departureOf(who);
    if (!d || d.transferTo !== null || d.at > now) continue;
    if (order.fullPaidSeq !== null && order.fullPaidSeq < d.seq) {
      reasons.push(reason('DEAL-2', 'departedKeepsPaid', `${who} left after the order was paid in full and keeps the share`, { who }));
      continue;
    }
    const { [who]: _gone, ...rest } = credit;
    credit = addShares(rest, { [POOL]: share });
    reasons.push(reason('DEAL-2', 'departedShareToPool', `${who} left before the order was paid in full: the share goes to the team pool`, { who, at: d.at }));
  }
  return { credit, reasons };
}

/**
 * DEAL-4: an objection counts within `disputes.windowDays` × 24 h of the order's first instant (at the instant
 * itself it is late), raised by someone other than the closer, before the manager has decided the order's dispute
 * (DEAL-5: a decision is final). Several colleagues may object; the manager's one decision answers the first.
 */
export function judgeDispute(policy: Policy, order: Order | undefined, by: StaffId, now: Instant): { accepted: boolean; reasons: Reason[] } {
  if (!order) return { accepted: false, reasons: [reason('DEAL-4', 'noOrder', 'the unit has no live order to dispute')] };
  const ref: RecordRef = { seq: order.id, type: 'ordered', at: order.firstAt, by: order.closer };
  if (order.closer === by) return { accepted: false, reasons: [reason('DEAL-4', 'ownOrder', `${by} closed this order and cannot dispute it`, { by }, ref)] };
  if (order.resolution) return { accepted: false, reasons: [reason('DEAL-5', 'alreadyResolved', 'the order\'s dispute has been decided', { by: order.resolution.by }, ref)] };
  const deadline = order.firstAt + policy.disputes.windowDays * DAY_MS;
  if (now < deadline) return { accepted: true, reasons: [reason('DEAL-4', 'disputeInTime', `raised within ${policy.disputes.windowDays} days of the order`, { deadline }, ref)] };
  return { accepted: false, reasons: [reason('DEAL-4', 'disputeLate', `more than ${policy.disputes.windowDays} days after the order: the closer keeps it`, { deadline }, ref)] };
}

/** The accepted dispute awaiting the manager's decision, if any. */
export function openDispute(order: Order): DisputeRecord | null {
  if (order.resolution) return null;
  return order.disputes.find((d) => d.accepted) ?? null;
}
