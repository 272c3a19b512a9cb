// Command handlers: validate a command against what is recorded, ask the rules for the decision, append
// the fact. The scenario runner and the server both go through `execute`; nothing else writes facts.
import { judgeArrivalChannel, judgeReport, type ReportRecord } from '../core/channel.rules.ts';
import { creditFor, judgeDispute, judgeOrder } from '../core/deal.rules.ts';
import { surnameOf, type Engine } from '../core/engine.ts';
import type { Fact, Recorded, Role, StaffId } from '../core/facts.ts';
import { maskPhone, normaliseMask, normalisePhone, type PhoneKey } from '../core/phone.ts';
import { reason, type Reason } from '../core/reasons.ts';
import { judgeRegistration } from '../core/registration.rules.ts';
import { decideReception, isPermutationOfQueue, type Floor, type FloorContext, type PartyFacts } from '../core/rotation.rules.ts';
import { DAY_MS, type Instant } from '../core/time.ts';
import type { Answer, Command, Outcome, Refusal, RefusalCode } from './commands.ts';

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

function refuse(code: RefusalCode, message: string, reasons?: readonly Reason[]): never {
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
      return { fact: { type: 'followedUp', at, by: c.by, phone, reached: c.reached, via: c.via ?? 'call' }, answer: { reasons: [] }, ownershipOf: phone };
    }
    case 'link': {
      const phone = phoneOf(c.phone);
      const to = phoneOf(c.to);
      if (phone === to) refuse('invalid_input', 'a customer cannot be linked to themself');
      return { fact: { type: 'familyLinked', at, phone, to, relation: c.relation }, answer: { reasons: [] }, ownershipOf: phone };
    }
    case 'merge': {
      const phone = phoneOf(c.phone);
      const into = phoneOf(c.into);
      if (phone === into) refuse('invalid_input', 'a record cannot be merged into itself');
      return { fact: { type: 'recordsMerged', at, phone, into }, answer: { reasons: [] }, ownershipOf: into };
    }
    case 'depart':
      actor(engine, c.who);
      return { fact: { type: 'departed', at, who: c.who }, answer: { reasons: [reason('OWN-10', 'departed', `${c.who} left: their customers go to the public pool and their access ends (SEC-4)`)] } };
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
    case 'deal':
      return deal(engine, c, now);
    case 'dispute': {
      actor(engine, c.by);
      if (!engine.units.has(c.unit)) refuse('unknown_unit', `unknown unit "${c.unit}"`);
      const judged = judgeDispute(engine.policy, engine.orders.get(c.unit), now);
      return { fact: { type: 'disputed', at, unit: c.unit, by: c.by, accepted: judged.accepted }, answer: { accepted: judged.accepted, reasons: judged.reasons } };
    }
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
      if (engine.units.has(c.unit.id)) refuse('already_exists', `unit "${c.unit.id}" already exists`);
      return { fact: { type: 'unitListed', at, unit: c.unit }, answer: { reasons: [] } };
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
  const party: PartyFacts = { nonCustomer: c.nonCustomer === true, owner: ownership?.owner ?? null, designated };
  if (ownership?.owner) why.push(...ownership.reasons);
  const decision = decideReception(floor, engine.floorContext, party, now);

  let channel: string | null = null;
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
    reception: { receiver: decision.receiver, as: decision.as, ...(decision.turnOf !== undefined ? { turnOf: decision.turnOf } : {}) },
    channel,
    ...(designee ? { designee } : {}),
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

function register(engine: Engine, c: Extract<Command, { do: 'register' }>, now: Instant): Decision {
  const by = engine.staff.get(actor(engine, c.by));
  if (c.for !== undefined) actor(engine, c.for, ['consultant']);
  else if (by?.role !== 'consultant') refuse('wrong_role', `${c.by} is a ${by?.role}: a registration on a consultant's behalf must name them (for)`);
  const phone = c.phone !== undefined && c.phone.trim() !== '' ? phoneOf(c.phone) : undefined;
  const validity = judgeRegistration(engine.policy, { via: c.via, ...(phone ? { phone } : {}), ...pick(c, 'name', 'gender', 'needs') });
  const fact: Fact = {
    type: 'registered',
    at: now,
    by: c.by,
    ...(c.for ? { for: c.for } : {}),
    via: c.via,
    ...(phone ? { phone } : {}),
    ...pick(c, 'name', 'gender', 'needs', 'plate'),
    valid: validity.valid,
  };
  return { fact, answer: { valid: validity.valid, reasons: validity.reasons }, ...(phone ? { ownershipOf: phone } : {}) };
}

function report(engine: Engine, c: Extract<Command, { do: 'report' }>, now: Instant): Decision {
  const policy = engine.policy;
  const broker = engine.brokers.get(c.broker);
  if (!broker) refuse('unknown_broker', `unknown broker "${c.broker}"`);
  const style = policy.channel.reportNumber;
  let key: string;
  let owner: StaffId | null = null;
  let reports: ReportRecord[];
  if (style === 'full') {
    key = phoneOf(c.phone);
    owner = engine.ownership(key, now).owner;
    reports = engine.customers.get(key)?.reports ?? [];
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
  }
  const judged = judgeReport(policy, broker, reports, owner, now);
  return {
    fact: { type: 'reported', at: now, broker: c.broker, phone: key, masked: style !== 'full', ...(c.name ? { name: c.name } : {}), accepted: judged.accepted },
    answer: { accepted: judged.accepted, reasons: judged.reasons },
  };
}

function deal(engine: Engine, c: Extract<Command, { do: 'deal' }>, now: Instant): Decision {
  actor(engine, c.by, ['consultant']);
  if (!engine.units.has(c.unit)) refuse('unknown_unit', `unknown unit "${c.unit}"`);
  const phone = phoneOf(c.phone);
  const live = engine.orders.get(c.unit);
  const judged = judgeOrder(live, phone, c.stage);
  if (!judged.ok) refuse(judged.code === 'unitSold' ? 'unit_sold' : 'stage_backwards', judged.reasons[0]?.text ?? 'refused', judged.reasons);
  if (live) {
    return {
      fact: { type: 'ordered', at: now, unit: c.unit, phone, by: c.by, stage: c.stage, credit: live.credit },
      answer: { credit: live.credit, reasons: [...judged.reasons, ...live.reasons] },
    };
  }
  const owner = engine.ownership(phone, now);
  const credit = creditFor(engine.policy, { closer: c.by, owner: owner.owner, coveredToday: engine.coveredToday(phone, c.by, now) });
  return {
    fact: { type: 'ordered', at: now, unit: c.unit, phone, by: c.by, stage: c.stage, credit: credit.credit },
    answer: { credit: credit.credit, reasons: [...judged.reasons, ...credit.reasons, ...owner.reasons] },
  };
}

function pick<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
