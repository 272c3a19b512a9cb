// CH-10: wrong escort codes are limited, per desk user and per customer phone, so six digits cannot be
// guessed: after `maxFailures` wrong codes within WINDOW_MS the key is held back until the window passes.
// Kept in memory: a restart forgives, which costs an attacker a restart they cannot cause.
//
// Per process, on purpose (issue 10 item 4). With P server processes behind one address each counts its
// own, so a phone takes at most 5·P wrong codes per 15 minutes (a desk user 20·P). What that buys: at any
// moment two codes of a report are accepted (its window and the next), so each guess hits with odds
// 2 / 10⁶, and 5·P guesses succeed with odds ≤ 10·P / 10⁶ per 15 minutes — 2·10⁻⁵ for two processes —
// by a signed-in desk user, against a report that is live and not yet used. Sharing the counters
// (a table written on every wrong code, under both databases) would buy a factor of P on odds that
// small; it is not worth a write per mistyped code. Revisit past a handful of processes.
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
