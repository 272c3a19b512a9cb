// PEN-1, ROT-14: the violation register. A violation is recorded against a person with the office rule
// broken, the date, the evidence (the seqs of the records that show it) and the sanction: a warning, a
// fine, or a suspension from the queue for some days, which the rotation obeys like a manager's own
// suspension. The person may appeal once; the manager's decision upholds the sanction or overturns it,
// and an overturned suspension ends at the decision (what was missed before is history, not undone).
// Pure: the register folds facts; `suspendedAt` answers for any instant from what is recorded up to then.
import type { StaffId } from './facts.ts';
import type { Instant } from './time.ts';

/** The office rules a violation names (000 管理制度: theft of a customer, quarrels, late registration, a refused slip, …). */
export type ViolationRule = 'customerTheft' | 'quarrel' | 'lateRegistration' | 'refusedSlip' | 'queueBreach' | 'outsideDeal' | 'other';
export const VIOLATION_RULES: readonly ViolationRule[] = ['customerTheft', 'quarrel', 'lateRegistration', 'refusedSlip', 'queueBreach', 'outsideDeal', 'other'];

export type Sanction =
  | { readonly kind: 'warning' }
  /** A fine in yuan. */
  | { readonly kind: 'fine'; readonly amount: number }
  /** No new parties for `days` days from the recording (ROT-14); `until` is when it ends. */
  | { readonly kind: 'suspension'; readonly days: number; readonly until: Instant };

export type AppealState = 'none' | 'filed' | 'upheld' | 'overturned';

export interface Violation {
  /** The seq of the fact that recorded it: the violation's id. */
  readonly id: number;
  readonly at: Instant;
  readonly who: StaffId;
  readonly rule: ViolationRule;
  /** When it happened (may be before it was recorded). */
  readonly on: Instant;
  readonly evidence: readonly number[];
  readonly sanction: Sanction;
  readonly by: StaffId;
  readonly note: string | null;
  appeal: AppealState;
  appealFiled: { readonly seq: number; readonly at: Instant; readonly grounds: string } | null;
  appealDecided: { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly reason: string } | null;
}

/** The facts the register folds (a subset of Fact, kept structural so the core's fact union stays the one source). */
export type ViolationFact =
  | { readonly type: 'violationRecorded'; readonly seq: number; readonly at: Instant; readonly who: StaffId; readonly rule: ViolationRule; readonly on: Instant; readonly evidence: readonly number[]; readonly sanction: Sanction; readonly by: StaffId; readonly note?: string }
  | { readonly type: 'appealFiled'; readonly seq: number; readonly at: Instant; readonly violation: number; readonly by: StaffId; readonly grounds: string }
  | { readonly type: 'appealDecided'; readonly seq: number; readonly at: Instant; readonly violation: number; readonly by: StaffId; readonly upheld: boolean; readonly reason: string };

export class ViolationRegister {
  readonly byId = new Map<number, Violation>();
  private readonly byPerson = new Map<StaffId, Violation[]>();

  apply(fact: ViolationFact): void {
    switch (fact.type) {
      case 'violationRecorded': {
        const v: Violation = { id: fact.seq, at: fact.at, who: fact.who, rule: fact.rule, on: fact.on, evidence: fact.evidence, sanction: fact.sanction, by: fact.by, note: fact.note ?? null, appeal: 'none', appealFiled: null, appealDecided: null };
        this.byId.set(v.id, v);
        const list = this.byPerson.get(v.who) ?? [];
        list.push(v);
        this.byPerson.set(v.who, list);
        return;
      }
      case 'appealFiled': {
        const v = this.byId.get(fact.violation);
        if (!v) return;
        v.appeal = 'filed';
        v.appealFiled = { seq: fact.seq, at: fact.at, grounds: fact.grounds };
        return;
      }
      case 'appealDecided': {
        const v = this.byId.get(fact.violation);
        if (!v) return;
        v.appeal = fact.upheld ? 'upheld' : 'overturned';
        v.appealDecided = { seq: fact.seq, at: fact.at, by: fact.by, reason: fact.reason };
        return;
      }
    }
  }

  /** ROT-14: the violation whose suspension keeps `who` off the queue at `now`, if any. */
  suspendedAt(who: StaffId, now: Instant): Violation | null {
    for (const v of this.byPerson.get(who) ?? []) if (suspensionEnd(v) > now && v.at <= now) return v;
    return null;
  }

  /** The latest end of a running or past violation suspension of `who` (for the roster). */
  suspendedUntil(who: StaffId): Instant | null {
    let until: Instant | null = null;
    for (const v of this.byPerson.get(who) ?? []) if (v.sanction.kind === 'suspension') until = Math.max(until ?? 0, suspensionEnd(v));
    return until;
  }

  of(who: StaffId): readonly Violation[] {
    return this.byPerson.get(who) ?? [];
  }

  all(): readonly Violation[] {
    return [...this.byId.values()];
  }
}

/** When a violation's suspension ends: its term, or the decision that overturned it on appeal. Not a suspension: at once. */
export function suspensionEnd(v: Violation): Instant {
  if (v.sanction.kind !== 'suspension') return v.at;
  if (v.appeal === 'overturned' && v.appealDecided) return Math.min(v.sanction.until, v.appealDecided.at);
  return v.sanction.until;
}

export type AppealRefusal = 'no_violation' | 'appeal_exists' | 'not_appealed' | 'appeal_decided' | 'not_theirs' | null;

/** Whether `by` may appeal violation `id` now: their own, once. */
export function canAppeal(register: ViolationRegister, id: number, by: StaffId): AppealRefusal {
  const v = register.byId.get(id);
  if (!v) return 'no_violation';
  if (v.who !== by) return 'not_theirs';
  if (v.appeal !== 'none') return 'appeal_exists';
  return null;
}

/** Whether the appeal of violation `id` may be decided now: filed and not decided. */
export function canDecideAppeal(register: ViolationRegister, id: number): AppealRefusal {
  const v = register.byId.get(id);
  if (!v) return 'no_violation';
  if (v.appeal === 'none') return 'not_appealed';
  if (v.appeal !== 'filed') return 'appeal_decided';
  return null;
}
