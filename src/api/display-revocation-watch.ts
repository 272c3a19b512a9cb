// tv-pairing (issue 16.1): a display revoked through another server process stops within a second here too.
// The process that records a revocation closes its own streams at once (display.routes.ts); every other process
// learns of it here: once a second, and only while it holds a display's stream, it asks which of the displays
// it streams to were revoked. One query a second per process whatever the number of TVs, and no clock compared
// across processes. (The stream's heartbeat still checks too, but only every 15 s.)
export class DisplayRevocationWatch {
  /** Display id → the streams this process holds for it. */
  private readonly open = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private asking = false;

  constructor(
    private readonly revokedAmong: (ids: readonly string[]) => Promise<readonly string[]>,
    private readonly onRevoked: (id: string) => void,
    private readonly everyMs = 1000,
  ) {}

  /** A stream of `id` opened here; the function returned is called when it closes. */
  watch(id: string): () => void {
    this.open.set(id, (this.open.get(id) ?? 0) + 1);
    this.timer ??= setInterval(() => void this.ask(), this.everyMs).unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(id) ?? 1) - 1;
      if (left > 0) this.open.set(id, left);
      else this.open.delete(id);
      if (this.open.size === 0) this.stop();
    };
  }

  close(): void {
    this.open.clear();
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async ask(): Promise<void> {
    // A slow database must not pile questions up: the next tick asks again.
    if (this.asking || this.open.size === 0) return;
    this.asking = true;
    try {
      for (const id of await this.revokedAmong([...this.open.keys()])) if (this.open.has(id)) this.onRevoked(id);
    } catch {
      // The database restarting: the next tick asks again, and the heartbeat's own check stands behind it.
    } finally {
      this.asking = false;
    }
  }
}
