// PEN-1, ROT-14: the commands of the violation register. The manager records a violation (person, office
// rule, date, evidence as record seqs, sanction); a suspension runs `days` from the recording and the
// rotation obeys it; the person appeals once; the manager decides, and an overturned suspension ends then.
import type { Engine } from '../core/engine.ts';
import type { Fact, Role, StaffId } from '../core/facts.ts';
import { reason, type Reason } from '../core/reasons.ts';
import { DAY_MS, type Instant } from '../core/time.ts';
import { canAppeal, canDecideAppeal, type Sanction } from '../core/violation.rules.ts';
import type { Command, RefusalCode } from './commands.ts';

type ViolationCommand = Extract<Command, { do: 'recordViolation' | 'appeal' | 'decideAppeal' }>;

export interface ViolationDecision {
  readonly fact: Fact;
  readonly reasons: readonly Reason[];
}

/**
 * Decides one violation-register command. `actor` and `refuse` are the handlers' own (who may act, and how
 * a refusal is thrown), so the same checks and refusals apply as to every other command.
 */
export function decideViolation(
  engine: Engine,
  c: ViolationCommand,
  now: Instant,
  actor: (engine: Engine, who: StaffId, roles?: readonly Role[]) => StaffId,
  refuse: (code: RefusalCode, message: string) => never,
): ViolationDecision {
  const at = now;
  switch (c.do) {
    case 'recordViolation': {
      actor(engine, c.by, ['manager']);
      actor(engine, c.who);
      const on = c.on ?? now;
      if (on > now) refuse('invalid_input', 'a violation cannot be dated in the future');
      for (const seq of c.evidence) if (!(seq >= 1 && seq <= engine.lastSeq)) refuse('invalid_input', `evidence #${seq} is not a recorded fact`);
      if (c.sanction.kind === 'suspension' && engine.staff.get(c.who)?.role !== 'consultant') refuse('wrong_role', 'a suspension from the queue is for a consultant (ROT-14)');
      const sanction: Sanction = c.sanction.kind === 'suspension' ? { kind: 'suspension', days: c.sanction.days, until: now + c.sanction.days * DAY_MS } : c.sanction;
      const fact: Fact = { type: 'violationRecorded', at, who: c.who, rule: c.rule, on, evidence: [...c.evidence], sanction, by: c.by, ...(c.note ? { note: c.note } : {}) };
      const words = sanction.kind === 'suspension' ? `${c.who} receives no new parties for ${sanction.days} days` : sanction.kind === 'fine' ? `${c.who} is fined ${sanction.amount} yuan` : `${c.who} is warned`;
      return { fact, reasons: [reason('PEN-1', 'violationRecorded', `a ${c.rule} violation recorded against ${c.who}: ${words}`, { who: c.who, sanction: sanction.kind, evidence: c.evidence.join(', ') })] };
    }
    case 'appeal': {
      actor(engine, c.by);
      const problem = canAppeal(engine.violations, c.violation, c.by);
      if (problem === 'no_violation') refuse('unknown_violation', `no violation #${c.violation}`);
      if (problem === 'not_theirs') refuse('invalid_input', `violation #${c.violation} is not ${c.by}'s to appeal`);
      if (problem) refuse('appeal_exists', `violation #${c.violation} is already appealed`);
      if (c.grounds.trim() === '') refuse('invalid_input', 'an appeal gives its grounds');
      return { fact: { type: 'appealFiled', at, violation: c.violation, by: c.by, grounds: c.grounds }, reasons: [reason('PEN-1', 'appealFiled', `${c.by} appealed violation #${c.violation}`, { violation: c.violation })] };
    }
    case 'decideAppeal': {
      actor(engine, c.by, ['manager']);
      const problem = canDecideAppeal(engine.violations, c.violation);
      if (problem === 'no_violation') refuse('unknown_violation', `no violation #${c.violation}`);
      if (problem) refuse('appeal_not_open', `violation #${c.violation} has no open appeal`);
      if (c.reason.trim() === '') refuse('invalid_input', 'a decision gives its reason');
      const words = c.upheld ? `the sanction of violation #${c.violation} stands` : `violation #${c.violation} is overturned: its sanction ends now`;
      return { fact: { type: 'appealDecided', at, violation: c.violation, by: c.by, upheld: c.upheld, reason: c.reason }, reasons: [reason('PEN-1', c.upheld ? 'appealUpheld' : 'appealOverturned', words, { violation: c.violation })] };
    }
  }
}
