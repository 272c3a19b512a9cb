// The admin workspace outside any project (/api/admin/…): users and their roles per project, password
// resets, the audit of account changes, and the two-person erasure of a customer's personal data (SEC-5).
// The projects' own setup (staff, brokers, policy, units) goes through the project commands.
import { z } from 'zod';
import { idSchema, instantSchema, projectIdSchema, projectRoleSchema, type ReadonlyDeep } from './common.contract.ts';
import { MAX_PASSWORD_LENGTH } from './session.contract.ts';

const loginSchema = z.string().trim().min(1).max(64);
const passwordSchema = z.string().min(1).max(MAX_PASSWORD_LENGTH);

export const adminLoginParams = z.strictObject({ login: loginSchema });
export const erasureParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const newUserBody = z.strictObject({ login: loginSchema, displayName: z.string().trim().min(1).max(100), password: passwordSchema });
/** An admin may make another administrator (SEC-5's erasures need a second one). */
export const newAccountBody = newUserBody.extend({ admin: z.boolean().optional() });
export const passwordBody = z.strictObject({ password: passwordSchema });
export const activeBody = z.strictObject({ active: z.boolean() });
/** A role in one project, acting as a staff id (staff roles) or a broker id (broker). */
export const grantBody = z.strictObject({ project: projectIdSchema, role: projectRoleSchema, staffId: idSchema.optional(), brokerId: idSchema.optional() });
export const endRoleBody = z.strictObject({ project: projectIdSchema });
export const erasureBody = z.strictObject({ project: projectIdSchema, phone: z.string().trim().min(3).max(40), reason: z.string().trim().min(1).max(500) });

export const directoryEntrySchema = z.strictObject({
  login: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  admin: z.boolean(),
  memberships: z.array(z.strictObject({ project: z.string(), role: projectRoleSchema, staffId: z.string().nullable(), brokerId: z.string().nullable() })),
});
export type DirectoryEntry = ReadonlyDeep<z.infer<typeof directoryEntrySchema>>;
export const usersAnswerSchema = z.strictObject({ users: z.array(directoryEntrySchema) });

export const accountChangeActionSchema = z.enum(['userCreated', 'userDisabled', 'userEnabled', 'passwordReset', 'roleGranted', 'roleEnded', 'erasureRequested', 'erasureApproved']);
export type AccountChangeAction = z.infer<typeof accountChangeActionSchema>;
export const accountChangeSchema = z.strictObject({
  id: z.number(),
  at: instantSchema,
  byLogin: z.string(),
  action: accountChangeActionSchema,
  login: z.string().nullable(),
  project: z.string().nullable(),
  detail: z.record(z.string(), z.string()),
});
export type AccountChangeView = ReadonlyDeep<z.infer<typeof accountChangeSchema>>;
export const accountChangesAnswerSchema = z.strictObject({ changes: z.array(accountChangeSchema) });

/** An erasure request waiting for a second admin (SEC-5), or the one just approved. */
export const erasureAnswerSchema = z.strictObject({ request: z.number(), approved: z.boolean(), erased: z.number().optional(), seq: z.number().optional() });
export const pendingErasuresSchema = z.strictObject({ pending: z.array(accountChangeSchema) });

/** GET /api/setup: whether the install is empty (no user at all), so the first administrator may be made. */
export const firstRunSchema = z.strictObject({ needsAdmin: z.boolean() });
export type FirstRun = ReadonlyDeep<z.infer<typeof firstRunSchema>>;
