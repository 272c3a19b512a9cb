// The command a recorded fact answered: the inverse of `decide` for the command's own fields. A what-if
// re-executes a log through `decide` with these, so every answer that depends on the policy (reception,
// registration validity, report acceptance, credit, dispute timeliness) is decided again, not copied.
import { followUpNote, REGISTER_DETAIL_FIELDS, type Fact, type RegisterDetails } from '../core/facts.ts';
import type { Command, RegisterHygieneInput } from './commands.ts';

/**
 * The command whose decision recorded `fact`, with the fields people gave (phones as recorded: already
 * normalised, which normalising again leaves as they are). The answer fields of the fact (reception,
 * channel, designee, valid, accepted, credit, until) are left out: deciding the command gives them again.
 * Null for a fact no command records (SEC-5 erasure is the store's own act).
 */
export function commandOfFact(fact: Fact): Command | null {
  switch (fact.type) {
    case 'staffJoined':
      return { do: 'addStaff', staff: fact.staff };
    case 'brokerListed':
      return { do: 'addBroker', broker: fact.broker };
    case 'unitListed':
      return { do: 'addUnit', unit: fact.unit, ...defined({ by: fact.by }) };
    case 'unitsImported':
      return { do: 'importUnits', units: [...fact.added, ...fact.edited], ...defined({ by: fact.by }), file: fact.file };
    case 'unitEdited':
      return { do: 'editUnit', unit: fact.unit, by: fact.by, ...defined({ reason: fact.reason }) };
    case 'unitWithdrawn':
      return { do: 'withdrawUnit', unit: fact.unit, by: fact.by, reason: fact.reason };
    case 'unitHeld':
      return { do: 'hold', unit: fact.unit, by: fact.by, reason: fact.reason };
    case 'unitReleased':
      return { do: 'release', unit: fact.unit, by: fact.by, ...defined({ reason: fact.reason }) };
    case 'policySet':
      return { do: 'setPolicy', policy: fact.policy, ...defined({ by: fact.by }) };
    case 'signedIn':
      return { do: 'signIn', who: fact.who };
    case 'signedOut':
      return { do: 'signOut', who: fact.who };
    case 'wentAway':
      return { do: 'away', who: fact.who, reason: fact.reason };
    case 'cameBack':
      return { do: 'back', who: fact.who };
    case 'partyArrived':
      return {
        do: 'arrive',
        ...defined({ phone: fact.phone, name: fact.name, plate: fact.plate, asksFor: fact.asksFor, broker: fact.broker, referrer: fact.referrer, referredBy: fact.referredBy, escortOf: fact.escortOf }),
        ...(fact.nonCustomer ? { nonCustomer: true } : {}),
      };
    case 'receptionEnded':
      return { do: 'done', who: fact.who };
    case 'partyReclassified':
      return { do: 'reclassify', who: fact.who };
    case 'turnDeclined':
      return { do: 'decline', who: fact.who };
    case 'registered':
      if (fact.imported) return importedCommandOf(fact);
      return {
        do: 'register',
        by: fact.by,
        via: fact.via,
        ...defined({ phone: fact.phone, name: fact.name, gender: fact.gender, needs: fact.needs, plate: fact.plate, for: fact.for }),
        ...(fact.brochureOnly ? { brochureOnly: true } : {}),
        ...registerDetailsOf(fact),
        ...registerHygieneOf(fact),
      };
    case 'followedUp':
      if (fact.imported) return importedCommandOf(fact);
      return { do: 'followUp', by: fact.by, phone: fact.phone, reached: fact.reached, via: fact.via, ...followUpNote(fact) };
    case 'familyLinked':
      return { do: 'link', phone: fact.phone, to: fact.to, relation: fact.relation, ...(fact.confirmedBy !== undefined ? { by: fact.confirmedBy } : {}) };
    case 'recordsMerged':
      return { do: 'merge', phone: fact.phone, into: fact.into };
    case 'departed':
      return { do: 'depart', who: fact.who, ...defined({ transferTo: fact.transferTo }) };
    case 'reassigned':
      return { do: 'reassign', phone: fact.phone, to: fact.to, by: fact.by, ...defined({ reason: fact.reason }) };
    case 'suspended':
      return { do: 'suspend', who: fact.who, days: fact.days };
    case 'reported':
      return { do: 'report', broker: fact.broker, phone: fact.phone, ...defined({ name: fact.name, expectedAt: fact.expectedAt }) };
    case 'ordered':
      return { do: 'deal', phone: fact.phone, unit: fact.unit, by: fact.by, stage: fact.stage, ...defined({ amount: fact.amount }) };
    case 'orderEnded':
      return { do: 'refund', unit: fact.unit, by: fact.by, reason: fact.reason, end: fact.end };
    case 'orderSwapped':
      return { do: 'swap', unit: fact.unit, to: fact.to, by: fact.by, ...defined({ reason: fact.reason }) };
    case 'buyerChanged':
      return { do: 'changeBuyer', unit: fact.unit, by: fact.by, change: fact.change, name: fact.name, reason: fact.reason };
    case 'disputed':
      return { do: 'dispute', unit: fact.unit, by: fact.by, ...defined({ phone: fact.phone }) };
    case 'disputeResolved':
      // An override is the manager's own decision, kept as made; a confirmation is decided again from the records.
      return { do: 'resolve', unit: fact.unit, by: fact.by, ...(fact.overridden ? { override: { credit: fact.credit, reason: fact.reason ?? '' } } : {}) };
    case 'queueReordered':
      return { do: 'reorder', by: fact.by, order: fact.order, reason: fact.reason };
    case 'outOfTurn':
      return { do: 'outOfTurn', who: fact.who, by: fact.by };
    // ---- the broker side (CH-1..8) ----
    case 'brokerApplied':
      return { do: 'applyBroker', broker: fact.broker, ...defined({ by: fact.by }) };
    case 'brokerApproved':
      return { do: 'approveBroker', broker: fact.broker, by: fact.by };
    case 'brokerRejected':
      return { do: 'rejectBroker', broker: fact.broker, by: fact.by, reason: fact.reason };
    case 'partyLeft':
      return { do: 'leave', arrival: fact.arrival, by: fact.by };
    case 'viewingConfirmed':
      return { do: 'confirmViewing', arrival: fact.arrival, by: fact.by, customerConfirmed: true };
    case 'confirmationRefused':
      return { do: 'refuseConfirmation', arrival: fact.arrival, by: fact.by, reason: fact.reason };
    case 'fakeCustomerMarked':
      return { do: 'markFake', arrival: fact.arrival, by: fact.by, reason: fact.reason };
    case 'manualCheckDecided':
      return { do: 'decideManualCheck', ref: fact.ref, by: fact.by, recognised: fact.recognised, reason: fact.reason, ...defined({ phone: fact.phone }) };
    case 'personalDataErased':
      return null;
    // office: the violation register; a suspension is given again in days from the fact's own instant
    case 'violationRecorded':
      return {
        do: 'recordViolation',
        who: fact.who,
        rule: fact.rule,
        on: fact.on,
        evidence: fact.evidence,
        sanction: fact.sanction.kind === 'suspension' ? { kind: 'suspension', days: fact.sanction.days } : fact.sanction,
        by: fact.by,
        ...defined({ note: fact.note }),
      };
    case 'appealFiled':
      return { do: 'appeal', violation: fact.violation, by: fact.by, grounds: fact.grounds };
    case 'appealDecided':
      return { do: 'decideAppeal', violation: fact.violation, by: fact.by, upheld: fact.upheld, reason: fact.reason };
    case 'lateEntryDecided':
      return { do: 'decideLateEntry', entry: fact.entry, by: fact.by, approved: fact.approved, ...defined({ reason: fact.reason }) };
    case 'entryIdentified':
      return { do: 'identify', entry: fact.entry, by: fact.by, phone: fact.phone };
    // ownership-rules: the turn (OWN-9) and the register (OWN-13) are decided again
    case 'introducedAssigned':
      return { do: 'assignIntroduced', phone: fact.phone, source: fact.source, by: fact.by, ...defined({ name: fact.name }) };
    case 'registerFrozen':
      return { do: 'freezeRegister', by: fact.by, ...defined({ note: fact.note }) };
    case 'alertRead':
      return { do: 'markAlertRead', who: fact.who, arrival: fact.arrival };
  }
}

