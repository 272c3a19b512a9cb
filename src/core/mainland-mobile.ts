// A mainland mobile number as people type it, without the phone library (REG-4). The front desk types these
// nearly always; the full parser costs 8–12 µs a call and its metadata is a quarter of the web app's first
// load. The pattern is libphonenumber's own for CN mobiles (test/core/phone.test.ts fails if its metadata
// changes), so a number this accepts is one the parser accepts, with the same key.
import type { PhoneKey } from './phone.ts';

export const MAINLAND_MOBILE_PATTERN = '1(?:610\\d|740[0-5])\\d{6}|1(?:[38]\\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\\d{8}';

const MOBILE = new RegExp(`^(?:${MAINLAND_MOBILE_PATTERN})$`);
const SEPARATORS = /[\s\-().]/g;

/** The key of a typed mainland mobile (spaces, dashes, dots, brackets, +86 / 0086 / 86), or null: not one. */
export function mainlandMobile(input: string): PhoneKey | null {
  if (input.length > 24) return null;
  let digits = input.replace(SEPARATORS, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits.length === 11 && MOBILE.test(digits) ? digits : null;
}
