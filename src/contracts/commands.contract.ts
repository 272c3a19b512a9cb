// The writes: one request body per command (POST /api/projects/:project/commands/<action>; the body is the
// command without `do`), in one table keyed by action, so adding a command is adding one entry. Fields
// that name the caller (`who`, `by`, `broker`) are optional because the access table fills them from the
// session. Phones are passed on as typed: the handlers normalise them and refuse bad ones (REG-4).
// src/api/commands.routes.ts checks at compile time that this table has exactly the app's actions.
import { z } from 'zod';
import { DEAL_STAGES } from '../core/facts.ts';
import { policySchema } from '../core/policy.ts';
import { violationRuleSchema } from './violations.contract.ts';
import { unitSchema } from './sales.contract.ts';
import { CHANNEL_COMMAND_BODIES, reportExpectedAtSchema } from './channel.contract.ts';
import { awayReasonSchema, contactViaSchema, idSchema, intentSchema, rawPhoneSchema, reasonSchema, receiveAsSchema, relationSchema, staffRoleSchema, type ReadonlyDeep } from './common.contract.ts';

const nameSchema = z.string().trim().min(1).max(64);
const textSchema = z.string().max(500);
const plateSchema = z.string().trim().min(1).max(16);
const subject = { who: idSchema.optional() };
/** A reason people must write (a refund, a hold, an override): not blank. */
const reasonText = z.string().trim().min(1).max(500);

/** REG-3's further fields, as a live entry and an imported one carry them; the options are checked against the office's lists. */
const REGISTER_DETAILS = {
  address: textSchema.optional(),
  district: z.string().trim().max(20).optional(),
  source: z.string().trim().max(20).optional(),
  propertyType: z.string().trim().max(20).optional(),
  units: z.string().trim().max(200).optional(),
  budget: z.number().nonnegative().max(1e6).optional(),
  grade: z.string().trim().max(20).optional(),
  carBrand: z.string().trim().max(32).optional(),
} as const;

