// Command handlers: validate a command against what is recorded, ask the rules for the decision, append
// the fact. The scenario runner and the server both go through `execute`; nothing else writes facts.
import { judgeArrivalChannel, judgeReport, type ReportRecord } from '../core/channel.rules.ts';
import { creditFor, judgeDispute, judgeOrder, openDispute, POOL, type Credit, type Order } from '../core/deal.rules.ts';
import { surnameOf, type Engine } from '../core/engine.ts';
import { followUpNote, type Fact, type Recorded, type Role, type StaffId, type StaffMember, type Unit } from '../core/facts.ts';
import { linkConsent } from '../core/family-link.rules.ts';
import { followUpEffect, noteProblem } from '../core/follow-up.rules.ts';
import { maskPhone, normaliseMask, normalisePhone, type PhoneKey } from '../core/phone.ts';
import { reason, type Reason } from '../core/reasons.ts';
import { judgeRegistration } from '../core/registration.rules.ts';
import { decideReception, isPermutationOfQueue, type Floor, type FloorContext, type PartyFacts } from '../core/rotation.rules.ts';
import { DAY_MS, type Instant } from '../core/time.ts';
import { channelCommand } from './channel.handlers.ts';
import { PROBE_LIMIT, PROBE_WINDOW_MS } from '../core/channel.rules.ts';
import type { Answer, Command, Outcome, Refusal, RefusalCode, RegisterDetails } from './commands.ts';
import { decideViolation } from './violation.handlers.ts';
import { decideLateEntry, entryHygiene, identifyEntry, type HandlerKit } from './register-hygiene.handlers.ts';
import { decideOwnershipCommand } from './ownership.handlers.ts';
import { frozenOwner } from '../core/frozen-register.rules.ts';
import { decideImportEntry } from './import.handlers.ts';

/** Where facts go. The in-memory store, SQLite and PostgreSQL each provide one; `append` also folds the fact into `engine`. */
export interface Office {
  readonly engine: Engine;
  append(fact: Fact): Recorded;
}

/** The one fact a command records and what the office is told. `ownershipOf`: add that customer's ownership reasons once recorded. */
export interface Decision {
  readonly fact: Fact;
  readonly answer: Answer;
  readonly ownershipOf?: PhoneKey;
}

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function refuse(code: RefusalCode, message: string, reasons?: readonly Reason[]): never {
  throw new Refused({ code, message, ...(reasons ? { reasons } : {}) });
}

/** Runs one command at `now`: decide, then append the fact. Refusals are values: a refused command records nothing. */
export function execute(office: Office, command: Command, now: Instant): Outcome {
  const decided = decide(office.engine, command, now);
  if (!decided.ok) return decided;
  office.append(decided.decision.fact);
  return { ok: true, answer: explained(office.engine, decided.decision, now) };
}

/** The answer with the customer's ownership as it stands once the fact is recorded (OWN-15). */
export function explained(engine: Engine, decision: Decision, now: Instant): Answer {
  if (!decision.ownershipOf) return decision.answer;
  return { ...decision.answer, reasons: [...decision.answer.reasons, ...engine.ownership(decision.ownershipOf, now).reasons] };
}

/**
 * Decides a command against the engine's current state without recording anything, so that a store can
 * decide and append inside one transaction (the server) or simply append (the in-memory office).
 */
