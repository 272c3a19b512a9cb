// OWN-7 guard (issue 14 item 4): family is one customer, so declaring a link can hand one household's
// customer to the other household's owner. A consultant must not take an unowned or broker-protected
// customer that way: a link that would change a household's owner, or reach a broker's protection, needs
// the manager — the manager makes (and so confirms) it, and the fact records who confirmed it.
import type { BrokerId, Role, StaffId } from './facts.ts';
import { reason, type Reason } from './reasons.ts';

/** Who stands behind one side of the link now: its owner and the broker protecting it, if any. */
export interface HouseholdStanding {
  readonly owner: StaffId | null;
  readonly broker: BrokerId | null;
}

export type LinkConsent =
  /** `confirmedBy`: the manager whose link it is, recorded on the fact; absent when nothing changes hands. */
  | { readonly ok: true; readonly confirmedBy?: StaffId }
  | { readonly ok: false; readonly reasons: readonly Reason[] };

/** Whether linking the two households changes who owns either (or touches a broker's protection). */
export function linkChangesOwner(a: HouseholdStanding, b: HouseholdStanding): boolean {
  return a.owner !== b.owner || a.broker !== null || b.broker !== null;
}

/**
 * OWN-7: may `by` (role `role`) link households `a` and `b`? Anyone, when no owner would change; a manager
 * always (their link is the confirmation); anyone else only with a manager. `by` absent: an import or
 * setup recorded as the office itself, decided as before.
 */
export function linkConsent(a: HouseholdStanding, b: HouseholdStanding, by: { readonly id: StaffId; readonly role: Role } | null): LinkConsent {
  if (by === null || !linkChangesOwner(a, b)) return { ok: true };
  if (by.role === 'manager') return { ok: true, confirmedBy: by.id };
  const params = { by: by.id, owner: a.owner ?? '', other: b.owner ?? '', broker: a.broker ?? b.broker ?? '' };
  return {
    ok: false,
    reasons: [reason('OWN-7', 'familyLinkNeedsManager', `linking these customers as family would change who owns one of them: the manager must make the link`, params)],
  };
}
