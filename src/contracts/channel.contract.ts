// The broker side (CH-1..10): a broker's application and its decision, the broker's own reports with their
// status and escort code, the front desk's escort admission, the viewing confirmation, the channel
// assistant's workspace (expected arrivals, approvals, the manual-check queue, outstanding confirmations,
// natural visits, probing, ranking). Customers appear as the caller may see them (SEC-1): a broker sees
// only what they reported, and a refusal says only "already protected" (never whose).
import { z } from 'zod';
import { policySchema } from '../core/policy.ts';
import { explained, idSchema, instantSchema, localTimeSchema, namesSchema, projectIdSchema, rawPhoneSchema, reasonSchema, shownCustomerSchema, type ReadonlyDeep } from './common.contract.ts';

const nameSchema = z.string().trim().min(1).max(64);
/** A reason people must write (a rejection, a refusal, a manual-check decision): not blank. */
const reasonText = z.string().trim().min(1).max(500);
/** A recorded fact's seq (an arrival, a report), in a body. */
const seqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const brokerKindSchema = z.enum(['agency', 'distributor', 'individual']);
export type BrokerKindName = z.infer<typeof brokerKindSchema>;
/** A broker's standing: applied and waiting, approved (may report), or rejected (with the reason). */
export const brokerStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export type BrokerStatus = z.infer<typeof brokerStatusSchema>;

/** Who a broker is: an individual (全民经纪人) or one of a channel company's (中介/分销公司) brokers, in a store. */
export const brokerProfileSchema = z.strictObject({
  id: idSchema,
  kind: brokerKindSchema,
  /** The channel company (中介/分销公司); none for an individual broker. */
  company: nameSchema.optional(),
  /** 门店 */
  store: nameSchema.optional(),
  /** The company's lead sees every report of the company's brokers. */
  companyLead: z.boolean().optional(),
  /** The broker's display name. */
  name: nameSchema,
});
export type BrokerProfile = ReadonlyDeep<z.infer<typeof brokerProfileSchema>>;

// ---- commands (POST /api/projects/:project/commands/<action>; merged into COMMAND_BODIES) ----

export const CHANNEL_COMMAND_BODIES = {
  /** CH-1: a consultant enters an individual broker (全民经纪人) on their behalf, or the sign-up route files an application. */
  applyBroker: z.strictObject({ broker: brokerProfileSchema, by: idSchema.optional() }),
  /** CH-2: the channel manager approves a pending (or rejected) broker. */
  approveBroker: z.strictObject({ broker: idSchema, by: idSchema.optional() }),
  rejectBroker: z.strictObject({ broker: idSchema, by: idSchema.optional(), reason: reasonText }),
  /** CH-6: the desk logs the exit time of a broker-brought party (the arrival's seq). */
  leave: z.strictObject({ arrival: seqSchema, by: idSchema.optional() }),
  /** CH-7: the consultant completes the viewing confirmation (看房确认单) with the customer's confirmation. */
  confirmViewing: z.strictObject({ arrival: seqSchema, by: idSchema.optional(), customerConfirmed: z.literal(true) }),
  /** CH-7: the consultant refuses the confirmation: a violation recorded against the consultant. */
  refuseConfirmation: z.strictObject({ arrival: seqSchema, by: idSchema.optional(), reason: reasonText }),
  /** CH-7: the manager marks a fake customer (or a pure gift collector): a violation recorded against the broker. */
  markFake: z.strictObject({ arrival: seqSchema, by: idSchema.optional(), reason: reasonText }),
  /** CH-8: the channel assistant decides a manual check (an arrival or a masked report), with a reason. */
  decideManualCheck: z.strictObject({
    ref: seqSchema,
    by: idSchema.optional(),
    /** Whether the broker's report is recognised for this customer. */
    recognised: z.boolean(),
    /** The customer the masked report meant (full number), when recognised on a report. */
    phone: rawPhoneSchema.optional(),
    reason: reasonText,
  }),
} as const;

