// GET /violations: the violation register (PEN-1, ROT-14) — every violation with its evidence, sanction and
// appeal; a consultant (or any member of staff) sees their own.
import { z } from 'zod';
import type { ViolationRule } from '../core/violation.rules.ts';
import { allOf, idSchema, instantSchema, localTimeSchema, type ReadonlyDeep } from './common.contract.ts';

/** The office rules a violation names (the core's list; `allOf` fails to compile if they drift). */
export const violationRuleSchema = z.enum(allOf<ViolationRule>()(['customerTheft', 'quarrel', 'lateRegistration', 'refusedSlip', 'queueBreach', 'outsideDeal', 'other']));

export const violationsQuery = z.strictObject({ of: idSchema.optional() });

export const violationViewSchema = z.strictObject({
  id: z.number(),
  at: instantSchema,
  atLocal: localTimeSchema,
  who: z.string(),
  rule: violationRuleSchema,
  on: instantSchema,
  onLocal: localTimeSchema,
  evidence: z.array(z.number()),
  sanction: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('warning') }),
    z.strictObject({ kind: z.literal('fine'), amount: z.number() }),
    z.strictObject({ kind: z.literal('suspension'), days: z.number(), until: instantSchema, untilLocal: localTimeSchema }),
  ]),
  /** Whether the sanction keeps the person off the queue now (ROT-14). */
  suspendedNow: z.boolean(),
  by: z.string(),
  note: z.string().nullable(),
  appeal: z.enum(['none', 'filed', 'upheld', 'overturned']),
  grounds: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type ViolationView = ReadonlyDeep<z.infer<typeof violationViewSchema>>;

export const violationsAnswerSchema = z.strictObject({ violations: z.array(violationViewSchema), names: z.record(z.string(), z.string().nullable()) });
export type ViolationsAnswer = ReadonlyDeep<z.infer<typeof violationsAnswerSchema>>;
