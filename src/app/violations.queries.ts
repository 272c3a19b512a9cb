// The violation register as a read (PEN-1, ROT-14): newest first, each with whether its suspension keeps
// the person off the queue at `now`. Everyone's, or one person's.
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import type { Instant } from '../core/time.ts';
import { suspensionEnd, type Violation } from '../core/violation.rules.ts';

export interface ViolationRow {
  readonly violation: Violation;
  readonly suspendedNow: boolean;
}

export function violationRegister(engine: Engine, now: Instant, of?: StaffId): ViolationRow[] {
  const list = of === undefined ? engine.violations.all() : engine.violations.of(of);
  return [...list]
    .sort((a, b) => b.id - a.id)
    .map((violation) => ({ violation, suspendedNow: violation.sanction.kind === 'suspension' && violation.at <= now && now < suspensionEnd(violation) }));
}