/** The `report` body adds the expected visit time to what commands.contract.ts has (CH-5). */
export const reportExpectedAtSchema = instantSchema.optional();

// ---- the public sign-up: POST /api/channel/apply ----

/** A broker applies: the account is created with role broker, pending until the channel manager decides (CH-2). */
export const brokerApplyBody = z.strictObject({
  project: projectIdSchema,
  login: z.string().trim().min(3).max(64),
  password: z.string().min(8).max(200),
  kind: z.enum(['agency', 'distributor', 'individual']),
  name: nameSchema,
  company: nameSchema.optional(),
  store: nameSchema.optional(),
  companyLead: z.boolean().optional(),
});
export type BrokerApplyBody = z.infer<typeof brokerApplyBody>;

/** The broker's application as they (and the channel manager) see it. */
export const brokerApplicationSchema = z.strictObject({
  broker: z.strictObject({ id: z.string(), kind: brokerKindSchema, company: z.string().nullable(), store: z.string().nullable(), companyLead: z.boolean(), name: z.string().nullable() }),
  status: brokerStatusSchema,
  appliedAt: instantSchema.nullable(),
  appliedAtLocal: localTimeSchema,
  /** Who decided and why (a rejection's reason). */
  decidedAt: instantSchema.nullable(),
  decidedAtLocal: localTimeSchema,
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** Who entered it (an individual broker entered by a consultant), if not the broker. */
  enteredBy: z.string().nullable(),
});
export type BrokerApplication = ReadonlyDeep<z.infer<typeof brokerApplicationSchema>>;

/** POST /api/channel/apply answers 201 with the login and the pending application. */
export const brokerApplyAnswerSchema = z.strictObject({ login: z.string(), project: z.string(), application: brokerApplicationSchema });
export type BrokerApplyAnswer = ReadonlyDeep<z.infer<typeof brokerApplyAnswerSchema>>;

// ---- the broker's reads ----

/** A report's status for its broker: protected (live), visited (a recognised visit), lapsed, refused (and why). */
export const reportStatusSchema = z.enum(['protected', 'visited', 'lapsed', 'refused']);
export type ReportStatus = z.infer<typeof reportStatusSchema>;
/** CH-9: which stage of protection a live report is in; `reportToDeal` under the standard one-stage mode. */
export const protectionStageSchema = z.enum(['reportToDeal', 'reportToVisit', 'visitToDeal']);
export type ProtectionStage = z.infer<typeof protectionStageSchema>;

export const brokerReportSchema = z.strictObject({
  seq: z.number(),
  at: instantSchema,
  atLocal: localTimeSchema,
  broker: z.string(),
  /** As the broker reported it: the full number they typed, or the mask (CH-8); masked for a company lead reading a colleague's. */
  customer: shownCustomerSchema,
  expectedAt: instantSchema.nullable(),
  expectedAtLocal: localTimeSchema,
  status: reportStatusSchema,
  stage: protectionStageSchema.nullable(),
  /** When protection ends (the current stage's end under CH-9); null when not protected. */
  protectedUntil: instantSchema.nullable(),
  protectedUntilLocal: localTimeSchema,
  visitedAt: instantSchema.nullable(),
  /** Whether the escort code can be shown (a live report, not yet used at an arrival). */
  escortAvailable: z.boolean(),
  /** Why (a refusal says only "already protected" to a broker, never whose: issue 14 item 5). */
  ...explained,
});
export type BrokerReport = ReadonlyDeep<z.infer<typeof brokerReportSchema>>;

/** GET /channel/my-reports?scope=own|company: the broker's reports (a company lead: the company's), newest first. */
export const myReportsQuery = z.strictObject({ scope: z.enum(['own', 'company']).optional() });
export const myReportsSchema = z.strictObject({ now: instantSchema, reports: z.array(brokerReportSchema), names: namesSchema });
export type MyReports = ReadonlyDeep<z.infer<typeof myReportsSchema>>;

