// Questions about customers: the front desk's judge (判客), the ownership check, a customer's timeline,
// a consultant's own customers, and the log of full reads (SEC-2). Customers appear as the caller may
// see them (SEC-1): in full, or masked with the owner's name.
import { z } from 'zod';
import { protectionStageViewSchema } from './channel.contract.ts';
import { countSchema, explained, idSchema, instantSchema, localTimeSchema, namesSchema, phoneLookupSchema, projectIdSchema, receiveAsSchema, recordedAt, shownCustomerSchema, staffRefSchema, type ReadonlyDeep } from './common.contract.ts';

export const phoneParams = z.strictObject({ project: projectIdSchema, phone: phoneLookupSchema });

/** GET /judge: by phone, or by surname and car plate (REG-4). */
export const judgeQuery = z
  .strictObject({
    phone: phoneLookupSchema.optional(),
    surname: z.string().trim().min(1).max(8).optional(),
    plate: z.string().trim().min(1).max(16).optional(),
  })
  .refine((q) => q.phone !== undefined || (q.surname !== undefined && q.plate !== undefined), { message: 'give phone, or surname and plate (REG-4)' })
  .transform((q) => (q.phone !== undefined ? { phone: q.phone } : { surname: q.surname ?? '', plate: q.plate ?? '' }));

/** GET /my-customers: whose (managers and supervisors name a consultant; a consultant gets their own), a page at a time. */
export const myCustomersQuery = z.strictObject({
  of: idSchema.optional(),
  offset: countSchema.optional(),
  limit: countSchema.pipe(z.number().int().min(1).max(1000)).optional(),
});

export const recordReadsQuery = z.strictObject({
  customer: phoneLookupSchema.optional(),
  before: countSchema.optional(),
  limit: countSchema.pipe(z.number().int().min(1).max(500)).optional(),
});

/** The broker whose protection covers the customer now (CH-4), until when, and why. */
export const channelViewSchema = z.strictObject({ broker: z.string(), until: instantSchema, untilLocal: localTimeSchema, ...explained, /** CH-9: the stage and when it ends. */ stage: protectionStageViewSchema.optional() });
export type ChannelView = ReadonlyDeep<z.infer<typeof channelViewSchema>>;

/** Whose the customer is now and until when (OWN-2). */
const ownership = {
  owner: staffRefSchema.nullable(),
  protectedUntil: instantSchema.nullable(),
  protectedUntilLocal: localTimeSchema,
  lastContact: instantSchema.nullable(),
};
export const ownershipViewSchema = z.strictObject(ownership);
export type OwnershipView = ReadonlyDeep<z.infer<typeof ownershipViewSchema>>;

/** GET /judge: new, or whose and until when; broker protection, family, and who would receive them now (nothing is recorded). */
export const judgementSchema = z.strictObject({
  status: z.enum(['owned', 'new']),
  identifiedBy: z.enum(['phone', 'plate']).nullable(),
  known: z.boolean(),
  customer: shownCustomerSchema.nullable(),
  ...ownership,
  channel: channelViewSchema.nullable(),
  family: z.array(shownCustomerSchema.extend({ relation: z.string() })),
  suggested: z.strictObject({ receiver: staffRefSchema.nullable(), as: receiveAsSchema.nullable(), ...explained }),
  ...explained,
  /** When the customer last arrived: the desk warns before admitting the same party twice within minutes (issue 12.6). */
  lastArrival: instantSchema.nullable(),
});
export type Judgement = ReadonlyDeep<z.infer<typeof judgementSchema>>;

/** GET /customers/:phone/ownership. */
export const ownershipAnswerSchema = z.strictObject({ ...ownership, channel: channelViewSchema.nullable(), ...explained });
export type OwnershipAnswer = ReadonlyDeep<z.infer<typeof ownershipAnswerSchema>>;

/** A recorded fact as the timeline lists it: its own fields, and its time in local words. */
export const recordedFactSchema = z.looseObject({ ...recordedAt, type: z.string() });
export type RecordedFact = ReadonlyDeep<z.infer<typeof recordedFactSchema>>;

/** GET /customers/:phone/timeline: for another's customer only what SEC-1 allows (no spans, no records). */
export const timelineSchema = z.strictObject({
  names: namesSchema,
  customer: shownCustomerSchema,
  household: z.array(shownCustomerSchema),
  ...ownership,
  spans: z.array(z.strictObject({ owner: z.string(), from: instantSchema, until: instantSchema.nullable() })).nullable(),
  channel: channelViewSchema.nullable(),
  ...explained,
  records: z.array(recordedFactSchema).nullable(),
});
export type Timeline = ReadonlyDeep<z.infer<typeof timelineSchema>>;

export const ownedCustomerSchema = shownCustomerSchema.extend({
  protectedUntil: instantSchema.nullable(),
  protectedUntilLocal: localTimeSchema,
  lastContact: instantSchema.nullable(),
  channel: z.string().nullable(),
  /** The next step of the consultant's latest follow-up (B级卡), due when its day is today or past. */
  nextStep: z.strictObject({ next: z.string(), on: z.string().nullable(), due: z.boolean() }).nullable(),
  /** 000 细则 四.2 (`reassignedOwns: atFirstContact`): given to me, mine from my first effective contact. */
  pending: z.literal(true).optional(),
});
export type OwnedCustomer = ReadonlyDeep<z.infer<typeof ownedCustomerSchema>>;

/** GET /my-customers: protection running out first (OWN-2). */
export const myCustomersSchema = z.strictObject({ of: z.string(), total: z.number(), customers: z.array(ownedCustomerSchema) });
export type MyCustomers = ReadonlyDeep<z.infer<typeof myCustomersSchema>>;

export const recordReadSchema = z.strictObject({
  id: z.number(),
  at: instantSchema,
  userId: z.string(),
  login: z.string(),
  /** The reader's display name (null when the account is gone). */
  name: z.string().nullable(),
  project: z.string(),
  /** The customer's normalised phone. */
  customer: z.string(),
  endpoint: z.string(),
});
export type RecordRead = ReadonlyDeep<z.infer<typeof recordReadSchema>>;

/** GET /record-reads: newest first (SEC-2). */
export const recordReadsSchema = z.strictObject({ reads: z.array(recordReadSchema) });
