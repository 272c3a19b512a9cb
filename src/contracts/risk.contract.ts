// GET /risk-alerts (RISK-1): the manager's anomaly alerts over the last days, each naming its records.
import { z } from 'zod';
import { instantSchema, localTimeSchema, type ReadonlyDeep } from './common.contract.ts';

export const riskQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(92).optional(),
  edits: z.coerce.number().int().min(2).max(50).optional(),
  followers: z.coerce.number().int().min(2).max(50).optional(),
  brokers: z.coerce.number().int().min(2).max(20).optional(),
  reportAfterArrivalMinutes: z.coerce.number().int().min(1).max(24 * 60).optional(),
});

export const riskAlertSchema = z.strictObject({
  kind: z.enum(['repeatedEdits', 'manyFollowers', 'brokerHopping', 'reportAfterArrival']),
  /** Masked: the alert points the manager at the customer; the register opens the record. */
  phone: z.string(),
  who: z.string().nullable(),
  at: instantSchema,
  atLocal: localTimeSchema,
  records: z.array(z.number()),
});
export type RiskAlertView = ReadonlyDeep<z.infer<typeof riskAlertSchema>>;
export const riskAnswerSchema = z.strictObject({ since: instantSchema, alerts: z.array(riskAlertSchema), names: z.record(z.string(), z.string().nullable()) });
export type RiskAnswer = ReadonlyDeep<z.infer<typeof riskAnswerSchema>>;
