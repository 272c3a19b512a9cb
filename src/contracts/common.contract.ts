// What many endpoints' contracts share: ids, phones and counts as requests carry them, the project in the
// path, the enumerations of the domain, and the parts that recur in answers (reasons, a customer as shown,
// a member of staff by name). Pure: zod and the core's own definitions, so the web app compiles it too.
import { z } from 'zod';
import type { AwayReason, ContactVia, Intent, ReceiveAs, Relation, Role } from '../core/facts.ts';
import { normalisePhone } from '../core/phone.ts';

/**
 * A core union's values as a list for `z.enum`, checked both ways at compile time: a value the core does
 * not have, or one the core has and the list misses, does not compile (so the contract cannot drift).
 */
export const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : { readonly missing: Exclude<T, A[number]> })): A =>
    values;

/** An answer as its readers hold it: nothing in it is theirs to change (and the core's readonly lists fit it). */
export type ReadonlyDeep<T> = T extends readonly (infer E)[] ? readonly ReadonlyDeep<E>[] : T extends object ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> } : T;

// ---- requests ----

export const projectIdSchema = z.string().min(1).max(64);
export const projectParams = z.strictObject({ project: projectIdSchema });

/** A staff, broker or unit id. */
export const idSchema = z.string().trim().min(1).max(64);
/** A phone as people type it; the handlers normalise it (REG-4) and refuse bad ones. */
export const rawPhoneSchema = z.string().min(1).max(40);

/** A phone to look a customer up by, normalised (REG-4): 138 0013 8000, +86 13800138000 → 13800138000. */
export const phoneLookupSchema = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const key = normalisePhone(text);
    if (key === null) {
      ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
      return z.NEVER;
    }
    return key;
  });

/** A non-negative integer given as query text. */
export const countSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'a whole number')
  .transform(Number);

// ---- the domain's enumerations ----

export const staffRoleSchema = z.enum(allOf<Role>()(['consultant', 'manager', 'supervisor', 'frontdesk', 'channelAssistant']));
export const projectRoleSchema = z.enum([...staffRoleSchema.options, 'broker']);
export const accountRoleSchema = z.enum([...projectRoleSchema.options, 'admin']);
export const receiveAsSchema = z.enum(allOf<ReceiveAs>()(['turn', 'makeUp', 'owner', 'designated', 'cover', 'nonCustomer', 'offHours']));
export const awayReasonSchema = z.enum(allOf<AwayReason>()(['private', 'business']));
export const contactViaSchema = z.enum(allOf<ContactVia>()(['call', 'sms', 'visit', 'wechat']));
/** 诚意度 (B级卡): A … D. */
export const intentSchema = z.enum(allOf<Intent>()(['A', 'B', 'C', 'D']));
/** What a follow-up recorded (客户跟进表 / B级卡): as written, in answers. */
export const followUpNoteSchema = z.strictObject({ said: z.string().optional(), intent: intentSchema.optional(), next: z.string().optional(), nextOn: z.string().optional() });
export type FollowUpNoteView = ReadonlyDeep<z.infer<typeof followUpNoteSchema>>;
export const relationSchema = z.enum(allOf<Relation>()(['spouse', 'parent', 'child', 'sibling', 'grandparent']));
/** A seat on today's board: free, or why not (ROT-5, ROT-6, ROT-14). */
export const seatStateSchema = z.enum(['available', 'busy', 'private', 'business', 'suspended']);

export type StaffRole = ReadonlyDeep<z.infer<typeof staffRoleSchema>>;
export type ProjectRole = ReadonlyDeep<z.infer<typeof projectRoleSchema>>;
export type AccountRole = ReadonlyDeep<z.infer<typeof accountRoleSchema>>;
export type { AwayReason, ContactVia, ReceiveAs, Relation };
export type SeatState = ReadonlyDeep<z.infer<typeof seatStateSchema>>;

// ---- parts of answers ----

/** Epoch milliseconds. */
export const instantSchema = z.number();
export type Instant = ReadonlyDeep<z.infer<typeof instantSchema>>;
export type StaffId = string;
/** An instant as the project's local wall time (`2024-03-01 09:30`); null with no instant. */
export const localTimeSchema = z.string().nullable();

/** A recorded fact an answer points at: its seq, and when, as an instant and in local words. */
export const recordedAt = { seq: z.number(), at: instantSchema, atLocal: localTimeSchema };

/** Why an answer is what it is (OWN-15): the rule, a code and words, and the record it relied on. */
export const reasonSchema = z.strictObject({
  rule: z.string(),
  code: z.string(),
  text: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
  record: z.strictObject({ seq: z.number(), type: z.string(), at: instantSchema, by: z.string().optional() }).optional(),
});
export type Reason = ReadonlyDeep<z.infer<typeof reasonSchema>>;

/** An answer's reasons and the distinct rules among them. */
export const explained = { reasons: z.array(reasonSchema), rules: z.array(z.string()) };
export const explainedSchema = z.strictObject(explained);
export type Explained = ReadonlyDeep<z.infer<typeof explainedSchema>>;

export const staffRefSchema = z.strictObject({ id: z.string(), name: z.string().nullable() });
export type StaffRef = ReadonlyDeep<z.infer<typeof staffRefSchema>>;

/** A customer as the caller may see them (SEC-1): the full phone, or masked (138****8000) with the surname only. */
export const shownCustomerSchema = z.strictObject({ phone: z.string(), name: z.string().nullable(), masked: z.boolean() });
export type ShownCustomer = ReadonlyDeep<z.infer<typeof shownCustomerSchema>>;

/** Display names of the staff an answer mentions, so no page shows a bare id. */
export const namesSchema = z.record(z.string(), z.string().nullable());
