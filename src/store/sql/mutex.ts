// A FIFO async mutex: work queued on it runs one piece at a time, in order.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Nothing is running or queued. */
  get idle(): boolean {
    return this.pending === 0;
  }
  run<T>(work: () => Promise<T> | T): Promise<T> {
    this.pending++;
    const result = this.tail.then(work);
    this.tail = result.then(
      () => void this.pending--,
      () => void this.pending--,
    );
    return result;
  }
}