/** The fields that have a value: a command never carries `undefined`, as the handlers' facts never do. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** REG-3's further fields as the entry recorded them (budget a number, the rest text). */
function registerDetailsOf(fact: RegisterDetails): RegisterDetails {
  const out: Record<string, string | number> = {};
  for (const field of REGISTER_DETAIL_FIELDS) {
    const value = fact[field];
    if (value !== undefined) out[field] = value;
  }
  return out as RegisterDetails;
}

/** Register hygiene (issue 12.2): what the entry said about itself, as the command gave it. */
function registerHygieneOf(fact: Extract<Fact, { type: 'registered' }>): RegisterHygieneInput {
  return {
    ...defined({ corrects: fact.corrects, visitedAt: fact.late?.visitedAt, group: fact.group, appearance: fact.appearance, referrer: fact.referrer }),
    ...(fact.outreach ? { outreach: { site: fact.outreach.site, ...(fact.outreach.smsAt !== null ? { smsAt: fact.outreach.smsAt } : {}) } } : {}),
  };
}

/** Issue 11.4: an imported entry goes back to the import command the manager approved (its own time kept). */
function importedCommandOf(fact: Extract<Fact, { type: 'registered' | 'followedUp' }>): Command | null {
  const mark = fact.imported;
  if (!mark || fact.phone === undefined) return null;
  const base = { at: mark.at, phone: fact.phone, consultant: fact.by };
  const entry =
    fact.type === 'followedUp'
      ? { kind: 'followUp' as const, ...base, via: fact.via, reached: fact.reached, ...defined({ said: fact.said }) }
      : { kind: fact.via, ...base, ...defined({ name: fact.name, gender: fact.gender, needs: fact.needs, plate: fact.plate }), ...registerDetailsOf(fact) };
  return { do: 'importEntry', by: mark.approvedBy, batch: mark.batch, row: mark.row, entry };
}
