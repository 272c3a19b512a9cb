// A span of time as the broker's live countdown words it: whole days, then a clock (CH-4, CH-9).
const two = (n: number) => String(n).padStart(2, '0');

/** "3 天 04:05:06" parts of a span in ms (a negative span is zero). */
export function countdownParts(left: number): { readonly days: number; readonly clock: string } {
  const seconds = Math.floor(Math.max(0, left) / 1000);
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  return { days, clock: `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}` };
}
