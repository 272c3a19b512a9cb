// Offices held in memory only: for tests of the adapters and for what-ifs. Nothing survives the process.
import type { Command } from '../app/commands.ts';
import { execute } from '../app/handlers.ts';
import type { Recorded } from '../core/facts.ts';
import type { Policy } from '../core/policy.ts';
import { fingerprintOf, KEY_REUSED } from './idempotency.ts';
import { MemoryOffice } from './memory-store.ts';
import type { Actor, ExecuteOptions, Executed, OfficeHandle, Offices, ProjectInfo } from './offices.ts';

class MemoryHandle implements OfficeHandle {
  private readonly remembered = new Map<string, { readonly request: string; readonly executed: Executed }>();
  constructor(
    readonly project: ProjectInfo,
    readonly office: MemoryOffice,
    private readonly clock: () => number,
    private readonly notify: (facts: readonly Recorded[]) => void,
  ) {}

  async execute(command: Command, actor: Actor, options: ExecuteOptions = {}): Promise<Executed> {
    const key = options.idempotencyKey !== undefined ? `${actor.id}\u0000${options.idempotencyKey}` : undefined;
    const earlier = key !== undefined ? this.remembered.get(key) : undefined;
    if (earlier) return earlier.request === fingerprintOf(command) ? { ...earlier.executed, replayed: true } : KEY_REUSED;
    const before = this.office.log.length;
    const now = options.at ?? Math.max(this.clock(), this.office.engine.lastAt);
    const outcome = execute(this.office, command, now);
    const recorded = this.office.log.slice(before);
    const executed: Executed = recorded.length > 0 ? { ...outcome, seq: (recorded[recorded.length - 1] as Recorded).seq } : outcome;
    if (key !== undefined) this.remembered.set(key, { request: fingerprintOf(command), executed });
    if (recorded.length > 0) this.notify(recorded);
    return executed;
  }

  async engine() {
    return this.office.engine;
  }

  async facts(afterSeq: number): Promise<readonly Recorded[]> {
    return this.office.log.slice(afterSeq);
  }
}

export class MemoryOffices implements Offices {
  private readonly handles = new Map<string, MemoryHandle>();
  private readonly listeners = new Set<(project: string, facts: readonly Recorded[]) => void>();

  constructor(private readonly clock: () => number = Date.now) {}

  async list(): Promise<readonly ProjectInfo[]> {
    return [...this.handles.values()].map((h) => h.project);
  }

  async create(project: ProjectInfo, policy: Policy, _actor: Actor, options: { readonly at?: number } = {}): Promise<OfficeHandle> {
    if (this.handles.has(project.id)) throw new Error(`project "${project.id}" already exists`);
    const office = new MemoryOffice(policy, project.zone, options.at ?? this.clock());
    const handle = new MemoryHandle(project, office, this.clock, (facts) => {
      for (const l of this.listeners) l(project.id, facts);
    });
    this.handles.set(project.id, handle);
    return handle;
  }

  async open(projectId: string): Promise<OfficeHandle | null> {
    return this.handles.get(projectId) ?? null;
  }

  subscribe(listener: (project: string, facts: readonly Recorded[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {}
}
