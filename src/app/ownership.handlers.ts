// The ownership rules' own commands (issue 12 item 3, RISK-2): the manager gives an introduced customer to
// whoever's turn it is (OWN-9), freezes the valid customer register before an opening (OWN-13), and an owner
// marks an arrival alert read (RISK-2). Each records one fact; the turn and the register are decided here,
// under the project's lock, so two managers pressing at once are decided once.
import type { Engine } from '../core/engine.ts';
import type { Fact, Role, StaffId } from '../core/facts.ts';
import { introducedTurn } from '../core/introduced.rules.ts';
import { normalisePhone, type PhoneKey } from '../core/phone.ts';
import { reason, type Reason } from '../core/reasons.ts';
import type { Instant } from '../core/time.ts';
import type { Command, RefusalCode } from './commands.ts';

type OwnershipCommand = Extract<Command, { do: 'assignIntroduced' | 'freezeRegister' | 'markAlertRead' }>;

export interface OwnershipCommandDecision {
  readonly fact: Fact;
  readonly reasons: readonly Reason[];
  readonly ownershipOf?: PhoneKey;
  /** OWN-9: the consultant given the customer. */
  readonly receiver?: StaffId;
}

type Actor = (engine: Engine, who: StaffId, roles?: readonly Role[]) => StaffId;
type Refuse = (code: RefusalCode, message: string, reasons?: readonly Reason[]) => never;

/** Consultants who can be given a customer now, in roster order: not departed, not suspended (ROT-14). */
export function introducedEligible(engine: Engine, now: Instant): StaffId[] {
  return [...engine.staff.values()].filter((s) => s.role === 'consultant' && !engine.departed.has(s.id) && !engine.isSuspended(s.id, now)).map((s) => s.id);
}

/** Whose turn the next introduced customer is (OWN-9), as the manager's screen shows it before assigning. */
export function nextIntroduced(engine: Engine, now: Instant) {
  return introducedTurn(introducedEligible(engine, now), engine.introduced);
}

export function decideOwnershipCommand(engine: Engine, c: OwnershipCommand, now: Instant, actor: Actor, refuse: Refuse): OwnershipCommandDecision {
  const at = now;
  switch (c.do) {
    case 'assignIntroduced': {
      actor(engine, c.by, ['manager']);
      const phone = normalisePhone(c.phone);
      if (phone === null) refuse('invalid_phone', `"${c.phone}" is not a valid phone number`);
      const source = c.source.trim();
      if (source === '') refuse('invalid_input', 'an introduced customer names who introduced them (OWN-9)');
      const standing = engine.ownership(phone, now);
      if (standing.owner !== null) refuse('customer_owned', `the customer is ${standing.owner}'s, protected until the records say otherwise: not the company's to give (OWN-1, OWN-9)`, standing.reasons);
      const turn = nextIntroduced(engine, now);
      if (turn === null) refuse('no_consultant_free', 'no consultant can take a customer now (all departed or suspended)');
      const rate = engine.policy.ownership.companyAssignedRate;
      const name = c.name?.trim();
      return {
        fact: { type: 'introducedAssigned', at, phone, ...(name ? { name } : {}), to: turn.who, by: c.by, source, rate },
        reasons: [turn.reason],
        ownershipOf: phone,
        receiver: turn.who,
      };
    }
    case 'freezeRegister': {
      actor(engine, c.by, ['manager']);
      const entries: { phone: PhoneKey; owner: StaffId }[] = [];
      for (const key of engine.customers.keys()) {
        const owner = engine.ownership(key, now).owner;
        if (owner !== null) entries.push({ phone: key, owner });
      }
      const note = c.note?.trim();
      return {
        fact: { type: 'registerFrozen', at, by: c.by, entries, ...(note ? { note } : {}) },
        reasons: [reason('OWN-13', 'registerFrozen', `${c.by} froze the valid customer register: ${entries.length} customers with their owners; disputes about them follow it`, { by: c.by, count: entries.length })],
      };
    }
    case 'markAlertRead': {
      actor(engine, c.who);
      const arrival = engine.arrivals.get(c.arrival);
      const owner = arrival ? engine.ownership(arrival.phone, arrival.at).owner : null;
      if (!arrival || owner !== c.who) refuse('not_an_alert', `#${c.arrival} is not an arrival ${c.who} was alerted to (RISK-2)`);
      if (engine.alertsRead.get(c.who)?.has(c.arrival)) refuse('already_decided', `${c.who} already read alert #${c.arrival}`);
      return { fact: { type: 'alertRead', at, who: c.who, arrival: c.arrival }, reasons: [reason('RISK-2', 'alertRead', `${c.who} read the alert of arrival #${c.arrival}`, { who: c.who, arrival: c.arrival })] };
    }
  }
}
