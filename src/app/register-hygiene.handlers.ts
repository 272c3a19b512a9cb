// Register hygiene (issue 12.2): what an entry says about itself — a correction (REG-6), a late entry (REG-5),
// a household of a group (REG-9), an outreach entry and its SMS proof (REG-10), a referrer (REG-11) — and the
// two commands that act on an entry later: the manager's decision on a late entry, and the identification of
// an entry made without a phone (REG-7).
import type { Engine } from '../core/engine.ts';
import type { Fact, RegisterHygiene, Role, StaffId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { reason, type Reason } from '../core/reasons.ts';
import { isLateEntry, judgeOutreachProof, judgeRegistration } from '../core/registration.rules.ts';
import type { Instant } from '../core/time.ts';
import type { Answer, Command, RefusalCode } from './commands.ts';

/** The handlers' own checks, so the same refusals apply here as to every other command. */
export interface HandlerKit {
  readonly actor: (engine: Engine, who: StaffId, roles?: readonly Role[]) => StaffId;
  readonly refuse: (code: RefusalCode, message: string, reasons?: readonly Reason[]) => never;
  readonly phoneOf: (input: string) => PhoneKey;
}

export interface EntryHygiene {
  readonly fields: RegisterHygiene;
  readonly reasons: readonly Reason[];
  /** REG-10: false when an outreach entry's SMS proof does not match (the entry is then not evidence). */
  readonly evidence: boolean;
  /** REG-5: the entry waits for the manager: it gives no ownership until approved. */
  readonly pending: boolean;
}

type Register = Extract<Command, { do: 'register' }>;

/** Judges what a register entry says about itself; refuses what cannot be so. */
export function entryHygiene(engine: Engine, c: Register, now: Instant, phone: PhoneKey | undefined, kit: HandlerKit): EntryHygiene {
  const fields: { -readonly [K in keyof RegisterHygiene]: RegisterHygiene[K] } = {};
  const reasons: Reason[] = [];
  let evidence = true;
  let pending = false;
  if (c.corrects !== undefined) {
    const entry = engine.registerBook.entries.get(c.corrects);
    if (!entry) kit.refuse('unknown_entry', `#${c.corrects} is not an entry of the register`);
    if (entry.supersededBy !== null) kit.refuse('entry_superseded', `entry #${c.corrects} was already corrected by #${entry.supersededBy}: correct that one (REG-6)`);
    if (entry.late && entry.late.decision?.approved !== true) kit.refuse('invalid_input', `entry #${c.corrects} is a late entry the manager has not approved: it cannot be corrected into one that counts (REG-5)`);
    const role = engine.staff.get(c.by)?.role;
    if (c.by !== entry.by && c.by !== entry.consultant && role !== 'manager' && role !== 'supervisor') kit.refuse('wrong_role', `only the entry's author, its consultant or a manager corrects entry #${c.corrects} (REG-6)`);
    if (c.visitedAt !== undefined) kit.refuse('invalid_input', 'a correction keeps the time of the entry it corrects (REG-6)');
    fields.corrects = entry.seq;
    reasons.push(reason('REG-6', 'correction', `supersedes entry #${entry.seq}, which stays visible; it counts from that entry and is not a fresh contact`, { entry: entry.seq }));
  }
  if (c.visitedAt !== undefined) {
    if (!Number.isFinite(c.visitedAt) || c.visitedAt > now) kit.refuse('invalid_input', 'the visit of a late entry happened before now (REG-5)');
    if (isLateEntry((at) => engine.dayOf(at), c.visitedAt, now)) {
      fields.late = { visitedAt: c.visitedAt };
      pending = true;
      reasons.push(reason('REG-5', 'lateEntryPending', 'a late entry (the visit was on an earlier day): marked late, it waits for the manager and counts from the visit once approved', { at: c.visitedAt }));
    }
  }
  if (c.group !== undefined) {
    if (!Number.isInteger(c.group) || c.group < 1 || c.group > engine.lastSeq) kit.refuse('unknown_entry', `#${c.group} is not a recorded arrival`);
    const households = engine.registerBook.groups.get(c.group) ?? [];
    if (phone && households.includes(phone)) kit.refuse('already_exists', `this household is already registered in the group of #${c.group} (REG-9)`);
    fields.group = c.group;
    reasons.push(reason('REG-9', 'groupHousehold', `household ${households.length + 1} of the group that arrived as #${c.group}: registered as a customer of its own`, { group: c.group, household: households.length + 1 }));
  }
  if (c.outreach !== undefined) {
    const smsAt = c.outreach.smsAt ?? null;
    if (smsAt !== null && !Number.isFinite(smsAt)) kit.refuse('invalid_input', 'the SMS time is an instant (REG-10)');
    const proof = judgeOutreachProof(now, smsAt);
    fields.outreach = { site: c.outreach.site, smsAt, proofMatches: proof.matches };
    evidence = proof.matches;
    reasons.push(proof.reason);
  }
  if (c.appearance !== undefined && c.appearance.trim() !== '') fields.appearance = c.appearance.trim();
  if (c.referrer !== undefined && c.referrer.trim() !== '') {
    const referrer = kit.phoneOf(c.referrer);
    if (referrer === phone) kit.refuse('invalid_input', 'the referrer is another customer: the new customer is registered on their own (REG-11)');
    if (!engine.customers.has(referrer)) kit.refuse('unknown_referrer', 'the referrer must be a customer the office already has (REG-11)');
    fields.referrer = referrer;
    reasons.push(reason('REG-11', 'referrerNoted', 'registered on their own, noting the old customer who introduced them', {}));
  }
  return { fields, reasons, evidence, pending };
}

export interface EntryDecision {
  readonly fact: Fact;
  readonly answer: Answer;
  readonly ownershipOf?: PhoneKey;
}

/** REG-5: the manager approves or refuses a late entry, once; approved, it counts from the visit. */
export function decideLateEntry(engine: Engine, c: Extract<Command, { do: 'decideLateEntry' }>, now: Instant, kit: HandlerKit): EntryDecision {
  kit.actor(engine, c.by, ['manager']);
  const entry = engine.registerBook.entries.get(c.entry);
  if (!entry?.late) kit.refuse('unknown_entry', `#${c.entry} is not a late entry`);
  const decided = entry.late.decision;
  if (decided) kit.refuse('already_decided', `late entry #${c.entry} was already ${decided.approved ? 'approved' : 'refused'} by ${decided.by}`, [reason('REG-5', 'lateEntryAlreadyDecided', 'a late entry is decided once', { entry: c.entry, by: decided.by })]);
  const why = c.reason?.trim();
  if (!c.approved && !why) kit.refuse('invalid_input', 'refusing a late entry needs a reason (REG-5)');
  const phone = entry.phone ?? entry.identified?.phone ?? undefined;
  return {
    fact: { type: 'lateEntryDecided', at: now, entry: c.entry, by: c.by, approved: c.approved, ...(phone ? { phone } : {}), ...(why ? { reason: why } : {}) },
    answer: {
      valid: c.approved && entry.valid,
      reasons: [c.approved ? reason('REG-5', 'lateEntryApproved', `${c.by} approved the late entry: it counts from the visit`, { entry: c.entry, by: c.by }) : reason('REG-5', 'lateEntryRefused', `${c.by} refused the late entry: it is kept and gives no ownership`, { entry: c.entry, by: c.by })],
    },
    ...(phone && c.approved ? { ownershipOf: phone } : {}),
  };
}

/** REG-7: the visitor who gave no phone is identified; the entry joins that customer's file, counting from the visit. */
export function identifyEntry(engine: Engine, c: Extract<Command, { do: 'identify' }>, now: Instant, kit: HandlerKit): EntryDecision {
  kit.actor(engine, c.by, ['consultant', 'manager', 'supervisor', 'frontdesk']);
  const entry = engine.registerBook.entries.get(c.entry);
  if (!entry) kit.refuse('unknown_entry', `#${c.entry} is not an entry of the register`);
  if (entry.supersededBy !== null) kit.refuse('entry_superseded', `entry #${c.entry} was corrected by #${entry.supersededBy} (REG-6)`);
  if (entry.phone !== null || entry.identified !== null) kit.refuse('already_decided', `entry #${c.entry} already names a phone`);
  if (engine.staff.get(c.by)?.role === 'consultant' && c.by !== entry.consultant && c.by !== entry.by) kit.refuse('wrong_role', `only the consultant of entry #${c.entry} or a manager identifies its visitor (REG-7)`);
  const phone = kit.phoneOf(c.phone);
  const validity = judgeRegistration(engine.policy, { via: entry.via, phone, ...(entry.name ? { name: entry.name } : {}), ...(entry.gender ? { gender: entry.gender } : {}), ...(entry.needs ? { needs: entry.needs } : {}) });
  return {
    fact: { type: 'entryIdentified', at: now, entry: c.entry, by: c.by, phone, valid: validity.valid },
    answer: { valid: validity.valid, reasons: [reason('REG-7', 'entryIdentified', `the visitor of entry #${c.entry} is identified: the entry is linked to the phone`, { entry: c.entry }), ...validity.reasons] },
    ownershipOf: phone,
  };
}