export function decide(engine: Engine, command: Command, now: Instant): { ok: true; decision: Decision } | { ok: false; refusal: Refusal } {
  try {
    if (now < engine.lastAt) refuse('time_backwards', 'time goes backwards: facts are recorded in time order');
    return { ok: true, decision: handle(engine, command, now) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    throw e;
  }
}

function handle(engine: Engine, c: Command, now: Instant): Decision {
  // The floor the command meets: on a new day an empty one, which only the appended fact makes the stored floor.
  const floor = engine.floorAt(now);
  const at = now;

  switch (c.do) {
    case 'signIn':
      actor(engine, c.who, ['consultant']);
      return { fact: { type: 'signedIn', at, who: c.who }, answer: { reasons: [reason('ROT-1', 'signedIn', `${c.who} joins today's queue at the tail`)] } };
    case 'signOut':
      actor(engine, c.who);
      onFloor(floor, c.who);
      return { fact: { type: 'signedOut', at, who: c.who }, answer: { reasons: [] } };
    case 'away':
      actor(engine, c.who);
      onFloor(floor, c.who);
      return { fact: { type: 'wentAway', at, who: c.who, reason: c.reason }, answer: { reasons: [reason(c.reason === 'private' ? 'ROT-5' : 'ROT-6', 'away', `${c.who} is away (${c.reason})`)] } };
    case 'back': {
      actor(engine, c.who);
      if (!floor.seats.get(onFloor(floor, c.who))?.away) refuse('not_away', `${c.who} is not away`);
      return { fact: { type: 'cameBack', at, who: c.who }, answer: { reasons: [] } };
    }
    case 'done':
      actor(engine, c.who);
      if (!floor.seats.get(onFloor(floor, c.who))?.receiving) refuse('not_receiving', `${c.who} is not receiving anyone`);
      return { fact: { type: 'receptionEnded', at, who: c.who }, answer: { reasons: [] } };
    case 'reclassify':
      actor(engine, c.who);
      if (!floor.seats.get(onFloor(floor, c.who))?.receiving) refuse('not_receiving', `${c.who} is not receiving anyone`);
      return { fact: { type: 'partyReclassified', at, who: c.who }, answer: { reasons: [reason('ROT-3', 'reclassified', 'not a customer after all: a turn taken for it is made up')] } };
    case 'decline':
      return decline(engine, floor, c.who, now);
    case 'arrive':
      return arrive(engine, floor, c, now);
    case 'register':
      return register(engine, c, now);
    case 'followUp': {
      actor(engine, c.by);
      const phone = phoneOf(c.phone);
      const via = c.via ?? 'call';
      // The B级卡's content (issue 16.2): what was said, the intent, the next step and its day.
      const note = followUpNote(c);
      const problem = note ? noteProblem(note) : null;
      if (problem) refuse('invalid_input', problem);
      // 细则 四.2: the consultant a customer was given to makes it theirs with this contact, as if already the owner.
      const standing = engine.ownership(phone, now);
      const effect = followUpEffect(engine.policy, standing.owner ?? standing.pendingFor, c.by, c.reached, via);
      return {
        fact: { type: 'followedUp', at, by: c.by, phone, reached: c.reached, via, ...note },
        answer: { extends: effect.extends, reasons: [effect.reason] },
        ownershipOf: phone,
      };
    }
    case 'link': {
      const phone = phoneOf(c.phone);
      const to = phoneOf(c.to);
      if (phone === to) refuse('invalid_input', 'a customer cannot be linked to themself');
      const by = c.by === undefined ? null : { id: actor(engine, c.by), role: (engine.staff.get(c.by) as StaffMember).role };
      const standing = (key: PhoneKey) => ({ owner: engine.ownership(key, now).owner, broker: engine.channel(key, now)?.broker ?? null });
      const consent = linkConsent(standing(phone), standing(to), by);
      if (!consent.ok) refuse('link_needs_confirmation', 'this family link would change who owns a customer: the manager must make it (OWN-7)', consent.reasons);
      const confirmed = consent.confirmedBy !== undefined ? { confirmedBy: consent.confirmedBy } : {};
      return { fact: { type: 'familyLinked', at, phone, to, relation: c.relation, ...confirmed }, answer: { reasons: consent.confirmedBy !== undefined ? [reason('OWN-7', 'familyLinkConfirmed', `the manager ${consent.confirmedBy} made the link`, { by: consent.confirmedBy })] : [] }, ownershipOf: phone };
    }
    case 'merge': {
      const phone = phoneOf(c.phone);
      const into = phoneOf(c.into);
      if (phone === into) refuse('invalid_input', 'a record cannot be merged into itself');
      return { fact: { type: 'recordsMerged', at, phone, into }, answer: { reasons: [] }, ownershipOf: into };
    }
    case 'depart':
      actor(engine, c.who);
      if (c.transferTo !== undefined && c.transferTo.trim() === '') refuse('invalid_input', 'a transfer names the office the consultant moves to');
      return {
        fact: { type: 'departed', at, who: c.who, ...(c.transferTo ? { transferTo: c.transferTo } : {}) },
        answer: { reasons: [reason('OWN-10', c.transferTo ? 'transferred' : 'departed', c.transferTo ? `${c.who} moved to ${c.transferTo}: their customers here go to the public pool and their access here ends` : `${c.who} left: their customers go to the public pool and their access ends (SEC-4)`, { who: c.who })] },
      };
    case 'reassign': {
      actor(engine, c.by, ['manager']);
      actor(engine, c.to, ['consultant']);
      const phone = phoneOf(c.phone);
      return { fact: { type: 'reassigned', at, phone, to: c.to, by: c.by, ...(c.reason ? { reason: c.reason } : {}) }, answer: { reasons: [] }, ownershipOf: phone };
    }
    case 'suspend': {
      actor(engine, c.who, ['consultant']);
      if (!(c.days > 0)) refuse('invalid_input', 'a suspension lasts a positive number of days');
      return { fact: { type: 'suspended', at, who: c.who, days: c.days, until: now + c.days * DAY_MS }, answer: { reasons: [reason('ROT-14', 'suspended', `${c.who} receives no new parties for ${c.days} days`)] } };
    }
    case 'report':
      return report(engine, c, now);
    // ---- the broker side (CH-1, CH-2, CH-6..8): channel.handlers.ts ----
    case 'applyBroker':
    case 'approveBroker':
    case 'rejectBroker':
    case 'leave':
    case 'confirmViewing':
    case 'refuseConfirmation':
    case 'markFake':
    case 'decideManualCheck':
      return channelCommand(engine, c, now);
    case 'deal':
      return deal(engine, c, now);
    case 'refund': {
      actor(engine, c.by, ['consultant', 'manager', 'supervisor']);
      const order = liveOrder(engine, c.unit);
      if (c.reason.trim() === '') refuse('invalid_input', 'a refund or default needs a reason (DEAL-2)');
      const end = c.end ?? 'refund';
      return {
        fact: { type: 'orderEnded', at, unit: c.unit, by: c.by, end, reason: c.reason },
        answer: { reasons: [reason('DEAL-2', end === 'refund' ? 'orderRefunded' : 'orderDefaulted', `the order on unit ${c.unit} ends (${end}): the unit is for sale again and the order's credit is void`, { unit: c.unit, stage: order.stage })] },
      };
    }
    case 'swap':
      return swap(engine, c, now);
    case 'changeBuyer': {
      actor(engine, c.by, ['consultant', 'manager', 'supervisor']);
      const order = liveOrder(engine, c.unit);
      if (c.name.trim() === '' || c.reason.trim() === '') refuse('invalid_input', 'a name change needs the new name and a reason (DEAL-2)');
      return {
        fact: { type: 'buyerChanged', at, unit: c.unit, phone: order.phone, by: c.by, change: c.change, name: c.name.trim(), reason: c.reason },
        answer: { reasons: [reason('DEAL-2', c.change === 'rename' ? 'buyerRenamed' : 'buyerAdded', `the buyer on unit ${c.unit} is ${c.change === 'rename' ? 'changed' : 'joined by another name'}: ${c.reason}`, { unit: c.unit })] },
      };
    }
    case 'dispute': {
      actor(engine, c.by);
      knownUnit(engine, c.unit);
      const phone = c.phone !== undefined ? phoneOf(c.phone) : undefined;
      const judged = judgeDispute(engine.policy, engine.orders.get(c.unit), c.by, now);
      return { fact: { type: 'disputed', at, unit: c.unit, by: c.by, ...(phone ? { phone } : {}), accepted: judged.accepted }, answer: { accepted: judged.accepted, reasons: judged.reasons } };
    }
    case 'resolve':
      return resolve(engine, c, now);
    case 'hold': {
      actor(engine, c.by, ['manager']);
      knownUnit(engine, c.unit);
      if (c.reason.trim() === '') refuse('invalid_input', 'a hold needs a reason (DEAL-1)');
      if (engine.orders.has(c.unit)) refuse('unit_sold', `unit ${c.unit} holds a live order and cannot be held`);
      if (engine.withdrawn.has(c.unit)) refuse('unit_withdrawn', `unit ${c.unit} is withdrawn from sale`);
      if (engine.holds.has(c.unit)) refuse('unit_held', `unit ${c.unit} is already held`);
      return { fact: { type: 'unitHeld', at, unit: c.unit, by: c.by, reason: c.reason }, answer: { reasons: [reason('DEAL-1', 'unitHeldBy', `${c.by} holds unit ${c.unit} back from sale: ${c.reason}`, { unit: c.unit, by: c.by })] } };
    }
    case 'release':
      actor(engine, c.by, ['manager']);
      knownUnit(engine, c.unit);
      // A withdrawn unit is put back on sale the same way as a held one.
      if (!engine.holds.has(c.unit) && !engine.withdrawn.has(c.unit)) refuse('unit_not_held', `unit ${c.unit} is neither held nor withdrawn`);
      return { fact: { type: 'unitReleased', at, unit: c.unit, by: c.by, ...(c.reason ? { reason: c.reason } : {}) }, answer: { reasons: [reason('DEAL-1', 'unitReleasedBy', `${c.by} released unit ${c.unit}: it is for sale again`, { unit: c.unit, by: c.by })] } };
    case 'reorder': {
      actor(engine, c.by, ['manager', 'supervisor']);
      if (!isPermutationOfQueue(floor, c.order)) refuse('invalid_input', `the new order must list exactly today's queue: ${floor.queue.join(', ')}`);
      if (c.reason.trim() === '') refuse('invalid_input', 'a reorder needs a reason (ROT-1)');
      return { fact: { type: 'queueReordered', at, by: c.by, order: [...c.order], reason: c.reason }, answer: { reasons: [reason('ROT-1', 'reordered', `${c.by} reordered the queue: ${c.reason}`)] } };
    }
    case 'outOfTurn': {
      actor(engine, c.by, ['manager', 'supervisor']);
      actor(engine, c.who, ['consultant']);
      if (!engine.staff.get(c.who)?.team) refuse('invalid_input', `${c.who} belongs to no team`);
      return { fact: { type: 'outOfTurn', at, who: c.who, by: c.by }, answer: { reasons: [reason('ROT-13', 'outOfTurn', `${c.who}'s team engaged a party out of turn and loses tomorrow's turn`)] } };
    }
    case 'addStaff':
      if (engine.staff.has(c.staff.id)) refuse('already_exists', `staff "${c.staff.id}" already exists`);
      return { fact: { type: 'staffJoined', at, staff: c.staff }, answer: { reasons: [] } };
    case 'addBroker':
      if (engine.brokers.has(c.broker.id)) refuse('already_exists', `broker "${c.broker.id}" already exists`);
      return { fact: { type: 'brokerListed', at, broker: c.broker }, answer: { reasons: [] } };
    case 'addUnit':
      if (c.by !== undefined) actor(engine, c.by, ['manager']);
      if (engine.units.has(c.unit.id)) refuse('already_exists', `unit "${c.unit.id}" already exists`);
      return { fact: { type: 'unitListed', at, unit: c.unit, ...(c.by ? { by: c.by } : {}) }, answer: { reasons: [] } };
    case 'importUnits': {
      // An admin setting an office up imports with no staff id (like addUnit and setPolicy).
      if (c.by !== undefined) actor(engine, c.by, ['manager']);
      const seen = new Set<string>();
      const added: Unit[] = [];
      const edited: Unit[] = [];
      for (const unit of c.units) {
        if (seen.has(unit.id)) refuse('invalid_input', `unit "${unit.id}" appears twice in the import`);
        seen.add(unit.id);
        const known = engine.units.get(unit.id);
        if (!known) added.push(unit);
        else if (!sameUnit(known, unit)) edited.push(unit);
      }
      if (added.length + edited.length === 0) refuse('invalid_input', 'the import changes nothing: every unit is already as listed');
      return {
        fact: { type: 'unitsImported', at, added, edited, ...(c.by ? { by: c.by } : {}), file: c.file },
        answer: { reasons: [reason('DEAL-1', 'unitsImported', `${added.length} units added and ${edited.length} changed from ${c.file}`, { added: added.length, edited: edited.length })] },
      };
    }
    case 'editUnit':
      actor(engine, c.by, ['manager']);
      knownUnit(engine, c.unit.id);
      return { fact: { type: 'unitEdited', at, unit: c.unit, by: c.by, ...(c.reason ? { reason: c.reason } : {}) }, answer: { reasons: [] } };
    case 'withdrawUnit':
      actor(engine, c.by, ['manager']);
      knownUnit(engine, c.unit);
      if (c.reason.trim() === '') refuse('invalid_input', 'withdrawing a unit needs a reason');
      if (engine.orders.has(c.unit)) refuse('unit_sold', `unit ${c.unit} holds a live order and cannot be withdrawn`);
      if (engine.withdrawn.has(c.unit)) refuse('unit_withdrawn', `unit ${c.unit} is already withdrawn`);
      return { fact: { type: 'unitWithdrawn', at, unit: c.unit, by: c.by, reason: c.reason }, answer: { reasons: [] } };
    // office: the violation register (PEN-1, ROT-14)
    case 'recordViolation':
    case 'appeal':
    case 'decideAppeal': {
      const decided = decideViolation(engine, c, now, actor, refuse);
      return { fact: decided.fact, answer: { reasons: decided.reasons } };
    }
    // register hygiene (issue 12.2): REG-5, REG-7
    case 'decideLateEntry':
      return decideLateEntry(engine, c, now, KIT);
    case 'identify':
      return identifyEntry(engine, c, now, KIT);
    case 'assignIntroduced':
    case 'freezeRegister':
    case 'markAlertRead': {
      const decided = decideOwnershipCommand(engine, c, now, actor, refuse);
      return { fact: decided.fact, answer: { ...(decided.receiver ? { receiver: decided.receiver } : {}), reasons: decided.reasons }, ...(decided.ownershipOf ? { ownershipOf: decided.ownershipOf } : {}) };
    }
    // register import (issue 11.4, REG-5)
    case 'importEntry': {
      const decided = decideImportEntry(engine, c, now, { actor, refuse, registerDetails });
      const phone = decided.fact.type === 'registered' || decided.fact.type === 'followedUp' ? decided.fact.phone : undefined;
      return { fact: decided.fact, answer: { ...(decided.valid !== undefined ? { valid: decided.valid } : {}), reasons: decided.reasons }, ...(phone ? { ownershipOf: phone } : {}) };
    }
    case 'setPolicy':
      if (c.by !== undefined) actor(engine, c.by, ['manager']);
      return { fact: { type: 'policySet', at, policy: c.policy, ...(c.by ? { by: c.by } : {}) }, answer: { reasons: [] } };
  }
}

/** The staff member must exist, must not have left (SEC-4), and must hold one of `roles` if given. */
function actor(engine: Engine, who: StaffId, roles?: readonly Role[]): StaffId {
  const member = engine.staff.get(who);
  if (!member) refuse('unknown_staff', `unknown staff "${who}"`);
  if (engine.departed.has(who)) refuse('departed', `${who} has left the company and can no longer act (SEC-4)`, [reason('SEC-4', 'departedActs', `${who} has left`)]);
  if (roles && !roles.includes(member.role)) refuse('wrong_role', `${who} is a ${member.role}; this needs a ${roles.join(' or ')}`);
  return who;
}

function onFloor(floor: Floor, who: StaffId): StaffId {
  if (!floor.seats.has(who)) refuse('not_signed_in', `${who} is not signed in today`);
  return who;
}

function phoneOf(input: string): PhoneKey {
  const phone = normalisePhone(input);
  if (phone === null) refuse('invalid_phone', `"${input}" is not a valid phone number`);
  return phone;
}

const KIT: HandlerKit = { actor, refuse, phoneOf };

function arrive(engine: Engine, floor: Floor, c: Extract<Command, { do: 'arrive' }>, now: Instant): Decision {
  const policy = engine.policy;
  let phone: PhoneKey | undefined = c.phone !== undefined ? phoneOf(c.phone) : undefined;
  const why: Reason[] = [];
  if (!phone && c.plate && c.name) {
    // REG-4: surname + car plate identify a customer who gives no phone.
    const found = engine.findByPlate(surnameOf(c.name) ?? '', c.plate);
    if (found) {
      phone = found;
      why.push(reason('REG-4', 'identifiedByPlate', 'identified by surname and car plate'));
    }
  }
  const broker = c.broker !== undefined ? engine.brokers.get(c.broker) : undefined;
  if (c.broker !== undefined && !broker) refuse('unknown_broker', `unknown broker "${c.broker}"`);
  const referrer = c.referrer !== undefined ? phoneOf(c.referrer) : undefined;
  if (c.referredBy !== undefined) actor(engine, c.referredBy);

  const ownership = phone && !c.nonCustomer ? engine.ownership(phone, now) : null;
  let designated: StaffId | null = null;
  if (c.asksFor !== undefined) {
    const named = engine.staff.get(c.asksFor);
    if (!named) refuse('unknown_staff', `unknown staff "${c.asksFor}"`);
    if (named.role !== 'consultant') refuse('wrong_role', `${c.asksFor} is not a consultant`);
    if (engine.departed.has(c.asksFor)) why.push(reason('ROT-12', 'namedDeparted', `the party asks for ${c.asksFor}, who has left: the queue decides`));
    else designated = c.asksFor;
  } else if (referrer && policy.ownership.referralDefault === 'referrerOwner') {
    const referrerOwner = engine.ownership(referrer, now).owner;
    if (referrerOwner) {
      designated = referrerOwner;
      why.push(reason('OWN-8', 'referrerOwner', `an old customer brought them: ${referrerOwner}, the old customer's consultant, receives (referrerOwner)`));
    }
  }
  // 细则 四.2: a customer the manager gave someone, who invited them in: that consultant receives, as designated.
  if (designated === null && ownership?.owner === null && ownership.pendingFor !== null && !engine.departed.has(ownership.pendingFor)) {
    designated = ownership.pendingFor;
    why.push(reason('OWN-10', 'pendingDesignated', `the manager gave the customer to ${designated}: ${designated} receives them, and owns them from this visit`, { who: designated }));
  }
  const party: PartyFacts = { nonCustomer: c.nonCustomer === true, owner: ownership?.owner ?? null, designated };
  if (ownership?.owner) why.push(...ownership.reasons);
  const decision = decideReception(floor, engine.floorContext, party, now);

  let channel: string | null = null;
  let manualCheck = false;
  // CH-10: an escort code admits once; the admission route checked the code against this report and broker.
  if (c.escortOf !== undefined) {
    if (!broker || !phone) refuse('invalid_input', 'an escort admission names the broker and the phone');
    if (engine.channelBook.escortUsed.has(c.escortOf)) refuse('escort_used', 'this escort code was already used at an arrival (CH-10)');
    why.push(reason('CH-10', 'escortProved', `${broker.id} brought the customer: escort code checked at the desk`, { broker: broker.id, report: c.escortOf }));
  }
  if (broker && phone) {
    const judged = judgeArrivalChannel(policy, broker, arrivalReports(engine, phone, c.name), now);
    channel = judged.channel;
    why.push(...judged.reasons);
    if (channel && policy.channel.reportNumber !== 'full' && (engine.customers.get(phone)?.reports.every((r) => r.broker !== channel) ?? true)) {
      // CH-8: a masked report that fits two known customers goes to the channel assistant.
      const mask = maskPhone(phone, policy.channel.reportNumber) ?? '';
      const others = engine.customersFittingMask(mask, policy.channel.reportNumber, surnameOf(c.name ?? engine.customers.get(phone)?.name)).filter((k) => k !== phone);
      if (others.length > 0) {
        channel = null;
        manualCheck = true;
        why.push(reason('CH-8', 'maskAmbiguous', `the masked report fits ${others.length + 1} customers: the channel assistant checks it by hand`));
      }
    }
  }

  const designee = decision.designee ?? (decision.as === 'designated' ? (decision.receiver ?? undefined) : undefined);
  const fact: Fact = {
    type: 'partyArrived',
    at: now,
    ...(phone ? { phone } : {}),
    ...(c.name ? { name: c.name } : {}),
    ...(c.plate ? { plate: c.plate } : {}),
    ...(c.asksFor ? { asksFor: c.asksFor } : {}),
    ...(c.nonCustomer ? { nonCustomer: true } : {}),
    ...(c.broker ? { broker: c.broker } : {}),
    ...(referrer ? { referrer } : {}),
    ...(c.referredBy ? { referredBy: c.referredBy } : {}),
    reception: { receiver: decision.receiver, as: decision.as, ...(decision.turnOf !== undefined ? { turnOf: decision.turnOf } : {}) },
    channel,
    ...(designee ? { designee } : {}),
    ...(c.escortOf !== undefined ? { escortOf: c.escortOf } : {}),
    ...(manualCheck ? { manualCheck: true as const } : {}),
  };
  return { fact, answer: { receiver: decision.receiver, as: decision.as, channel, reasons: [...why, ...decision.reasons] } };
}

/** The reports that could recognise this visit: the customer's own and, under CH-8, masked ones that fit. */
function arrivalReports(engine: Engine, phone: PhoneKey, name: string | undefined): ReportRecord[] {
  const file = engine.customers.get(phone);
  const own = file?.reports ?? [];
  const masked = engine.matchingMaskedReports(phone, name ?? file?.name ?? null);
  return masked.length === 0 ? own : [...own, ...masked].sort((a, b) => a.seq - b.seq);
}

function decline(engine: Engine, floor: Floor, who: StaffId, now: Instant): Decision {
  actor(engine, who);
  const seat = floor.seats.get(onFloor(floor, who));
  const as = seat?.receiving?.as;
  if (as !== 'turn' && as !== 'makeUp') refuse('not_receiving', `${who} is not receiving a party on their turn`);
  // ROT-4: the decliner forfeits the turn; the party goes to whoever is up without them.
  const base = engine.floorContext;
  const without: FloorContext = { policy: base.policy, isSuspended: (w, n) => w === who || base.isSuspended(w, n) };
  const decision = decideReception(floor, without, {}, now);
  return {
    fact: { type: 'turnDeclined', at: now, who, reception: { receiver: decision.receiver, as: decision.as, ...(decision.turnOf !== undefined ? { turnOf: decision.turnOf } : {}) } },
    answer: { receiver: decision.receiver, as: decision.as, reasons: [reason('ROT-4', 'declined', `${who} declined the party and forfeits the turn`), ...decision.reasons] },
  };
}

/** REG-3: the register's further fields, option fields checked against the office's lists; blanks dropped. */
function registerDetails(policy: Engine['policy'], c: RegisterDetails): RegisterDetails {
  const lists = { district: policy.registerOptions.districts, source: policy.registerOptions.sources, propertyType: policy.registerOptions.propertyTypes, grade: policy.registerOptions.grades } as const;
  const out: { -readonly [K in keyof RegisterDetails]: RegisterDetails[K] } = {};
  for (const field of ['address', 'units', 'carBrand', ...Object.keys(lists)] as const) {
    const value = c[field as keyof RegisterDetails];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const list = lists[field as keyof typeof lists] as readonly string[] | undefined;
    if (list && !list.includes(value.trim())) refuse('unknown_option', `"${value}" is not one of the office's ${field} options (${list.join(', ')})`);
    out[field as 'units'] = value.trim();
  }
  if (c.phone2 !== undefined && c.phone2.trim() !== '') out.phone2 = phoneOf(c.phone2);
  if (c.budget !== undefined) out.budget = c.budget;
  return out;
}

function register(engine: Engine, c: Extract<Command, { do: 'register' }>, now: Instant): Decision {
  const by = engine.staff.get(actor(engine, c.by));
  if (c.for !== undefined) actor(engine, c.for, ['consultant']);
  else if (by?.role !== 'consultant') refuse('wrong_role', `${c.by} is a ${by?.role}: a registration on a consultant's behalf must name them (for)`);
  const phone = c.phone !== undefined && c.phone.trim() !== '' ? phoneOf(c.phone) : undefined;
  const judged = judgeRegistration(engine.policy, { via: c.via, ...(phone ? { phone } : {}), ...pick(c, 'name', 'gender', 'needs') });
  // Issue 12.2: corrections, late entries, groups, outreach proof, referrers (register-hygiene.handlers.ts).
  const hygiene = entryHygiene(engine, c, now, phone, KIT);
  const validity = { valid: judged.valid && hygiene.evidence, reasons: [...hygiene.reasons, ...judged.reasons] };
  const fact: Fact = {
    type: 'registered',
    at: now,
    by: c.by,
    ...(c.for ? { for: c.for } : {}),
    via: c.via,
    ...(phone ? { phone } : {}),
    ...pick(c, 'name', 'gender', 'needs', 'plate'),
    ...(c.brochureOnly ? { brochureOnly: true } : {}),
    ...registerDetails(engine.policy, c),
    ...hygiene.fields,
    valid: validity.valid,
  };
  return { fact, answer: { valid: validity.valid, reasons: validity.reasons }, ...(phone && !hygiene.pending ? { ownershipOf: phone } : {}) };
}

function report(engine: Engine, c: Extract<Command, { do: 'report' }>, now: Instant): Decision {
  const policy = engine.policy;
  const broker = engine.brokers.get(c.broker);
  if (!broker) refuse('unknown_broker', `unknown broker "${c.broker}"`);
  // Issue 14 item 5: a broker probing phones (many refused reports) is held back for a while; nothing is recorded.
  if (engine.channelBook.refusedSince(c.broker, now - PROBE_WINDOW_MS) >= PROBE_LIMIT)
    refuse('probe_limited', `${c.broker} had ${PROBE_LIMIT} refused reports within the hour: try again later`, [reason('CH-3', 'probeLimited', 'too many refused reports: reporting is held back for a while', { limit: PROBE_LIMIT })]);
  if (c.expectedAt !== undefined && !(Number.isFinite(c.expectedAt) && c.expectedAt > now - DAY_MS)) refuse('invalid_input', 'the expected visit time is an instant from now on');
  const style = policy.channel.reportNumber;
  let key: string;
  let owner: StaffId | null = null;
  let reports: ReportRecord[];
  let lastArrival: Instant | null = null;
  let manualCheck = false;
  if (style === 'full') {
    key = phoneOf(c.phone);
    owner = engine.ownership(key, now).owner;
    reports = engine.customers.get(key)?.reports ?? [];
    lastArrival = engine.customers.get(key)?.lastArrival ?? null;
  } else {
    // CH-8: brokers report 前三后四 (or 前四后三) with the name; a full number is masked before it is stored.
    const full = normalisePhone(c.phone);
    const mask = full ? maskPhone(full, style) : normaliseMask(c.phone, style);
    if (!mask) refuse('invalid_phone', `"${c.phone}" is neither a phone number nor a ${style} mask`);
    if (!c.name?.trim()) refuse('invalid_input', 'a masked report needs the customer name (CH-8)');
    key = mask;
    const fitting = engine.customersFittingMask(mask, style, surnameOf(c.name));
    owner = fitting.map((k) => engine.ownership(k, now).owner).find((o) => o !== null) ?? null;
    reports = [...engine.maskedReportsFor(mask, c.name), ...fitting.flatMap((k) => engine.customers.get(k)?.reports ?? [])].sort((a, b) => a.seq - b.seq);
    for (const k of fitting) lastArrival = Math.max(lastArrival ?? Number.NEGATIVE_INFINITY, engine.customers.get(k)?.lastArrival ?? Number.NEGATIVE_INFINITY);
    if (lastArrival === Number.NEGATIVE_INFINITY) lastArrival = null;
    // CH-8: a masked report that fits more than one known customer goes to the channel assistant's queue.
    manualCheck = fitting.length > 1;
  }
  const judged = judgeReport(policy, broker, reports, owner, now, lastArrival);
  const why = manualCheck && judged.accepted ? [...judged.reasons, reason('CH-8', 'maskAmbiguous', 'the masked report fits more than one customer: the channel assistant checks it by hand')] : judged.reasons;
  return {
    fact: {
      type: 'reported',
      at: now,
      broker: c.broker,
      phone: key,
      masked: style !== 'full',
      ...(c.name ? { name: c.name } : {}),
      accepted: judged.accepted,
      ...(judged.accepted ? {} : { refusedFor: judged.reasons[0]?.code ?? 'refused' }),
      ...(c.expectedAt !== undefined ? { expectedAt: c.expectedAt } : {}),
      ...(manualCheck && judged.accepted ? { manualCheck: true as const } : {}),
    },
    answer: { accepted: judged.accepted, reasons: why },
  };
}

function deal(engine: Engine, c: Extract<Command, { do: 'deal' }>, now: Instant): Decision {
  actor(engine, c.by, ['consultant']);
  knownUnit(engine, c.unit);
  if (c.amount !== undefined && !(c.amount >= 0)) refuse('invalid_input', 'the amount paid is a number of yuan, not negative');
  const phone = phoneOf(c.phone);
  const live = engine.orders.get(c.unit);
  const judged = judgeOrder(live, engine.unitAvailability(c.unit), c.unit, phone, c.stage);
  if (!judged.ok) refuse(REFUSAL_OF_ORDER[judged.code], judged.reasons[0]?.text ?? 'refused', judged.reasons);
  const amount = c.amount !== undefined ? { amount: c.amount } : {};
  if (live) {
    const now_ = engine.creditOf(live, now);
    return {
      fact: { type: 'ordered', at: now, unit: c.unit, phone, by: c.by, stage: c.stage, credit: live.credit, ...amount },
      answer: { credit: now_.credit, reasons: [...judged.reasons, ...now_.reasons] },
    };
  }
  const { input, ownership } = engine.creditInput(phone, c.by, now);
  const credit = creditFor(engine.policy, input);
  const creditReasons = [...credit.reasons, ...introducedRate(ownership.reasons, c.by)];
  return {
    fact: { type: 'ordered', at: now, unit: c.unit, phone, by: c.by, stage: c.stage, credit: credit.credit, creditReasons, ...amount },
    answer: { credit: credit.credit, reasons: [...judged.reasons, ...creditReasons, ...ownership.reasons] },
  };
}

/** OWN-9: a deal on a customer the company introduced and the manager gave the closer: commission at the recorded rate (003 第一部分 8). */
function introducedRate(ownershipReasons: readonly Reason[], closer: StaffId): Reason[] {
  const given = ownershipReasons.find((r) => r.code === 'companyIntroduced' && r.params?.owner === closer);
  const rate = given?.params?.rate;
  if (typeof rate !== 'number') return [];
  return [reason('OWN-9', 'introducedCommission', `the company introduced this customer: ${closer}'s commission is ${Math.round(rate * 100)}% of the usual`, { who: closer, rate, percent: Math.round(rate * 100) }, given?.record)];
}

const REFUSAL_OF_ORDER = { unitSold: 'unit_sold', stageBackwards: 'stage_backwards', unitHeld: 'unit_held', unitWithdrawn: 'unit_withdrawn' } as const satisfies Record<string, RefusalCode>;

function sameUnit(a: Unit, b: Unit): boolean {
  const keys: (keyof Unit)[] = ['id', 'building', 'unitNo', 'floor', 'room', 'layout', 'area', 'price'];
  return keys.every((k) => a[k] === b[k]);
}

function knownUnit(engine: Engine, unit: string): void {
  if (!engine.units.has(unit)) refuse('unknown_unit', `unknown unit "${unit}"`);
}

function liveOrder(engine: Engine, unit: string): Order {
  knownUnit(engine, unit);
  const order = engine.orders.get(unit);
  if (!order) refuse('no_live_order', `unit ${unit} holds no live order`);
  return order;
}

/** 换房 (DEAL-2): the order moves to a free unit in one fact, keeping its stage, credit and dispute window. */
function swap(engine: Engine, c: Extract<Command, { do: 'swap' }>, now: Instant): Decision {
  actor(engine, c.by, ['consultant', 'manager', 'supervisor']);
  const order = liveOrder(engine, c.unit);
  if (c.to === c.unit) refuse('invalid_input', 'a swap moves the order to another unit');
  knownUnit(engine, c.to);
  const target = engine.orders.get(c.to);
  if (target) refuse('unit_sold', `unit ${c.to} already holds a live order (${target.stage})`, [reason('DEAL-1', 'unitSold', `unit ${c.to} already holds a live order`, { unit: c.to, stage: target.stage })]);
  const availability = engine.unitAvailability(c.to);
  if (availability === 'held') refuse('unit_held', `unit ${c.to} is held back from sale (预留)`, [reason('DEAL-1', 'unitHeld', `unit ${c.to} is held back from sale`, { unit: c.to })]);
  if (availability === 'withdrawn') refuse('unit_withdrawn', `unit ${c.to} is withdrawn from sale`, [reason('DEAL-1', 'unitWithdrawn', `unit ${c.to} is withdrawn from sale`, { unit: c.to })]);
  const credit = engine.creditOf(order, now);
  return {
    fact: { type: 'orderSwapped', at: now, unit: c.unit, to: c.to, by: c.by, ...(c.reason ? { reason: c.reason } : {}) },
    answer: { credit: credit.credit, reasons: [reason('DEAL-2', 'orderSwapped', `the order moves from ${c.unit} to ${c.to} at ${order.stage}, its credit unchanged; ${c.unit} is free`, { from: c.unit, to: c.to, stage: order.stage }), ...credit.reasons] },
  };
}

/** DEAL-5: both sides' records decide the open dispute; the manager may override with a written reason. */
function resolve(engine: Engine, c: Extract<Command, { do: 'resolve' }>, now: Instant): Decision {
  actor(engine, c.by, ['manager']);
  knownUnit(engine, c.unit);
  const order = engine.orders.get(c.unit);
  const dispute = order ? openDispute(order) : null;
  if (!order || !dispute) refuse('no_open_dispute', order?.resolution ? `the dispute on unit ${c.unit} is already decided` : `unit ${c.unit} has no open, accepted dispute`, [reason('DEAL-5', order?.resolution ? 'alreadyResolved' : 'noOpenDispute', 'nothing to decide')]);
  const decided = engine.disputeDecision(order, dispute.by, dispute.phone);
  // OWN-13: a customer on the register frozen before the order is its owner's there, whatever the later records say.
  const frozen = frozenOwner(engine.frozenRegisters, engine.household(order.phone).keys, order.firstAt);
  const computed: Credit = frozen ? { [frozen.owner]: 1 } : decided.credit;
  let credit: Credit = computed;
  const why: Reason[] = frozen ? [frozen.reason] : [...decided.reasons];
  if (c.override) {
    const shares = Object.entries(c.override.credit);
    const sum = shares.reduce((t, [, v]) => t + v, 0);
    if (shares.length === 0 || shares.some(([, v]) => !(v >= 0)) || Math.abs(sum - 1) > 1e-9) refuse('invalid_input', 'an override is shares that sum to 1');
    for (const [who] of shares) if (who !== POOL) actor(engine, who, ['consultant']);
    if (c.override.reason.trim() === '') refuse('invalid_input', 'overriding the records needs a written reason (DEAL-5)');
    credit = c.override.credit;
    why.push(reason('DEAL-5', 'managerOverride', `${c.by} overrode the records' outcome: ${c.override.reason}`, { by: c.by }));
  }
  return {
    fact: { type: 'disputeResolved', at: now, unit: c.unit, by: c.by, computed, credit, overridden: c.override !== undefined, ...(c.override ? { reason: c.override.reason } : {}), creditReasons: why },
    answer: { credit: engine.creditOf({ ...order, credit }, now).credit, reasons: why },
  };
}

function pick<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
