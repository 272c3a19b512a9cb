// The escort code as text (CH-10): how the broker's phone shows the six digits, and what the desk's field
// accepts — six digits typed (spaces allowed), or the QR's token a USB scanner types.

/** "123456" → "123 456", easier to read aloud. */
export function spacedDigits(digits: string): string {
  return digits.length === 6 ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
}

/** The code as the broker's phone shows it: six digits, or the QR's longer token; null for anything else. */
export function readEscortCode(raw: string): string | null {
  const text = raw.trim();
  const digits = text.replace(/\s+/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  if (text.length >= 16 && !/\s/.test(text)) return text;
  return null;
}
