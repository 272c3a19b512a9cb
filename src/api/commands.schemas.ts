// One request-body schema per command endpoint; the body is the command without `do`. Fields that name
// the caller (`who`, `by`, `broker`) are optional here because the access table fills them from the
// session. Phones are passed on as typed: the handlers normalise them and refuse bad ones (REG-4).
import { z } from 'zod';
import type { Action, Command } from '../app/commands.ts';
import { DEAL_STAGES } from '../core/facts.ts';
import { policySchema } from '../core/policy.ts';

/** A staff, broker or unit id. */
export const idSchema = z.string().trim().min(1).max(64);
/** A phone as people type it; the handlers normalise it. */
export const rawPhoneSchema = z.string().min(1).max(40);
const nameSchema = z.string().trim().min(1).max(64);
const textSchema = z.string().max(500);
const plateSchema = z.string().trim().min(1).max(16);

const staffRole = z.enum(['consultant', 'manager', 'supervisor', 'frontdesk', 'channelAssistant']);
const subject = { who: idSchema.optional() };

type BodyOf<A extends Action> = Omit<Extract<Command, { do: A }>, 'do'>;

export const COMMAND_BODIES = {
  signIn: z.strictObject(subject),
  signOut: z.strictObject(subject),
  away: z.strictObject({ ...subject, reason: z.enum(['private', 'business']) }),
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
  }),
  followUp: z.strictObject({ by: idSchema.optional(), phone: rawPhoneSchema, reached: z.boolean(), via: z.enum(['call', 'sms', 'visit', 'wechat']).optional() }),
  link: z.strictObject({ phone: rawPhoneSchema, to: rawPhoneSchema, relation: z.enum(['spouse', 'parent', 'child', 'sibling', 'grandparent']) }),
  merge: z.strictObject({ phone: rawPhoneSchema, into: rawPhoneSchema }),
  depart: z.strictObject({ who: idSchema }),
  reassign: z.strictObject({ phone: rawPhoneSchema, to: idSchema, by: idSchema.optional(), reason: textSchema.optional() }),
  suspend: z.strictObject({ who: idSchema, days: z.number().positive().max(365) }),
  report: z.strictObject({ broker: idSchema.optional(), phone: rawPhoneSchema, name: nameSchema.optional() }),
  deal: z.strictObject({ phone: rawPhoneSchema, unit: idSchema, by: idSchema.optional(), stage: z.enum(DEAL_STAGES) }),
  dispute: z.strictObject({ unit: idSchema, by: idSchema.optional() }),
  reorder: z.strictObject({ by: idSchema.optional(), order: z.array(idSchema).max(200), reason: z.string().trim().min(1).max(500) }),
  outOfTurn: z.strictObject({ who: idSchema, by: idSchema.optional() }),
  addStaff: z.strictObject({ staff: z.strictObject({ id: idSchema, role: staffRole, team: idSchema.optional(), name: nameSchema.optional() }) }),
  addBroker: z.strictObject({ broker: z.strictObject({ id: idSchema, kind: z.enum(['agency', 'distributor', 'individual']), approved: z.boolean() }) }),
  addUnit: z.strictObject({ unit: z.strictObject({ id: idSchema, price: z.number().nonnegative().max(1e11).optional() }) }),
  setPolicy: z.strictObject({ policy: policySchema, by: idSchema.optional() }),
} satisfies { readonly [A in Action]: z.ZodType<Partial<BodyOf<A>>> };

/** The command a resolved body stands for (the access table has filled the caller's fields). */
export function commandOf(action: Action, body: Readonly<Record<string, unknown>>): Command {
  return { do: action, ...body } as Command;
}

/** `Idempotency-Key`: a retried request with the same key records nothing new. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
