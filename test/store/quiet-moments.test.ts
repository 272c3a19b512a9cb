// Keeping a large state holds the event loop, so it waits for a moment the process is not busy (issue 13):
// an idle interval, or at the latest the longest wait; a clean stop runs what waits at once.
import { describe, expect, it } from 'vitest';
import { QuietMoments } from '../../src/store/snapshots/quiet-moments.ts';

/** Keeps the event loop busy for `ms`, in slices, so timers still get their turn between them. */
async function busyFor(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const slice = performance.now() + 15;
    while (performance.now() < slice) Math.sqrt(Math.random());
    await new Promise((r) => setImmediate(r));
  }
}

describe('QuietMoments', () => {
  it('comes after one idle interval', async () => {
    const quiet = new QuietMoments({ checkMs: 20, maxWaitMs: 5_000 });
    const t = performance.now();
    await quiet.next();
    const waited = performance.now() - t;
    expect(waited).toBeGreaterThanOrEqual(15);
    expect(waited).toBeLessThan(1_000);
  });

  it('waits while the loop is busy, and comes at the longest wait if it never is quiet', async () => {
    const quiet = new QuietMoments({ checkMs: 20, maxWaitMs: 300 });
    let came = 0;
    const t = performance.now();
    void quiet.next().then(() => (came = performance.now() - t));
    await busyFor(150);
    expect(came).toBe(0); // still waiting after 150 ms of a busy loop
    await busyFor(500);
    expect(came).toBeGreaterThanOrEqual(280);
    expect(came).toBeLessThan(550);
  });

  it('runs what waits at once when hurried, and waits no more after', async () => {
    const quiet = new QuietMoments({ checkMs: 60_000, maxWaitMs: 60_000 });
    let came = false;
    const waiting = quiet.next().then(() => (came = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(came).toBe(false);
    quiet.hurry();
    await waiting;
    expect(came).toBe(true);
    const t = performance.now();
    await quiet.next();
    expect(performance.now() - t).toBeLessThan(5);
  });
});
