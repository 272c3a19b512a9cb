// Registration validity (REG-2, REG-7, REG-10) and lateness (REG-5): an entry is always kept; only a valid one
// can give ownership.
import type { RegisterVia } from './facts.ts';
import type { Policy } from './policy.ts';
import { reason, type Reason } from './reasons.ts';
import type { Instant } from './time.ts';

export type RegistrationField = Policy['registration']['required'][number];

export interface RegistrationEntry {
  readonly via: RegisterVia;
  readonly phone?: string;
  readonly name?: string;
  readonly gender?: string;
  readonly needs?: string;
}

export interface Validity {
  readonly valid: boolean;
  readonly missing: readonly RegistrationField[];
  readonly reasons: readonly Reason[];
}

const present = (v: string | undefined): boolean => v !== undefined && v.trim() !== '';

/**
 * REG-2: valid only with every field `registration.required` lists (standard: name, phone, needs).
 * For a call a surname is a name (REG-1, 002 篇3.2); a visitor who gives no phone (REG-7) is kept by
 * surname and appearance and, while phone is required, owns nothing.
 */
export function judgeRegistration(policy: Policy, entry: RegistrationEntry): Validity {
  const missing = policy.registration.required.filter((field) => !present(entry[field]));
  if (missing.length === 0) return { valid: true, missing, reasons: [reason('REG-2', 'validRegistration', 'all required fields are present')] };
  const reasons = [reason('REG-2', 'invalidRegistration', `kept, but not valid: missing ${missing.join(', ')}`, { missing: missing.join(',') })];
  if (missing.includes('phone')) reasons.push(reason('REG-7', 'noPhone', 'no phone given: kept by surname and appearance; the queue or the named consultant decides later'));
  return { valid: false, missing, reasons };
}

/**
 * REG-10: an outreach entry (展点/外拓) is evidence only with an SMS sent at registration time. "At
 * registration time" is read as within this many minutes either side of the entry (the SMS is sent from
 * the stand while the visitor is there; a phone's clock and the form's submit differ by a few minutes).
 */
export const OUTREACH_SMS_TOLERANCE_MS = 10 * 60_000;

export function judgeOutreachProof(at: Instant, smsAt: Instant | null): { readonly matches: boolean; readonly reason: Reason } {
  if (smsAt === null) return { matches: false, reason: reason('REG-10', 'outreachNoSms', 'an outreach entry without the proof SMS is not evidence') };
  const minutes = Math.round(Math.abs(at - smsAt) / 60_000);
  if (Math.abs(at - smsAt) <= OUTREACH_SMS_TOLERANCE_MS)
    return { matches: true, reason: reason('REG-10', 'outreachSmsMatches', 'the proof SMS was sent at registration time: the entry is evidence', { minutes }) };
  return { matches: false, reason: reason('REG-10', 'outreachSmsMismatch', `the proof SMS was sent ${minutes} minutes away from the entry: not evidence`, { minutes }) };
}

/** REG-5: an entry is late when the visit was on an earlier local day than the entry. */
export function isLateEntry(dayOf: (at: Instant) => string, visitedAt: Instant, now: Instant): boolean {
  return visitedAt < now && dayOf(visitedAt) !== dayOf(now);
}
