// Small helpers the sales-group benchmark shares: latency percentiles, formatting, a seeded sample.

export interface Latency {
  readonly n: number;
  /** Microseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

/** Percentiles (nearest rank) of per-call times given in nanoseconds, in µs. */
export function latency(ns: readonly number[] | Float64Array): Latency {
  const s = Float64Array.from(ns).sort();
  if (s.length === 0) return { n: 0, p50: 0, p99: 0, mean: 0, max: 0 };
  const at = (q: number) => (s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number) / 1e3;
  let sum = 0;
  for (const x of s) sum += x;
  return { n: s.length, p50: at(0.5), p99: at(0.99), mean: sum / s.length / 1e3, max: (s[s.length - 1] as number) / 1e3 };
}

export const nowNs = (): number => Number(process.hrtime.bigint());

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A figure with about three significant digits. */
export function sig(n: number): string {
  const a = Math.abs(n);
  if (a >= 100) return fmt(n, 0);
  if (a >= 10) return fmt(n, 1);
  if (a >= 1) return fmt(n, 2);
  return fmt(n, 3);
}

export const mib = (bytes: number): number => bytes / (1024 * 1024);

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** A shuffled copy (Fisher–Yates with the given generator). */
export function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
