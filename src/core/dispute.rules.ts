// DEAL-5: a dispute is decided from the records. Each side's records of the customer are complete or not,
// and the outcome follows from the two answers; the manager confirms it or overrides it with a reason.
import type { StaffId } from './facts.ts';
import type { OwnershipRecord } from './ownership.rules.ts';
import { refOf } from './ownership.rules.ts';
import type { Policy } from './policy.ts';
import { POOL, type Credit } from './deal.rules.ts';
import { reason, type Reason, type RecordRef } from './reasons.ts';
import { DAY_MS, type Instant } from './time.ts';

export interface SideRecords {
  readonly who: StaffId;
  readonly complete: boolean;
  /** The side's first valid visit registration of the customer before the order, if any. */
  readonly registration: RecordRef | null;
  /** The side's last effective contact with the customer before the order, if any. */
  readonly lastContact: RecordRef | null;
  /** Every record of the side's the decision looked at, oldest first (the dossier). */
  readonly records: readonly RecordRef[];
  readonly reasons: readonly Reason[];
}

/**
 * A side's records are complete when, before the order's first instant, the consultant made a valid visit
 * registration of the customer and their last effective contact with it lies less than
 * `ownership.protectionDays` × 24 h before that instant. Effective contacts, as for an owner (OWN-2, OWN-3):
 * the consultant's valid registrations (calls only under `callsEstablish`), their follow-ups that reached the
 * customer (SMS only under `smsCounts`), and arrivals of the customer while the consultant's own contacts were
 * still within protection — an arrival after their protection ran out revives nothing.
 */
export function sideRecords(policy: Policy, records: readonly OwnershipRecord[], who: StaffId, before: Instant): SideRecords {
  const protectionMs = policy.ownership.protectionDays * DAY_MS;
  let registration: OwnershipRecord | null = null;
  let last: OwnershipRecord | null = null;
  const seen: RecordRef[] = [];
  for (const r of records) {
    if (r.at >= before) break;
    let contact = false;
    if (r.kind === 'registration' && (r.consultant === who || r.by === who)) {
      seen.push(refOf(r));
      if (!r.valid) continue;
      if (r.via === 'visit') {
        registration ??= r;
        contact = true;
      } else contact = policy.ownership.callsEstablish;
    } else if (r.kind === 'followUp' && r.by === who) {
      seen.push(refOf(r));
      contact = r.reached && (r.via !== 'sms' || policy.ownership.smsCounts);
    } else if (r.kind === 'arrival' && !r.nonCustomer) {
      if (r.receiver === who) seen.push(refOf(r));
      contact = last !== null && r.at < last.at + protectionMs;
    } else if ((r.kind === 'reassign' || r.kind === 'introduced' || r.kind === 'awarded') && r.to === who) {
      seen.push(refOf(r));
      contact = true;
    }
    if (contact) last = r;
  }
  const reasons: Reason[] = [];
  const lastRef = last ? refOf(last) : null;
  let complete = false;
  if (!registration) reasons.push(reason('DEAL-5', 'noRegistration', `${who} made no valid visit registration of the customer before the order`, { who }));
  else if (last === null || before - last.at >= protectionMs)
    reasons.push(reason('DEAL-5', 'contactLapsed', `${who}'s last effective contact was ${policy.ownership.protectionDays} days or more before the order`, { who, days: policy.ownership.protectionDays }, lastRef ?? undefined));
  else {
    complete = true;
    reasons.push(reason('DEAL-5', 'recordsComplete', `${who} registered the customer and was in contact within ${policy.ownership.protectionDays} days before the order`, { who }, lastRef ?? undefined));
  }
  return { who, complete, registration: registration ? refOf(registration) : null, lastContact: lastRef, records: seen, reasons };
}

/** Both sides complete → closer 0.5 / claimant 0.5; only one → that side 1; neither → the team pool. */
export function disputeOutcome(closer: SideRecords, claimant: SideRecords): { credit: Credit; reason: Reason } {
  if (closer.complete && claimant.complete)
    return { credit: { [closer.who]: 0.5, [claimant.who]: 0.5 }, reason: reason('DEAL-5', 'bothComplete', `both ${closer.who}'s and ${claimant.who}'s records are complete: 50 / 50`, { closer: closer.who, claimant: claimant.who }) };
  if (closer.complete) return { credit: { [closer.who]: 1 }, reason: reason('DEAL-5', 'closerComplete', `only ${closer.who}'s records are complete: the closer keeps it`, { closer: closer.who, claimant: claimant.who }) };
  if (claimant.complete) return { credit: { [claimant.who]: 1 }, reason: reason('DEAL-5', 'claimantComplete', `only ${claimant.who}'s records are complete: the claimant gets it`, { closer: closer.who, claimant: claimant.who }) };
  return { credit: { [POOL]: 1 }, reason: reason('DEAL-5', 'neitherComplete', 'neither side\'s records are complete: the performance goes to the team pool (团奖)', { closer: closer.who, claimant: claimant.who }) };
}
