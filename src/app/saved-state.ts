// Where a read model keeps its state between restarts (src/store seals and checks it against the log). A
// model that has none folds the whole log at its first read; one that has it folds only the facts after.

import type { FactCodec } from './fact-table.ts';

export interface SavedState {
  /** The state kept as of entry `seq`, or null (none, or it did not check out and was dropped). */
  load(): Promise<{ readonly seq: number; readonly data: unknown } | null>;
  /**
   * Keeps `data`, the model's state as of entry `seq`. It is copied before this returns, so the model may go
   * on changing; true once stored (false: refused — a newer one is kept, or an erasure followed `seq`).
   */
  keep(seq: number, data: unknown): Promise<boolean>;
  /** How facts a state holds as bytes are written and read back (a model opens them only when asked for). */
  readonly facts?: FactCodec;
}

/**
 * When a model's state may be kept: serialising a large one holds the event loop, so the server hands in a
 * source of moments the process is not busy (src/store/snapshots/quiet-moments.ts). `hurry`: a clean stop.
 */
export interface Moments {
  next(): Promise<void>;
  hurry(): void;
}

/** The next turn of the event loop: what a model gets when nobody says when it is quiet (tests, the CLI). */
export const NEXT_TURN: Moments = { next: () => new Promise((resolve) => setImmediate(resolve)), hurry: () => undefined };
