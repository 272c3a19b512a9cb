// GET /daily-summary (issue 11.5): the day's summary the manager's dashboard shows from the policy's hour,
// each figure with the records behind it; GET /daily-summary/export: the same as .xlsx.
import { z } from 'zod';
import type { ReadonlyDeep } from './common.contract.ts';

const figureSchema = z.strictObject({ count: z.number(), phones: z.array(z.string()), seqs: z.array(z.number()) });

export const dailySummarySchema = z.strictObject({
  day: z.string(),
  readyAt: z.number(),
  readyAtLocal: z.string(),
  nextAt: z.number(),
  nextAtLocal: z.string(),
  newVisits: figureSchema,
  returningVisits: figureSchema,
  calls: figureSchema,
  deposits: figureSchema,
  subscriptions: figureSchema,
  contracts: figureSchema,
  followUpMisses: figureSchema,
  lapsing: figureSchema,
});
export type DailySummaryView = ReadonlyDeep<z.infer<typeof dailySummarySchema>>;
