// The floor (ROT-15): the board, today's turns, a unit's credit, and what the live stream sends.
import { z } from 'zod';
import { countSchema, idSchema, instantSchema, namesSchema, projectIdSchema, reasonSchema, recordedAt, receiveAsSchema, seatStateSchema, staffRefSchema, type ReadonlyDeep } from './common.contract.ts';

export const unitParams = z.strictObject({ project: projectIdSchema, unit: idSchema });
/** The stream resends what came after this seq (the last event id the client saw). */
export const streamHeaders = z.object({ 'last-event-id': countSchema.optional() });

export const seatSchema = z.strictObject({
  who: z.string(),
  unit: z.string(),
  state: seatStateSchema,
  /** When the current reception began, if receiving. */
  busySince: instantSchema.nullable(),
  newToday: z.number(),
});
export type Seat = ReadonlyDeep<z.infer<typeof seatSchema>>;

/** GET /floor: who is up and why, the queue, owed make-ups by unit, the seats, and the names on the board. */
export const boardSchema = z.strictObject({
  day: z.string(),
  up: z.strictObject({ unit: z.string(), who: z.string(), via: z.enum(['turn', 'makeUp']), reasons: z.array(reasonSchema) }).nullable(),
  queue: z.array(z.string()),
  makeUps: z.record(z.string(), z.number()),
  seats: z.array(seatSchema),
  names: namesSchema,
});
export type Board = ReadonlyDeep<z.infer<typeof boardSchema>>;

/** A turn taken today: an arrival, or a party declined. The customer is masked whoever asks (the log is floor-wide, SEC-1). */
export const todayReceptionSchema = z.strictObject({
  ...recordedAt,
  kind: z.enum(['arrival', 'declined']),
  declinedBy: z.string().optional(),
  receiver: z.string().nullable(),
  as: receiveAsSchema.nullable(),
  phone: z.string().nullable(),
  broker: z.string().nullable(),
  channel: z.string().nullable(),
});
export type TodayReception = ReadonlyDeep<z.infer<typeof todayReceptionSchema>>;

export const todayAnswerSchema = z.strictObject({ floor: boardSchema, receptions: z.array(todayReceptionSchema) });
export type TodayAnswer = ReadonlyDeep<z.infer<typeof todayAnswerSchema>>;

/** GET /units/:unit/credit: the performance shares of the unit's live order (DEAL-1..4). */
export const unitCreditSchema = z.strictObject({
  unit: z.string(),
  order: z
    .strictObject({ stage: z.string(), closer: z.string(), firstAt: instantSchema, credit: z.record(z.string(), z.number()), reasons: z.array(reasonSchema) })
    .nullable(),
});
export type UnitCredit = ReadonlyDeep<z.infer<typeof unitCreditSchema>>;

/** The stream's `update` event: the new facts (never their personal data) and the fresh board. */
export const liveUpdateSchema = z.strictObject({
  facts: z.array(z.strictObject({ seq: z.number(), type: z.string(), at: instantSchema })),
  floor: boardSchema,
});
export type LiveUpdate = ReadonlyDeep<z.infer<typeof liveUpdateSchema>>;

/** The stream's `ownerAlert` event (RISK-2): the owner's customer walked in — sent to the owner alone, in full (SEC-1). */
export const ownerAlertSchema = z.strictObject({
  ...recordedAt,
  customer: z.strictObject({ phone: z.string(), name: z.string().nullable() }),
  /** Who received them, on what ground: the owner themself (`owner`), or someone covering (`cover`, ROT-11). */
  receiver: staffRefSchema.nullable(),
  as: receiveAsSchema.nullable(),
  /** Someone other than the owner is with the customer. */
  covering: z.boolean(),
  broker: z.string().nullable(),
});
export type OwnerAlert = ReadonlyDeep<z.infer<typeof ownerAlertSchema>>;

