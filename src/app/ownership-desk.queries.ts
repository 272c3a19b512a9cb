// The manager's ownership desk (issue 12 item 3): whose turn the next introduced customer is (OWN-9), at what
// commission rate, and the last frozen valid customer register (OWN-13). Plain reads of the engine.
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import type { Reason } from '../core/reasons.ts';
import type { Instant } from '../core/time.ts';
import { nextIntroduced } from './ownership.handlers.ts';

export interface OwnershipDesk {
  readonly next: StaffId | null;
  readonly nextReasons: readonly Reason[];
  readonly rate: number;
  readonly assigned: number;
  readonly lastFrozen: { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly count: number } | null;
  readonly recycleDays: number | null;
  readonly reassignedOwns: 'atAssignment' | 'atFirstContact';
}

export function ownershipDesk(engine: Engine, now: Instant): OwnershipDesk {
  const turn = nextIntroduced(engine, now);
  const last = engine.frozenRegisters[engine.frozenRegisters.length - 1];
  return {
    next: turn?.who ?? null,
    nextReasons: turn ? [turn.reason] : [],
    rate: engine.policy.ownership.companyAssignedRate,
    assigned: engine.introduced.length,
    lastFrozen: last ? { seq: last.seq, at: last.at, by: last.by, count: last.owners.size } : null,
    recycleDays: engine.policy.ownership.recycleDays,
    reassignedOwns: engine.policy.ownership.reassignedOwns,
  };
}
