// A wall-clock time the page's user typed (a datetime-local field, "YYYY-MM-DDTHH:mm") as the instant it is in the
// project's zone — not the browser's: a desk PC set to another zone still records the office's local time.

function offsetAt(utc: number, zone: string): number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const part = Object.fromEntries(format.formatToParts(new Date(utc)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(part.year), Number(part.month) - 1, Number(part.day), Number(part.hour), Number(part.minute), Number(part.second)) - utc;
}

/** The instant of a local wall time in `zone`; null when the text is not "YYYY-MM-DD HH:mm" (or with a T). */
export function localInstant(text: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}
