// Where a read model keeps its state between restarts (src/store seals and checks it against the log). A
// model that has none folds the whole log at its first read; one that has it folds only the facts after.

export interface SavedState {
  /** The state kept as of entry `seq`, or null (none, or it did not check out and was dropped). */
  load(): Promise<{ readonly seq: number; readonly data: unknown } | null>;
  /**
   * Keeps `data`, the model's state as of entry `seq`. It is copied before this returns, so the model may go
   * on changing; true once stored (false: refused — a newer one is kept, or an erasure followed `seq`).
   */
  keep(seq: number, data: unknown): Promise<boolean>;
}
