// DEAL-5: the dossier the manager decides a dispute from — both sides' records of the customer before the
// order (registrations, follow-ups, receptions, entries that were not valid), each side's verdict, and the
// outcome the records give. The same function the `resolve` command decides with, so the page and the
// decision cannot disagree.
import type { Engine } from '../../core/engine.ts';
import type { Credit } from '../../core/deal.rules.ts';
import { openDispute } from '../../core/deal.rules.ts';
import type { SideRecords } from '../../core/dispute.rules.ts';
import type { FollowUpNote, StaffId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';
import type { Reason } from '../../core/reasons.ts';
import type { Instant } from '../../core/time.ts';

export interface DisputeDossier {
  readonly orderId: number;
  readonly unit: string;
  readonly orderPhone: PhoneKey;
  readonly claimantPhone: PhoneKey;
  readonly closer: SideRecords;
  readonly claimant: SideRecords;
  readonly raisedAt: Instant;
  readonly claimantId: StaffId;
  readonly computed: Credit;
  readonly reasons: readonly Reason[];
  readonly resolved: boolean;
  /** What each side's follow-ups recorded (客户跟进表 / B级卡), by the record's seq: the evidence DEAL-5 decides from. */
  readonly notes: ReadonlyMap<number, FollowUpNote>;
}

/** The dossier of the order's open dispute, or of the decided one once it is decided; null when none was accepted. */
export function disputeDossier(engine: Engine, orderId: number): DisputeDossier | null {
  const order = engine.allOrders.get(orderId);
  if (!order) return null;
  const dispute = openDispute(order) ?? (order.resolution ? (order.disputes.find((d) => d.accepted) ?? null) : null);
  if (!dispute) return null;
  const decided = engine.disputeDecision(order, dispute.by, dispute.phone);
  return {
    orderId,
    unit: order.unit,
    orderPhone: order.phone,
    claimantPhone: dispute.phone ?? order.phone,
    closer: decided.closer,
    claimant: decided.claimant,
    raisedAt: dispute.at,
    claimantId: dispute.by,
    computed: decided.credit,
    reasons: decided.reasons,
    resolved: order.resolution !== null,
    notes: followUpNotes(engine, [order.phone, dispute.phone ?? order.phone]),
  };
}

function followUpNotes(engine: Engine, phones: readonly PhoneKey[]): Map<number, FollowUpNote> {
  const notes = new Map<number, FollowUpNote>();
  for (const phone of phones) for (const r of engine.customers.get(phone)?.records ?? []) if (r.kind === 'followUp' && r.note) notes.set(r.seq, r.note);
  return notes;
}

/** Orders with an accepted dispute awaiting a decision: the manager's inbox. */
export function openDisputes(engine: Engine): number[] {
  const out: number[] = [];
  for (const order of engine.orders.values()) if (openDispute(order)) out.push(order.id);
  return out.sort((a, b) => a - b);
}
