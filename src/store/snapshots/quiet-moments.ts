// Work that holds the event loop for a while — serialising a large office's engine or customer index to keep it
// between restarts, ≈ 0.15–0.2 s for the largest office — waits for a moment the process is not busy answering,
// so that it does not land on the request that happens to come next (issue 13). The wait is bounded: a server
// that is never quiet still keeps its state, and a clean stop keeps what is pending at once (`hurry`).
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Moments } from '../../app/saved-state.ts';

export interface QuietOptions {
  /** How often the event loop's use is looked at, ms. */
  readonly checkMs?: number;
  /** Quiet: the loop was busy for less than this share of the last interval. */
  readonly busyBelow?: number;
  /** The longest wait, ms: after it the work runs whatever the load. */
  readonly maxWaitMs?: number;
}

export class QuietMoments implements Moments {
  private hurried = false;
  private readonly waiting = new Set<() => void>();
  private readonly checkMs: number;
  private readonly busyBelow: number;
  private readonly maxWaitMs: number;

  constructor(options: QuietOptions = {}) {
    this.checkMs = options.checkMs ?? 250;
    this.busyBelow = options.busyBelow ?? 0.25;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
  }

  /** Resolves at the end of an interval in which the event loop was mostly idle, or after the longest wait; at once once hurried. */
  next(): Promise<void> {
    if (this.hurried) return Promise.resolve();
    return new Promise((resolve) => {
      const start = performance.now();
      let last: EventLoopUtilization = performance.eventLoopUtilization();
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const look = (): void => {
        const now = performance.eventLoopUtilization();
        const busy = performance.eventLoopUtilization(now, last).utilization;
        last = now;
        if (busy < this.busyBelow || performance.now() - start >= this.maxWaitMs) done();
        else timer = setTimeout(look, this.checkMs).unref();
      };
      this.waiting.add(done);
      timer = setTimeout(look, this.checkMs).unref(); // never what keeps a process alive: `hurry` is
    });
  }

  /** Everything waiting runs now, and nothing waits from now on (a clean stop). */
  hurry(): void {
    this.hurried = true;
    for (const run of [...this.waiting]) run();
  }
}
