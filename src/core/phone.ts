// Phone identity (REG-4) and broker masks (CH-8).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { mainlandMobile } from './mainland-mobile.ts';

/** A normalised phone: the national significant number for China (e.g. 13800138000), E.164 otherwise. */
export type PhoneKey = string;

const MASK_CHAR = '*';

/**
 * Normalises what people type (+86, 0086, spaces, dashes, dots, brackets) to one key, or null when it is
 * not a plausible phone number. libphonenumber decides validity, so a wrong length or an impossible
 * prefix is rejected rather than silently stored.
 */
export function normalisePhone(input: string): PhoneKey | null {
  const fast = mainlandMobile(input); // the common case, without the parser (mainland-mobile.ts)
  if (fast !== null) return fast;
  const trimmed = input.trim().replace(/^00/, '+');
  if (trimmed === '' || /[^\d\s+\-().]/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'CN');
  if (!parsed || !parsed.isValid()) return null;
  return parsed.countryCallingCode === '86' ? String(parsed.nationalNumber) : parsed.number;
}

export type MaskStyle = 'first3last4' | 'first4last3';

/** The masked form of a full Chinese mobile number, e.g. 138****8000 (前三后四). */
export function maskPhone(phone: PhoneKey, style: MaskStyle): string | null {
  if (!/^1\d{10}$/.test(phone)) return null;
  const [head, tail] = style === 'first3last4' ? [3, 4] : [4, 3];
  return phone.slice(0, head) + MASK_CHAR.repeat(11 - head - tail) + phone.slice(11 - tail);
}

/** Normalises a masked report number as a broker types it (`138****8000`, `138 **** 8000`); null if malformed. */
export function normaliseMask(input: string, style: MaskStyle): string | null {
  const compact = input.replace(/[\s\-]/g, '').replace(/^\+?86/, '');
  const [head, tail] = style === 'first3last4' ? [3, 4] : [4, 3];
  const pattern = new RegExp(`^1\\d{${head - 1}}\\*{${11 - head - tail}}\\d{${tail}}$`);
  return pattern.test(compact) ? compact : null;
}

/** Masks a phone for people who may not see it in full (SEC-1). */
export function displayMasked(phone: PhoneKey): string {
  return maskPhone(phone, 'first3last4') ?? phone.slice(0, 3) + '****';
}
