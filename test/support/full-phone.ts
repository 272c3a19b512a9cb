// An unmasked mainland mobile in text: eleven digits standing alone. The neighbours may not be hex digits
// either, or a request id (a UUID) with a run like 19152830754 in it would read as a phone.
export const FULL_PHONE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
