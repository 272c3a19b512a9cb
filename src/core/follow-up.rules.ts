// OWN-3: what a follow-up does to the owner's protection, said in the follow-up's answer — so a consultant
// who texts a customer learns at once that a text message alone extends nothing (issue 16.2).
import type { ContactVia, FollowUpNote, StaffId } from './facts.ts';
import { INTENTS } from './facts.ts';
import type { Policy } from './policy.ts';
import { reason, type Reason } from './reasons.ts';

export interface FollowUpEffect {
  /** Whether this follow-up counts as the owner's effective contact (protection runs from it). */
  readonly extends: boolean;
  readonly reason: Reason;
}

/**
 * OWN-3: a follow-up extends protection when it is the owner's, reached the customer, and was not a text
 * message alone (unless `ownership.smsCounts`; a run of `smsOnlyLimit` SMS-only ones then voids the run,
 * which the ownership walk decides and the answer's ownership reasons show).
 */
export function followUpEffect(policy: Policy, owner: StaffId | null, by: StaffId, reached: boolean, via: ContactVia): FollowUpEffect {
  if (!reached) return { extends: false, reason: reason('OWN-3', 'followUpNotReached', 'the follow-up did not reach the customer: it is recorded and extends no protection', { by }) };
  if (owner !== by) {
    return {
      extends: false,
      reason: reason('OWN-3', 'followUpNotOwner', `${by} does not own the customer: the follow-up is recorded and extends no protection`, { by, ...(owner ? { owner } : {}) }),
    };
  }
  if (via === 'sms' && !policy.ownership.smsCounts) {
    return { extends: false, reason: reason('OWN-3', 'smsNoContact', 'a text message alone confirms no contact: the follow-up is recorded, the protection is not extended', { by }) };
  }
  if (via === 'sms') return { extends: true, reason: reason('OWN-3', 'smsCounted', 'the office counts text messages as contact (smsCounts); a run of SMS-only follow-ups may void it', { by }) };
  return { extends: true, reason: reason('OWN-3', 'followUpExtends', `${by} reached the customer by ${via}: the protection runs from now`, { by, via }) };
}

/** What is wrong with a follow-up's note, or null: a next-step day must be a real YYYY-MM-DD day and comes with its step. */
export function noteProblem(note: FollowUpNote): string | null {
  if (note.intent !== undefined && !INTENTS.includes(note.intent)) return `intent must be one of ${INTENTS.join(', ')}`;
  if (note.nextOn !== undefined) {
    if (!isDay(note.nextOn)) return `nextOn "${note.nextOn}" is not a day YYYY-MM-DD`;
    if (!note.next?.trim()) return 'a next-step day needs the next step (next)';
  }
  return null;
}

function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}