export const reportParams = z.strictObject({ project: projectIdSchema, report: z.string().regex(/^\d{1,15}$/, 'a report number').transform(Number) });

/** GET /channel/reports/:report/escort: the live report's escort code (CH-10): six digits and a signed QR payload. */
export const escortCodeSchema = z.strictObject({
  report: z.number(),
  /** Six digits the desk types. */
  code: z.string().regex(/^\d{6}$/),
  /** The QR payload: a signed token the desk scans. */
  token: z.string(),
  /** The code and token stop working at this instant (a new one is shown before). */
  expiresAt: instantSchema,
  validSeconds: z.number(),
});
export type EscortCode = ReadonlyDeep<z.infer<typeof escortCodeSchema>>;

// ---- the desk: escort admission (CH-10, CH-5, CH-6) ----

/** POST /channel/admit: the party arrives with the broker; the desk types the six digits (with the phone) or scans the QR token. */
export const escortAdmitBody = z
  .strictObject({
    phone: rawPhoneSchema,
    name: nameSchema.optional(),
    code: z.string().trim().regex(/^\d{6}$/, 'six digits').optional(),
    token: z.string().min(1).max(1000).optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.token === undefined), { message: 'either the six-digit code or the scanned token' });
export type EscortAdmitBody = z.infer<typeof escortAdmitBody>;

/** What the desk is told: the recorded arrival (who receives, the recognised channel), the report and broker the code proved. */
export const escortAdmitAnswerSchema = z.strictObject({
  seq: z.number().nullable(),
  report: z.number(),
  broker: z.string(),
  receiver: z.string().nullable().optional(),
  channel: z.string().nullable().optional(),
  reasons: z.array(reasonSchema),
});
export type EscortAdmitAnswer = ReadonlyDeep<z.infer<typeof escortAdmitAnswerSchema>>;

// ---- the channel assistant's workspace ----

export const expectedArrivalSchema = z.strictObject({
  report: z.number(),
  broker: z.string(),
  customer: shownCustomerSchema,
  expectedAt: instantSchema,
  expectedAtLocal: localTimeSchema,
  arrived: z.boolean(),
});
export const manualCheckSchema = z.strictObject({
  /** The arrival or masked report to decide (the `ref` of decideManualCheck). */
  ref: z.number(),
  kind: z.enum(['arrival', 'report']),
  at: instantSchema,
  atLocal: localTimeSchema,
  broker: z.string(),
  /** The mask as reported, and the known customers it fits (masked, with surname). */
  mask: z.string(),
  candidates: z.array(shownCustomerSchema),
});
export const outstandingConfirmationSchema = z.strictObject({
  arrival: z.number(),
  at: instantSchema,
  atLocal: localTimeSchema,
  broker: z.string(),
  customer: shownCustomerSchema,
  receiver: z.string().nullable(),
  leftAt: instantSchema.nullable(),
  leftAtLocal: localTimeSchema,
});
export const naturalVisitFlagSchema = z.strictObject({ report: z.number(), at: instantSchema, atLocal: localTimeSchema, broker: z.string(), customer: shownCustomerSchema });
/** CH-3 probing (issue 14 item 5): a broker's refused reports in the last hour, and whether they are held back now. */
export const probeRowSchema = z.strictObject({ broker: z.string(), refusedLastHour: z.number(), limited: z.boolean() });
export const brokerRankRowSchema = z.strictObject({ broker: z.string(), company: z.string().nullable(), reports: z.number(), accepted: z.number(), visits: z.number(), deals: z.number(), violations: z.number() });
export const pendingApprovalSchema = brokerApplicationSchema;

