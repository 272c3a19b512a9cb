// Registration validity (REG-2, REG-7): an entry is always kept; only a valid one can give ownership.
import type { RegisterVia } from './facts.ts';
import type { Policy } from './policy.ts';
import { reason, type Reason } from './reasons.ts';

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
