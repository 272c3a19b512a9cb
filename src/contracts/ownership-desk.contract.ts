// GET /ownership-desk (OWN-9, OWN-11, OWN-13): the next introduced customer's consultant, the commission rate,
// the last frozen register. GET /alerts/mine (RISK-2): the caller's unread arrival alerts.
import { z } from 'zod';
import { explained, instantSchema, localTimeSchema, namesSchema, type ReadonlyDeep } from './common.contract.ts';
import { ownerAlertSchema } from './floor.contract.ts';

export const ownershipDeskSchema = z.strictObject({
  next: z.string().nullable(),
  ...explained,
  rate: z.number(),
  assigned: z.number(),
  lastFrozen: z.strictObject({ seq: z.number(), at: instantSchema, atLocal: localTimeSchema, by: z.string(), count: z.number() }).nullable(),
  recycleDays: z.number().nullable(),
  reassignedOwns: z.enum(['atAssignment', 'atFirstContact']),
  names: namesSchema,
});
export type OwnershipDeskView = ReadonlyDeep<z.infer<typeof ownershipDeskSchema>>;

export const myAlertsSchema = z.strictObject({ alerts: z.array(ownerAlertSchema) });
export type MyAlerts = ReadonlyDeep<z.infer<typeof myAlertsSchema>>;
