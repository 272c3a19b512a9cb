// The money side (DEAL-1..6): the 销控 grid, a unit's history, the unit import's dry run and commit, the
// order register and one order's whole story, the disputes inbox with each dossier, and the published
// orders of a day. Customers appear as the caller may see them (SEC-1).
import { z } from 'zod';
import { DEAL_STAGES } from '../core/facts.ts';
import { countSchema, explained, followUpNoteSchema, idSchema, instantSchema, localTimeSchema, namesSchema, projectIdSchema, reasonSchema, shownCustomerSchema, type ReadonlyDeep } from './common.contract.ts';

export const dealStageSchema = z.enum(DEAL_STAGES);
export type DealStage = z.infer<typeof dealStageSchema>;
/** A cell's colour: 可售 / 预留 / 已下架 / 小定 / 大定 / 认购 / 签约 / 全款. */
export const unitStatusSchema = z.enum(['free', 'held', 'withdrawn', ...DEAL_STAGES]);
export type UnitStatus = z.infer<typeof unitStatusSchema>;
export const creditSchema = z.record(z.string(), z.number());
export type Credit = ReadonlyDeep<z.infer<typeof creditSchema>>;

/** A unit as an office describes it (DEAL-1); `id` is how orders name it. */
export const unitSchema = z.strictObject({
  id: idSchema,
  building: z.string().trim().min(1).max(32).optional(),
  unitNo: z.string().trim().min(1).max(16).optional(),
  floor: z.number().int().min(-10).max(300).optional(),
  room: z.string().trim().min(1).max(32).optional(),
  layout: z.string().trim().min(1).max(64).optional(),
  area: z.number().positive().max(100_000).optional(),
  price: z.number().nonnegative().max(1e11).optional(),
});
export type UnitInput = z.infer<typeof unitSchema>;

export const orderParams = z.strictObject({ project: projectIdSchema, order: z.string().regex(/^\d{1,15}$/, 'an order number').transform(Number) });

// ---- the grid ----

export const gridCellSchema = z.strictObject({
  id: z.string(),
  building: z.string(),
  unitNo: z.string().nullable(),
  floor: z.number().nullable(),
  room: z.string(),
  layout: z.string().nullable(),
  area: z.number().nullable(),
  price: z.number().nullable(),
  status: unitStatusSchema,
  closer: z.string().nullable(),
});
export type GridCell = ReadonlyDeep<z.infer<typeof gridCellSchema>>;

export const buildingSummarySchema = z.strictObject({
  building: z.string(),
  units: z.number(),
  counts: z.record(unitStatusSchema, z.number()),
  soldAmount: z.number(),
  freeAmount: z.number(),
  soldArea: z.number(),
});
export type BuildingSummary = ReadonlyDeep<z.infer<typeof buildingSummarySchema>>;

/**
 * GET /units/grid: every unit and each building's counts; `asOfSeq` is the log position (also the ETag).
 * With `?since=SEQ` (a grid the client holds) the answer may be a delta: `since` set, `cells` only the units
 * whose story moved after SEQ, `buildings` all of them (they are few).
 */
export const unitGridQuery = z.strictObject({ since: countSchema.optional() });
export const unitGridSchema = z.strictObject({ asOfSeq: z.number(), since: z.number().optional(), buildings: z.array(buildingSummarySchema), cells: z.array(gridCellSchema), names: namesSchema });
export type UnitGridView = ReadonlyDeep<z.infer<typeof unitGridSchema>>;

/** GET /units/:unit: the unit, its status, its live order if any, and every fact that touched it. */
export const unitHistorySchema = z.strictObject({
  unit: gridCellSchema,
  hold: z.strictObject({ by: z.string(), reason: z.string(), at: instantSchema, atLocal: localTimeSchema }).nullable(),
  orderId: z.number().nullable(),
  history: z.array(z.strictObject({ seq: z.number(), type: z.string(), at: instantSchema, atLocal: localTimeSchema, by: z.string().nullable(), detail: z.string().nullable() })),
  names: namesSchema,
});
export type UnitHistory = ReadonlyDeep<z.infer<typeof unitHistorySchema>>;

// ---- import ----

const unitField = z.enum(['id', 'building', 'unitNo', 'floor', 'room', 'layout', 'area', 'price']);
export const columnMappingSchema = z.strictObject({
  columns: z.partialRecord(unitField, z.number().int().min(0).max(200)),
  priceUnit: z.enum(['yuan', 'wan']),
});
export type ColumnMappingInput = z.infer<typeof columnMappingSchema>;

/** POST /units/import (dry run) and /units/import/commit: the file as base64, and the mapping (suggested when left out). */
export const unitImportBody = z.strictObject({
  fileName: z.string().max(200),
  contentBase64: z.string().min(1).max(14_000_000),
  mapping: columnMappingSchema.optional(),
});

const problemSchema = z.strictObject({ code: z.string(), field: z.string().nullable(), params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])), text: z.string() });
export const unitImportPlanSchema = z.strictObject({
  ok: z.boolean(),
  format: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: columnMappingSchema,
  mappingProblems: z.array(problemSchema),
  badRows: z.array(z.strictObject({ rowNo: z.number(), problems: z.array(problemSchema) })),
  rowCount: z.number(),
  add: z.number(),
  edit: z.number(),
  unchanged: z.number(),
  /** The first units to add or change, for the page to show. */
  sample: z.array(z.strictObject({ rowNo: z.number(), change: z.enum(['add', 'edit']), unit: gridCellSchema.omit({ status: true, closer: true }) })),
  /** After a commit: the seq of the one fact that recorded the whole import; null for a dry run or when nothing changed. */
  seq: z.number().nullable(),
});
export type UnitImportPlan = ReadonlyDeep<z.infer<typeof unitImportPlanSchema>>;

