// tv-pairing (issue 16.1): paired floor displays. The TV asks for a code and waits; the manager enters it with
// a name; the display then reads the board with its own credential until a manager revokes it.
import { z } from 'zod';
import { idSchema, instantSchema, projectIdSchema, type ReadonlyDeep } from './common.contract.ts';

/** POST /api/display-pairing: the 6-digit code the TV shows, and until when it may be entered. */
export const pairingCodeSchema = z.strictObject({ code: z.string(), expiresAt: instantSchema });
export type PairingCode = ReadonlyDeep<z.infer<typeof pairingCodeSchema>>;

/** GET /api/display-pairing: what the TV asking is — showing a code, paired (to a project), revoked since, or none of these. */
export const pairingStateSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('waiting'), code: z.string(), expiresAt: instantSchema }),
  z.strictObject({ state: z.literal('paired'), project: z.string(), name: z.string() }),
  z.strictObject({ state: z.literal('revoked') }),
  z.strictObject({ state: z.literal('none') }),
]);
export type PairingStateAnswer = ReadonlyDeep<z.infer<typeof pairingStateSchema>>;

/** GET /api/display: the display itself, for the board's header and clock. */
export const displaySelfSchema = z.strictObject({ id: z.string(), name: z.string(), project: z.string(), projectName: z.string().nullable(), zone: z.string() });
export type DisplaySelf = ReadonlyDeep<z.infer<typeof displaySelfSchema>>;

/** One paired display as the manager's list shows it; revoked ones stay listed (the audit). */
export const displayRecordSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** Logins, and the names the screens show. */
  pairedBy: z.string(),
  pairedByName: z.string().nullable(),
  pairedAt: instantSchema,
  revokedBy: z.string().nullable(),
  revokedByName: z.string().nullable(),
  revokedAt: instantSchema.nullable(),
  lastSeenAt: instantSchema.nullable(),
});
export type DisplayRecord = ReadonlyDeep<z.infer<typeof displayRecordSchema>>;

export const displaysAnswerSchema = z.strictObject({ displays: z.array(displayRecordSchema) });
export type DisplaysAnswer = ReadonlyDeep<z.infer<typeof displaysAnswerSchema>>;

export const pairDisplayBody = z.strictObject({
  code: z.string().trim().regex(/^\d{6}$/, '6 digits'),
  name: z.string().trim().min(1).max(40),
});
export type PairDisplayBody = z.input<typeof pairDisplayBody>;

export const displayParams = z.strictObject({ project: projectIdSchema, display: idSchema });