export const COMMAND_BODIES = {
  signIn: z.strictObject(subject),
  signOut: z.strictObject(subject),
  away: z.strictObject({ ...subject, reason: awayReasonSchema }),
  back: z.strictObject(subject),
  done: z.strictObject(subject),
  reclassify: z.strictObject(subject),
  decline: z.strictObject(subject),
  arrive: z.strictObject({
    phone: rawPhoneSchema.optional(),
    name: nameSchema.optional(),
    plate: plateSchema.optional(),
    asksFor: idSchema.optional(),
    nonCustomer: z.boolean().optional(),
    broker: idSchema.optional(),
    referrer: rawPhoneSchema.optional(),
    referredBy: idSchema.optional(),
  }),
  register: z.strictObject({
    by: idSchema.optional(),
    via: z.enum(['visit', 'call']),
    phone: rawPhoneSchema.optional(),
    name: nameSchema.optional(),
    gender: z.enum(['M', 'F']).optional(),
    needs: textSchema.optional(),
    plate: plateSchema.optional(),
    for: idSchema.optional(),
    brochureOnly: z.boolean().optional(),
    // REG-3 (reports): the register's further fields; the options are checked against the office's lists.
    phone2: rawPhoneSchema.optional(),
    ...REGISTER_DETAILS,
    // Register hygiene (issue 12.2): REG-5, REG-6, REG-7, REG-9, REG-10, REG-11.
    corrects: z.number().int().positive().optional(),
    visitedAt: z.number().int().nonnegative().optional(),
    group: z.number().int().positive().optional(),
    outreach: z.strictObject({ site: z.enum(['stand', 'canvass']), smsAt: z.number().int().nonnegative().optional() }).optional(),
    appearance: textSchema.optional(),
    referrer: rawPhoneSchema.optional(),
  }),
  followUp: z.strictObject({
    by: idSchema.optional(),
    phone: rawPhoneSchema,
    reached: z.boolean(),
    via: contactViaSchema.optional(),
    // 客户跟进表 / B级卡 (issue 16.2): what was said, the intent, the next step and its local day.
    said: z.string().trim().min(1).max(500).optional(),
    intent: intentSchema.optional(),
    next: z.string().trim().min(1).max(200).optional(),
    nextOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  link: z.strictObject({ phone: rawPhoneSchema, to: rawPhoneSchema, relation: relationSchema, by: idSchema.optional() }),
  merge: z.strictObject({ phone: rawPhoneSchema, into: rawPhoneSchema }),
  depart: z.strictObject({ who: idSchema, transferTo: nameSchema.optional() }),
  reassign: z.strictObject({ phone: rawPhoneSchema, to: idSchema, by: idSchema.optional(), reason: textSchema.optional() }),
  suspend: z.strictObject({ who: idSchema, days: z.number().positive().max(365) }),
  report: z.strictObject({ broker: idSchema.optional(), phone: rawPhoneSchema, name: nameSchema.optional(), expectedAt: reportExpectedAtSchema }),
  deal: z.strictObject({ phone: rawPhoneSchema, unit: idSchema, by: idSchema.optional(), stage: z.enum(DEAL_STAGES), amount: z.number().nonnegative().max(1e11).optional() }),
  refund: z.strictObject({ unit: idSchema, by: idSchema.optional(), reason: reasonText, end: z.enum(['refund', 'default']).optional() }),
  swap: z.strictObject({ unit: idSchema, to: idSchema, by: idSchema.optional(), reason: textSchema.optional() }),
  changeBuyer: z.strictObject({ unit: idSchema, by: idSchema.optional(), change: z.enum(['rename', 'addName']), name: nameSchema, reason: reasonText }),
  dispute: z.strictObject({ unit: idSchema, by: idSchema.optional(), phone: rawPhoneSchema.optional() }),
  resolve: z.strictObject({ unit: idSchema, by: idSchema.optional(), override: z.strictObject({ credit: z.record(idSchema, z.number().min(0).max(1)), reason: reasonText }).optional() }),
  hold: z.strictObject({ unit: idSchema, by: idSchema.optional(), reason: reasonText }),
  release: z.strictObject({ unit: idSchema, by: idSchema.optional(), reason: textSchema.optional() }),
  reorder: z.strictObject({ by: idSchema.optional(), order: z.array(idSchema).max(200), reason: z.string().trim().min(1).max(500) }),
  outOfTurn: z.strictObject({ who: idSchema, by: idSchema.optional() }),
  addStaff: z.strictObject({ staff: z.strictObject({ id: idSchema, role: staffRoleSchema, team: idSchema.optional(), name: nameSchema.optional() }) }),
  addBroker: z.strictObject({ broker: z.strictObject({ id: idSchema, kind: z.enum(['agency', 'distributor', 'individual']), approved: z.boolean() }) }),
  addUnit: z.strictObject({ unit: unitSchema, by: idSchema.optional() }),
  importUnits: z.strictObject({ units: z.array(unitSchema).min(1).max(20_000), by: idSchema.optional(), file: z.string().max(200) }),
  editUnit: z.strictObject({ unit: unitSchema, by: idSchema.optional(), reason: textSchema.optional() }),
  withdrawUnit: z.strictObject({ unit: idSchema, by: idSchema.optional(), reason: reasonText }),
  setPolicy: z.strictObject({ policy: policySchema, by: idSchema.optional() }),
  // ---- the broker side (CH-1..10): see channel.contract.ts ----
  ...CHANNEL_COMMAND_BODIES,
  // ---- office: the violation register (PEN-1, ROT-14) ----
  recordViolation: z.strictObject({
    who: idSchema,
    rule: violationRuleSchema,
    on: z.number().int().nonnegative().optional(),
    evidence: z.array(z.number().int().positive()).max(50),
    sanction: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('warning') }),
      z.strictObject({ kind: z.literal('fine'), amount: z.number().positive().max(1e7) }),
      z.strictObject({ kind: z.literal('suspension'), days: z.number().positive().max(365) }),
    ]),
    by: idSchema.optional(),
    note: textSchema.optional(),
  }),
  appeal: z.strictObject({ violation: z.number().int().positive(), by: idSchema.optional(), grounds: reasonText }),
  decideAppeal: z.strictObject({ violation: z.number().int().positive(), by: idSchema.optional(), upheld: z.boolean(), reason: reasonText }),
  // ---- register hygiene (issue 12.2): REG-5, REG-7 ----
  decideLateEntry: z.strictObject({ entry: z.number().int().positive(), by: idSchema.optional(), approved: z.boolean(), reason: textSchema.optional() }),
  identify: z.strictObject({ entry: z.number().int().positive(), by: idSchema.optional(), phone: rawPhoneSchema }),
  // ---- ownership-rules (issue 12 item 3, RISK-2) ----
  assignIntroduced: z.strictObject({ phone: rawPhoneSchema, name: z.string().trim().max(50).optional(), source: reasonText, by: idSchema.optional() }),
  freezeRegister: z.strictObject({ by: idSchema.optional(), note: textSchema.optional() }),
  markAlertRead: z.strictObject({ who: idSchema.optional(), arrival: z.number().int().positive() }),
  // ---- register import (issue 11.4): one paper-era entry, approved by the calling manager (REG-5) ----
  importEntry: z.strictObject({
    by: idSchema.optional(),
    batch: z.string().trim().min(1).max(64),
    row: z.number().int().positive().max(10_000_000),
    entry: z.strictObject({
      kind: z.enum(['visit', 'call', 'followUp']),
      at: z.number().int().nonnegative(),
      phone: rawPhoneSchema,
      consultant: idSchema,
      name: nameSchema.optional(),
      gender: z.enum(['M', 'F']).optional(),
      needs: textSchema.optional(),
      plate: plateSchema.optional(),
      via: contactViaSchema.optional(),
      reached: z.boolean().optional(),
      said: textSchema.optional(),
      ...REGISTER_DETAILS,
    }),
  }),
} as const;

export type CommandAction = keyof typeof COMMAND_BODIES;
/** What a client sends for a command (before the access table fills the caller's fields). */
export type CommandBody<A extends CommandAction> = ReadonlyDeep<z.input<(typeof COMMAND_BODIES)[A]>>;

/** `Idempotency-Key`: a retried request with the same key records nothing new. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
export const commandHeaders = z.object({ 'idempotency-key': idempotencyKeySchema.optional() });

/** What the office is told back: who receives, whether valid or accepted, the credit; always with reasons (OWN-15). */
export const commandResultSchema = z.strictObject({
  receiver: z.string().nullable().optional(),
  as: receiveAsSchema.nullable().optional(),
  channel: z.string().nullable().optional(),
  valid: z.boolean().optional(),
  accepted: z.boolean().optional(),
  credit: z.record(z.string(), z.number()).optional(),
  extends: z.boolean().optional(),
  reasons: z.array(reasonSchema),
});
export type Answer = ReadonlyDeep<z.infer<typeof commandResultSchema>>;

/** A recorded command: its answer, the fact's seq (null when nothing new was recorded), and whether it was a retry. A refusal is an error body. */
export const commandAnswerSchema = z.strictObject({ answer: commandResultSchema, seq: z.number().nullable(), replayed: z.boolean() });
export type CommandAnswer = ReadonlyDeep<z.infer<typeof commandAnswerSchema>>;
