// A FIFO async mutex: work queued on it runs one piece at a time, in order.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
