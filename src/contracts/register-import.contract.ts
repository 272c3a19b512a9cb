// The register import (issue 11.4): POST /register-import (dry run), /register-import/rejects (the rejects as
// .xlsx) and /register-import/commit. The file travels as base64 with the column mapping the manager confirmed
// (the office's remembered one, else the suggested one, when left out).
import { z } from 'zod';
import type { ReadonlyDeep } from './common.contract.ts';

export const REGISTER_IMPORT_COLUMNS = [
  'date', 'time', 'kind', 'name', 'phone', 'gender', 'consultant', 'needs',
  'source', 'grade', 'district', 'propertyType', 'units', 'budget', 'address', 'carBrand', 'plate', 'phone2',
  'contactVia', 'reached', 'said',
] as const;
export const REGISTER_REJECT_CODES = [
  'missing_date', 'bad_date', 'future_date', 'missing_phone', 'bad_phone', 'missing_name', 'missing_consultant',
  'unknown_consultant', 'unknown_kind', 'unknown_option', 'bad_budget', 'unknown_contact', 'duplicate_in_file', 'already_registered',
] as const;

const columnSchema = z.enum(REGISTER_IMPORT_COLUMNS);
const kindSchema = z.enum(['visit', 'call', 'followUp']);
export const registerMappingSchema = z.strictObject({
  columns: z.partialRecord(columnSchema, z.number().int().min(0).max(200)),
  kind: kindSchema,
});
export type RegisterMappingInput = z.infer<typeof registerMappingSchema>;

export const registerImportBody = z.strictObject({
  fileName: z.string().max(200),
  /** 100,000 rows of .csv are ~7 MB; base64 adds a third. */
  contentBase64: z.string().min(1).max(24_000_000),
  mapping: registerMappingSchema.optional(),
});
export type RegisterImportBody = z.infer<typeof registerImportBody>;

const rejectSchema = z.strictObject({
  rowNo: z.number(),
  reasons: z.array(z.strictObject({ code: z.enum(REGISTER_REJECT_CODES), field: columnSchema.nullable(), params: z.record(z.string(), z.union([z.string(), z.number()])), text: z.string() })),
});

export const registerImportPlanSchema = z.strictObject({
  ok: z.boolean(),
  fileName: z.string(),
  format: z.string(),
  headers: z.array(z.string()),
  mapping: registerMappingSchema,
  /** Where the mapping came from: the request, the office's remembered one, or the guess from the headers. */
  mappingFrom: z.enum(['request', 'remembered', 'suggested']),
  mappingProblems: z.array(z.strictObject({ code: z.string(), field: columnSchema })),
  rowCount: z.number(),
  /** Rows that would be (or, after a commit, were) imported, by kind. */
  entries: z.number(),
  byKind: z.strictObject({ visit: z.number(), call: z.number(), followUp: z.number() }),
  alreadyImported: z.number(),
  rejectCount: z.number(),
  /** The first rejected rows with their reasons (the rejects file has them all). */
  rejects: z.array(rejectSchema),
  /** After a commit: the batch, how many entries were recorded, and rows another commit had recorded meanwhile. */
  commit: z.strictObject({ batch: z.string(), committed: z.number(), alreadyImported: z.number(), refused: z.number() }).nullable(),
});
export type RegisterImportPlanView = ReadonlyDeep<z.infer<typeof registerImportPlanSchema>>;
