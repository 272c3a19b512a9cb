// Reports (REG-3, REP-1..4): the register's option lists, the office's report for a period (every number with
// the records behind it: visit/call entries by seq, customers by phone, orders by id), and its .xlsx export.
import { z } from 'zod';
import { DEAL_STAGES } from '../core/facts.ts';
import { instantSchema, namesSchema, type ReadonlyDeep } from './common.contract.ts';

/** GET /register-options: the office's options for the register's fields (REG-3), for every form. */
export const registerOptionsSchema = z.strictObject({
  sources: z.array(z.string()),
  grades: z.array(z.string()),
  districts: z.array(z.string()),
  propertyTypes: z.array(z.string()),
});
export type RegisterOptions = ReadonlyDeep<z.infer<typeof registerOptionsSchema>>;

const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const periodKindSchema = z.enum(['day', 'week', 'month', 'range']);

export const reportQuery = z.strictObject({
  period: periodKindSchema.optional(),
  /** The day (or a day of the week or month); the range's first day. Default: today in the project's zone. */
  date: dateText.optional(),
  /** The range's last day (with `period=range`). */
  to: dateText.optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** Which table of the report an export holds (REP-4). */
export const REPORT_SHEETS = ['visits', 'conversion', 'deposits', 'subscriptions', 'contracts', 'sales', 'ranking', 'compliance', 'lapsing'] as const;
export const reportSheetSchema = z.enum(REPORT_SHEETS);
export type ReportSheet = z.infer<typeof reportSheetSchema>;
export const exportQuery = reportQuery.extend({ sheet: reportSheetSchema });

const seqs = z.array(z.number());
const phones = z.array(z.string());

export const registerEntrySchema = z.strictObject({
  seq: z.number(),
  at: instantSchema,
  via: z.enum(['visit', 'call']),
  hour: z.number(),
  day: z.string(),
  phone: z.string().nullable(),
  name: z.string().nullable(),
  consultant: z.string().nullable(),
  isNew: z.boolean(),
  broker: z.string().nullable(),
  details: z.strictObject({
    source: z.string().nullable(),
    grade: z.string().nullable(),
    district: z.string().nullable(),
    propertyType: z.string().nullable(),
    budget: z.number().nullable(),
    units: z.string().nullable(),
  }),
});
export type RegisterEntryView = ReadonlyDeep<z.infer<typeof registerEntrySchema>>;

export const visitCellSchema = z.strictObject({ key: z.string().nullable(), visits: seqs, newVisits: seqs, calls: seqs, newCalls: seqs });
export type VisitCellView = ReadonlyDeep<z.infer<typeof visitCellSchema>>;
export const funnelCellSchema = z.strictObject({
  key: z.string().nullable(),
  visitors: phones,
  reached: z.strictObject({ smallDeposit: phones, deposit: phones, subscription: phones, contract: phones }),
});
export type FunnelCellView = ReadonlyDeep<z.infer<typeof funnelCellSchema>>;
export const orderRowSchema = z.strictObject({
  order: z.number(),
  seq: z.number(),
  at: instantSchema,
  stage: z.enum(DEAL_STAGES),
  unit: z.string(),
  building: z.string().nullable(),
  room: z.string().nullable(),
  area: z.number().nullable(),
  price: z.number().nullable(),
  amount: z.number().nullable(),
  phone: z.string(),
  name: z.string().nullable(),
  closer: z.string(),
  ended: z.boolean(),
});
export type OrderRowView = ReadonlyDeep<z.infer<typeof orderRowSchema>>;
const salesTotalsSchema = z.strictObject({ key: z.string().nullable(), orders: seqs, area: z.number(), amount: z.number() });
export const rankingRowSchema = z.strictObject({
  rank: z.number(),
  who: z.string(),
  visits: z.number(),
  newVisits: z.number(),
  calls: z.number(),
  sales: seqs,
  area: z.number(),
  amount: z.number(),
  credit: z.number(),
  conversion: z.number(),
});
export type RankingRowView = ReadonlyDeep<z.infer<typeof rankingRowSchema>>;
export const followUpMissSchema = z.strictObject({ phone: z.string(), name: z.string().nullable(), firstVisit: instantSchema, followUps: z.number() });
export const complianceRowSchema = z.strictObject({ who: z.string().nullable(), visitors: phones, compliant: phones, missed: z.array(followUpMissSchema) });
export type ComplianceRowView = ReadonlyDeep<z.infer<typeof complianceRowSchema>>;
export const lapsingRowSchema = z.strictObject({ phone: z.string(), name: z.string().nullable(), owner: z.string(), protectedUntil: instantSchema, lastContact: instantSchema.nullable() });
export type LapsingRowView = ReadonlyDeep<z.infer<typeof lapsingRowSchema>>;

/** GET /reports: the office's report for a period (REP-1..3). */
export const officeReportSchema = z.strictObject({
  period: z.strictObject({ kind: periodKindSchema, first: z.string(), last: z.string(), start: instantSchema, end: instantSchema }),
  at: instantSchema,
  entries: z.array(registerEntrySchema),
  visits: z.strictObject({
    total: visitCellSchema,
    byConsultant: z.array(visitCellSchema),
    bySource: z.array(visitCellSchema),
    byGrade: z.array(visitCellSchema),
    byHour: z.array(visitCellSchema),
    byDay: z.array(visitCellSchema),
  }),
  conversion: z.strictObject({
    total: funnelCellSchema,
    byConsultant: z.array(funnelCellSchema),
    bySource: z.array(funnelCellSchema),
    byGrade: z.array(funnelCellSchema),
    byBroker: z.array(funnelCellSchema),
  }),
  sales: z.strictObject({
    countsFrom: z.enum(DEAL_STAGES),
    registers: z.strictObject({ smallDeposit: z.array(orderRowSchema), deposit: z.array(orderRowSchema), subscription: z.array(orderRowSchema), contract: z.array(orderRowSchema) }),
    total: salesTotalsSchema,
    byConsultant: z.array(salesTotalsSchema),
    sold: z.array(orderRowSchema),
  }),
  ranking: z.array(rankingRowSchema),
  compliance: z.strictObject({
    required: z.number(),
    total: z.strictObject({ visitors: z.number(), compliant: z.number(), missed: z.number() }),
    byConsultant: z.array(complianceRowSchema),
  }),
  lapsing: z.array(lapsingRowSchema),
  /** Display names of the staff the report mentions. */
  names: namesSchema,
});
export type OfficeReportView = ReadonlyDeep<z.infer<typeof officeReportSchema>>;
