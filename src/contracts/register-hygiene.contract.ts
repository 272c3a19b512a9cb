// Register hygiene reads (issue 12.2): GET /judge/by-name (REG-4: the desk judges by full name; candidates
// masked per role, SEC-1) and GET /register/pending (late entries waiting for the manager, REG-5; entries
// made without a phone waiting to be identified, REG-7).
import { z } from 'zod';
import { explained, idSchema, instantSchema, localTimeSchema, namesSchema, shownCustomerSchema, staffRefSchema, type ReadonlyDeep } from './common.contract.ts';

export const judgeByNameQuery = z.strictObject({ name: z.string().trim().min(2).max(20) });

export const nameCandidateSchema = z.strictObject({
  customer: shownCustomerSchema,
  owner: staffRefSchema.nullable(),
  protectedUntil: instantSchema.nullable(),
  protectedUntilLocal: localTimeSchema,
  lastArrival: instantSchema.nullable(),
  ...explained,
});
export const judgeByNameSchema = z.strictObject({
  /** How many customers share the name; `candidates` lists the first ones. */
  total: z.number(),
  candidates: z.array(nameCandidateSchema),
  ...explained,
});
export type NameCandidate = ReadonlyDeep<z.infer<typeof nameCandidateSchema>>;
export type JudgeByName = ReadonlyDeep<z.infer<typeof judgeByNameSchema>>;

export const pendingEntriesQuery = z.strictObject({ of: idSchema.optional() });

export const pendingEntrySchema = z.strictObject({
  entry: z.number(),
  at: instantSchema,
  atLocal: localTimeSchema,
  by: z.string(),
  consultant: z.string().nullable(),
  via: z.enum(['visit', 'call']),
  /** The customer, masked unless the caller may see them (SEC-1); null for an entry without a phone. */
  customer: shownCustomerSchema.nullable(),
  /** The surname or name as written (masked with the customer). */
  name: z.string().nullable(),
  valid: z.boolean(),
  /** REG-5: when the visit happened. */
  visitedAt: instantSchema.nullable(),
  visitedAtLocal: localTimeSchema,
  /** REG-7: the units viewed and how the visitor looked. */
  units: z.string().nullable(),
  appearance: z.string().nullable(),
  /** REG-5: who owns the customer now, so the manager sees what approving would change. */
  owner: staffRefSchema.nullable(),
});
export const pendingEntriesSchema = z.strictObject({ late: z.array(pendingEntrySchema), unidentified: z.array(pendingEntrySchema), names: namesSchema });
export type PendingEntry = ReadonlyDeep<z.infer<typeof pendingEntrySchema>>;
export type PendingEntries = ReadonlyDeep<z.infer<typeof pendingEntriesSchema>>;
