// The seam between the adapters (HTTP, CLI, seed) and the stores: a sales office (project) whose commands
// are decided against its caught-up engine and recorded as facts, atomically. The SQL stores and the
// in-memory store implement it; the API is written against it alone.
import type { Command, Outcome } from '../app/commands.ts';
import type { Engine } from '../core/engine.ts';
import type { Recorded } from '../core/facts.ts';
import type { Policy } from '../core/policy.ts';
import type { SavedState } from '../app/saved-state.ts';

/** Who recorded a fact: a signed-in person (their user id), or the system itself (automatic expiry, seeding). */
export type Actor = { readonly kind: 'user'; readonly id: string } | { readonly kind: 'system'; readonly id: 'system' };
export const SYSTEM: Actor = Object.freeze({ kind: 'system', id: 'system' });

export interface ProjectInfo {
  readonly id: string;
  readonly name: string;
  /** IANA zone whose local days the floor runs on. */
  readonly zone: string;
}

/** An executed command: the outcome, and the sequence number of the fact it recorded (none if refused). */
export type Executed = Outcome & {
  readonly seq?: number;
  /** True when an earlier request with the same idempotency key answered, and nothing new was recorded. */
  readonly replayed?: boolean;
};

export interface ExecuteOptions {
  /** A retried request with the same key (per project and actor) adds no second fact and gets the first answer. */
  readonly idempotencyKey?: string;
  /** The instant of the command; the server leaves it out and the store uses its clock (never earlier than the log). */
  readonly at?: number;
}

export interface OfficeHandle {
  readonly project: ProjectInfo;
  /** Decides and records one command in one transaction, after catching up with facts others recorded. */
  execute(command: Command, actor: Actor, options?: ExecuteOptions): Promise<Executed>;
  /**
   * The engine caught up with every committed fact (reads: judge, queue, timeline). `readSince`
   * (performance.now()): when the request asking arrived; facts committed before then are in the engine, and
   * a store may tell so from a look that another caller made since (`Db.commitsElsewhere`).
   */
  engine(options?: { readonly readSince?: number }): Promise<Engine>;
  /** Facts after `afterSeq`, in order (timelines, live updates, rebuilds). */
  facts(afterSeq: number): Promise<readonly Recorded[]>;
  /**
   * A reconnect's replay: up to `limit` facts after `afterSeq` as seq, type and time, and the arrivals among
   * them in full (an owner alert names the customer). Nobody else's personal data is opened, so a replay
   * costs a read of its rows, not the vault's unsealing (issue 14 item 1). Optional: without it, `facts`.
   */
  backlog?(afterSeq: number, limit: number): Promise<Backlog>;
  /** Where the API's customer index keeps its state between restarts (the SQL stores, with snapshots on). */
  readonly savedIndex?: SavedState;
}

export interface Backlog {
  readonly facts: readonly Pick<Recorded, 'seq' | 'type' | 'at'>[];
  readonly arrivals: readonly Recorded[];
}

export interface Offices {
  list(): Promise<readonly ProjectInfo[]>;
  /** Creates a project with its starting policy (recorded at `at`, default now); refused if the id exists. */
  create(project: ProjectInfo, policy: Policy, actor: Actor, options?: { readonly at?: number }): Promise<OfficeHandle>;
  /** The project's handle, or null when there is no such project. */
  open(projectId: string): Promise<OfficeHandle | null>;
  /**
   * Calls `listener` after each commit, in this process or (PostgreSQL) in another one sharing the
   * database, with the project and the new facts; returns an unsubscribe function.
   */
  subscribe(listener: (project: string, facts: readonly Recorded[]) => void): () => void;
  close(): Promise<void>;
}