/** GET /channel/workspace: the channel assistant's desk. */
export const channelWorkspaceSchema = z.strictObject({
  now: instantSchema,
  expectedToday: z.array(expectedArrivalSchema),
  pendingApprovals: z.array(pendingApprovalSchema),
  manualChecks: z.array(manualCheckSchema),
  confirmationsOutstanding: z.array(outstandingConfirmationSchema),
  naturalVisits: z.array(naturalVisitFlagSchema),
  probes: z.array(probeRowSchema),
  ranking: z.array(brokerRankRowSchema),
  names: namesSchema,
});
export type ChannelWorkspace = ReadonlyDeep<z.infer<typeof channelWorkspaceSchema>>;
export type ExpectedArrival = ReadonlyDeep<z.infer<typeof expectedArrivalSchema>>;
export type ManualCheck = ReadonlyDeep<z.infer<typeof manualCheckSchema>>;
export type OutstandingConfirmation = ReadonlyDeep<z.infer<typeof outstandingConfirmationSchema>>;
export type NaturalVisitFlag = ReadonlyDeep<z.infer<typeof naturalVisitFlagSchema>>;
export type ProbeRow = ReadonlyDeep<z.infer<typeof probeRowSchema>>;
export type BrokerRankRow = ReadonlyDeep<z.infer<typeof brokerRankRowSchema>>;

/** GET /channel/brokers: every broker with their standing (the channel manager's list). */
export const channelBrokersSchema = z.strictObject({ brokers: z.array(brokerApplicationSchema) });
export type ChannelBrokers = ReadonlyDeep<z.infer<typeof channelBrokersSchema>>;

/** CH-9 on the judge card: the stage of the live broker protection and when it ends. */
export const protectionStageViewSchema = z.strictObject({ stage: protectionStageSchema, until: instantSchema, untilLocal: localTimeSchema });
export type ProtectionStageView = ReadonlyDeep<z.infer<typeof protectionStageViewSchema>>;

// ---- channel-finish (issue 10): what the report form needs, the settled state of broker-brought parties ----

/** CH-8's number style as a broker must type it: the full number, or masked 前三后四 / 前四后三. */
export const reportNumberSchema = policySchema.shape.channel.shape.reportNumber;
export type ReportNumberStyle = z.infer<typeof reportNumberSchema>;

/** GET /channel/my-application: the application, and what the portal's report form must ask under the office's policy. */
export const myApplicationSchema = brokerApplicationSchema.extend({
  /** CH-8: how the customer's number is reported in this project. */
  reportNumber: reportNumberSchema,
  /** CH-5: how many minutes before the visit this broker must report (the policy's lead time for a distributor, 0 for others). */
  leadMinutes: z.number().min(0),
});
export type MyApplication = ReadonlyDeep<z.infer<typeof myApplicationSchema>>;

/** How a broker-brought party's viewing confirmation ended (CH-7); null while outstanding. */
export const confirmationOutcomeSchema = z.enum(['confirmed', 'refused', 'fake']);

/** A broker-brought party the desk admitted today, with the exit the desk logged (CH-6) and the confirmation's end (CH-7). */
export const escortedPartySchema = outstandingConfirmationSchema.extend({
  /** Whether the broker's visit was recognised (CH-5, or CH-8 by hand): only then is a confirmation owed. */
  recognised: z.boolean(),
  confirmation: confirmationOutcomeSchema.nullable(),
});
export type EscortedParty = ReadonlyDeep<z.infer<typeof escortedPartySchema>>;

/** GET /channel/escorted-today: today's broker-brought parties, earliest first (the desk's 今日渠道带访). */
export const escortedTodaySchema = z.strictObject({ now: instantSchema, parties: z.array(escortedPartySchema), names: namesSchema });
export type EscortedToday = ReadonlyDeep<z.infer<typeof escortedTodaySchema>>;

/** GET /channel/my-confirmations?of=staff: the viewing confirmations the consultant still owes (a manager may name one). */
export const myConfirmationsQuery = z.strictObject({ of: idSchema.optional() });
export const myConfirmationsSchema = z.strictObject({ now: instantSchema, of: z.string(), confirmations: z.array(outstandingConfirmationSchema), names: namesSchema });
export type MyConfirmations = ReadonlyDeep<z.infer<typeof myConfirmationsSchema>>;
