// The manager's view of the whole office: the register with the public pool in it (SEC-1, OWN-10, OWN-12),
// the staff roster (ROT-14, OWN-10), and the consultants' month (REP-1, REP-3).
import { z } from 'zod';
import type { ReceiveAs } from '../core/facts.ts';
import { countSchema, idSchema, instantSchema, localTimeSchema, reasonSchema, seatStateSchema, shownCustomerSchema, staffRefSchema, staffRoleSchema, type ReadonlyDeep } from './common.contract.ts';

/** `lapsing`: owned, and the protection ends within 7 days (REP-3). */
export const registerStatusSchema = z.enum(['owned', 'pool', 'lapsing']);
export type RegisterStatus = ReadonlyDeep<z.infer<typeof registerStatusSchema>>;

export const registerQuery = z.strictObject({
  /** A phone fragment (digits; spaces, dashes and a leading +86 are ignored) or part of the name. */
  q: z.string().max(40).optional(),
  /** The owner now, or for a customer in the pool the consultant whose protection ended. */
  owner: idSchema.optional(),
  status: registerStatusSchema.optional(),
  page: countSchema.pipe(z.number().int().min(1).max(1_000_000)).optional(),
  size: countSchema.pipe(z.number().int().min(1).max(200)).optional(),
});

export const performanceQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
    .optional(),
  of: idSchema.optional(),
});

/** One customer of the whole register (GET /customers). */
export const registerCustomerSchema = shownCustomerSchema.extend({
  owner: staffRefSchema.nullable(),
  protectedUntil: instantSchema.nullable(),
  protectedUntilLocal: localTimeSchema,
  lastContact: instantSchema.nullable(),
  /** Owned: since the owner's span began; in the pool: since protection ended (or the first record, never owned). */
  since: instantSchema.nullable(),
  sinceLocal: localTimeSchema,
  /** In the pool: whose protection ended. */
  formerOwner: staffRefSchema.nullable(),
  /** Why the customer stands as it does now (OWN-15). */
  why: reasonSchema.nullable(),
  lastActivity: instantSchema.nullable(),
  /** The broker whose protection covers the customer now (CH-4). */
  channel: z.string().nullable(),
});
export type RegisterCustomer = ReadonlyDeep<z.infer<typeof registerCustomerSchema>>;

export const registerPageSchema = z.strictObject({
  /** Customers matching the query (all of them, not only this page). */
  total: z.number(),
  page: z.number(),
  size: z.number(),
  /** Of the customers matching `q` and `owner`, how many are in each status (the tabs' badges). */
  counts: z.strictObject({ all: z.number(), owned: z.number(), pool: z.number(), lapsing: z.number() }),
  customers: z.array(registerCustomerSchema),
});
export type RegisterPage = ReadonlyDeep<z.infer<typeof registerPageSchema>>;

/** A member of staff (GET /staff), on today's board or not. */
export const rosterMemberSchema = z.strictObject({
  id: z.string(),
  name: z.string().nullable(),
  role: staffRoleSchema,
  team: z.string().nullable(),
  departedAt: instantSchema.nullable(),
  departedAtLocal: localTimeSchema,
  /** The end of their latest suspension from new parties (ROT-14), while it runs. */
  suspendedUntil: instantSchema.nullable(),
  suspendedUntilLocal: localTimeSchema,
  /** Suspended now (their own suspension, or their team benched today, ROT-13). */
  suspended: z.boolean(),
  onFloor: z.boolean(),
  state: seatStateSchema.nullable(),
  newToday: z.number(),
  /** Customers they own now (consultants). */
  customers: z.number(),
});
export type RosterMember = ReadonlyDeep<z.infer<typeof rosterMemberSchema>>;

export const rosterSchema = z.strictObject({ staff: z.array(rosterMemberSchema) });

/** Grounds a party is received on that count as a customer received (not a non-customer handled). */
export const receivedAsSchema = z.enum(['turn', 'makeUp', 'owner', 'designated', 'cover', 'offHours'] as const satisfies readonly ReceiveAs[]);
export type ReceivedAs = ReadonlyDeep<z.infer<typeof receivedAsSchema>>;

export const consultantMonthSchema = z.strictObject({
  who: z.string(),
  name: z.string().nullable(),
  /** When they left, if they did (their row stays for the month they worked). */
  departedAt: instantSchema.nullable(),
  /** Parties received, by ground; a party declined (ROT-4) is taken off its decliner. */
  received: z.record(receivedAsSchema, z.number()),
  receivedTotal: z.number(),
  declined: z.number(),
  /** Registrations entered for them, and how many were valid (REG-2). */
  registrations: z.number(),
  validRegistrations: z.number(),
  /** Follow-ups logged, and those that reached the customer (OWN-3). */
  followUps: z.number(),
  reached: z.number(),
  owned: z.number(),
  /** Orders opened in the month that they closed (DEAL-1), and their shares summed over them (DEAL-3). */
  orders: z.number(),
  credit: z.number(),
});
export type ConsultantMonth = ReadonlyDeep<z.infer<typeof consultantMonthSchema>>;

/** GET /performance: a project-local month (REP-1); a consultant gets their own row only. */
/** The consultants' month, and the team pool's (团奖) credit beside them: a credit holder in every report (DEAL-5). */
export const monthReportSchema = z.strictObject({ month: z.string(), start: instantSchema, end: instantSchema, consultants: z.array(consultantMonthSchema), pool: z.number() });
export type MonthReport = ReadonlyDeep<z.infer<typeof monthReportSchema>>;
