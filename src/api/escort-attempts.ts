// CH-10: wrong escort codes are limited, per desk user and per customer phone, so six digits cannot be
// guessed: after `maxFailures` wrong codes within WINDOW_MS the key is held back until the window passes.
// Kept in memory: a restart forgives, which costs an attacker a restart they cannot cause.
const WINDOW_MS = 15 * 60_000;

export class EscortAttempts {
  private readonly failures = new Map<string, number[]>();

  /** A busy desk mistypes more than one customer's code is ever guessed at: per phone 5, per desk user 20. */
  constructor(private readonly maxFailures: number) {}

  /** Seconds to wait if any key is held back now, else null. */
  blocked(keys: readonly string[], now: number): number | null {
    let wait: number | null = null;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFailures) {
        const seconds = Math.ceil(((recent[0] as number) + WINDOW_MS - now) / 1000);
        wait = Math.max(wait ?? 0, seconds);
      }
    }
    return wait;
  }

  fail(keys: readonly string[], now: number): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) for (const [k, v] of this.failures) if ((v.at(-1) ?? 0) < now - WINDOW_MS) this.failures.delete(k);
  }

  clear(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
  }
}