// ---- orders ----

export const orderStateSchema = z.enum(['live', 'refund', 'default']);
export const orderRegisterQuery = z.strictObject({
  state: z.enum(['live', 'refund', 'default', 'all']).optional(),
  of: idSchema.optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

export const orderSummarySchema = z.strictObject({
  id: z.number(),
  unit: z.string(),
  customer: shownCustomerSchema,
  closer: z.string(),
  firstAt: instantSchema,
  firstAtLocal: localTimeSchema,
  stage: dealStageSchema,
  stageAtLocal: localTimeSchema,
  paid: z.number(),
  listPrice: z.number().nullable(),
  state: orderStateSchema,
  endedAtLocal: localTimeSchema,
  credit: creditSchema,
  dispute: z.enum(['none', 'open', 'resolved']),
  counts: z.boolean(),
});
export type OrderSummaryView = ReadonlyDeep<z.infer<typeof orderSummarySchema>>;

/** GET /orders: the register (认购/签约台账); a consultant sees the orders that credit them. */
export const orderRegisterSchema = z.strictObject({ orders: z.array(orderSummarySchema), names: namesSchema, countsFrom: dealStageSchema });
export type OrderRegister = ReadonlyDeep<z.infer<typeof orderRegisterSchema>>;

const sideSchema = z.strictObject({
  who: z.string(),
  complete: z.boolean(),
  registration: z.strictObject({ seq: z.number(), type: z.string(), at: instantSchema, by: z.string().optional() }).nullable(),
  lastContact: z.strictObject({ seq: z.number(), type: z.string(), at: instantSchema, by: z.string().optional() }).nullable(),
  records: z.array(
    z.strictObject({
      seq: z.number(),
      type: z.string(),
      at: instantSchema,
      atLocal: localTimeSchema,
      by: z.string().optional(),
      detail: z.string().nullable(),
      /** A follow-up's B级卡 content (issue 16.2). */
      note: followUpNoteSchema.nullable(),
    }),
  ),
  reasons: z.array(reasonSchema),
});

/** DEAL-5: both sides' records of the customer before the order, and the outcome they give. */
export const disputeDossierSchema = z.strictObject({
  orderId: z.number(),
  unit: z.string(),
  claimant: z.string(),
  raisedAtLocal: localTimeSchema,
  orderCustomer: shownCustomerSchema,
  claimantCustomer: shownCustomerSchema,
  closerSide: sideSchema,
  claimantSide: sideSchema,
  computed: creditSchema,
  resolved: z.boolean(),
  ...explained,
});
export type DisputeDossier = ReadonlyDeep<z.infer<typeof disputeDossierSchema>>;

/** GET /orders/:order: one order's stages, swaps, name changes, credit with reasons, and its dispute. */
export const orderDetailSchema = z.strictObject({
  order: orderSummarySchema,
  stages: z.array(z.strictObject({ stage: dealStageSchema, atLocal: localTimeSchema, by: z.string(), amount: z.number().nullable() })),
  moves: z.array(z.strictObject({ from: z.string(), to: z.string(), atLocal: localTimeSchema, by: z.string(), reason: z.string().optional() })),
  buyerChanges: z.array(z.strictObject({ change: z.enum(['rename', 'addName']), atLocal: localTimeSchema, by: z.string(), reason: z.string() })),
  disputes: z.array(z.strictObject({ by: z.string(), atLocal: localTimeSchema, accepted: z.boolean() })),
  resolution: z.strictObject({ by: z.string(), atLocal: localTimeSchema, computed: creditSchema, credit: creditSchema, overridden: z.boolean(), reason: z.string().nullable() }).nullable(),
  ended: z.strictObject({ end: z.enum(['refund', 'default']), by: z.string(), atLocal: localTimeSchema, reason: z.string() }).nullable(),
  disputeDeadlineLocal: localTimeSchema,
  dossier: disputeDossierSchema.nullable(),
  names: namesSchema,
  ...explained,
});
export type OrderDetailView = ReadonlyDeep<z.infer<typeof orderDetailSchema>>;

/** GET /disputes: the manager's inbox — every open dispute with its dossier. */
export const disputesInboxSchema = z.strictObject({ disputes: z.array(disputeDossierSchema), names: namesSchema });
export type DisputesInbox = ReadonlyDeep<z.infer<typeof disputesInboxSchema>>;

/** GET /orders/published?day=YYYY-MM-DD (DEAL-6): the day's orders for the whole floor, phones masked. */
export const publishedOrdersQuery = z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() });
export const publishedOrdersSchema = z.strictObject({
  day: z.string(),
  orders: z.array(z.strictObject({ id: z.number(), unit: z.string(), customer: shownCustomerSchema, closer: z.string(), atLocal: localTimeSchema, stage: dealStageSchema, disputeDeadlineLocal: localTimeSchema })),
  names: namesSchema,
});
export type PublishedOrders = ReadonlyDeep<z.infer<typeof publishedOrdersSchema>>;
