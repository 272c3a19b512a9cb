// What the PII scans look for: a mainland mobile number in full. Request ids (UUIDs) are taken out first:
// their hex groups can hold eleven digits that look like one ("…-17986102667b").
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const REQUEST_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Whether `text` holds a mobile number in full, request ids aside. */
export function holdsFullPhone(text: string): boolean {
  return FULL_PHONE.test(text.replace(REQUEST_ID, '<request-id>'));
}
