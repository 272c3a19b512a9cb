// Signing in and out, the session, and the projects a user can open (outside any project).
import { z } from 'zod';
import { policySchema } from '../core/policy.ts';
import { isValidZone } from '../core/time.ts';
import { accountRoleSchema, instantSchema, projectIdSchema, projectRoleSchema, type ReadonlyDeep } from './common.contract.ts';

/** The longest password accepted (longer ones are refused before hashing: hashing is the costly part). */
export const MAX_PASSWORD_LENGTH = 256;

export const loginBody = z.strictObject({ login: z.string().min(1).max(100), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });

export const newProjectBody = z.strictObject({
  id: projectIdSchema.regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -'),
  name: z.string().trim().min(1).max(100),
  zone: z.string().refine(isValidZone, 'an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  policy: policySchema.optional(),
});

export const membershipSchema = z.strictObject({
  project: z.string(),
  projectName: z.string().nullable(),
  /** The project's IANA time zone: every instant on its screens is shown in it. */
  zone: z.string().nullable(),
  /** Display names of the project's brokers by broker id (empty for a broker: no competitor is shown). */
  brokerNames: z.record(z.string(), z.string()),
  role: projectRoleSchema,
  /** The staff id the person acts as in the project (staff roles), or the broker id (role broker). */
  staffId: z.string().nullable(),
  brokerId: z.string().nullable(),
  /**
   * The endpoints (actions and reads, by name) the role may call in this project: the API's own role × endpoint
   * table (src/api/access.policy.ts), sent so that a screen shows only the actions the server will take (issue 16.4).
   */
  allowed: z.array(z.string()),
});
export type Membership = ReadonlyDeep<z.infer<typeof membershipSchema>>;

/** POST and GET /api/session. The CSRF token goes back in every write's X-CSRF-Token header. */
export const sessionInfoSchema = z.strictObject({
  user: z.strictObject({ id: z.string(), login: z.string(), displayName: z.string(), admin: z.boolean() }),
  memberships: z.array(membershipSchema),
  csrfToken: z.string(),
  expiresAt: instantSchema,
});
export type SessionInfo = ReadonlyDeep<z.infer<typeof sessionInfoSchema>>;

export const signedOutSchema = z.strictObject({ signedOut: z.literal(true) });

export const projectInfoSchema = z.strictObject({ id: z.string(), name: z.string(), zone: z.string() });
export type ProjectInfo = ReadonlyDeep<z.infer<typeof projectInfoSchema>>;

/** GET /api/projects: the projects the user can open, with their role in each (admin: every project). */
export const projectsAnswerSchema = z.strictObject({ projects: z.array(projectInfoSchema.extend({ role: accountRoleSchema })) });
