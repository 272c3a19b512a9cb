// The policy editor: the policy in force with every knob described (GET /policy), and the what-if of an
// edited policy over the office's recent history (POST /policy/what-if), which records nothing. Saving is
// the `setPolicy` command. The policy's own schema is the core's (src/core/policy.ts): one definition.
import { z } from 'zod';
import { policySchema, type Policy } from '../core/policy.ts';
import { explained, instantSchema, localTimeSchema, namesSchema, recordedAt, shownCustomerSchema, type ReadonlyDeep } from './common.contract.ts';

export const whatIfBody = z.strictObject({
  policy: policySchema,
  days: z.number().int().min(1).max(90).optional(),
});

/** A policy as the editor handles it: section → knob → value, checked by the server when tried or saved. */
export type PolicyDoc = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export const POLICY_SECTIONS = ['rotation', 'registration', 'ownership', 'channel', 'splits', 'performance', 'disputes', 'registerOptions', 'reports'] as const satisfies readonly (keyof Policy)[];
export type PolicySection = (typeof POLICY_SECTIONS)[number];

/**
 * The editor's control for a knob: one of some values (`enum`), several of them (`enumSet`), a fixed value
 * (`fixed`), on/off, a number, a list of numbers, a number or the word `unlimited`, duty windows
 * (`windows`: [from, to] local times), or a split of performance between named parties (`split`).
 */
export const knobKindSchema = z.enum(['enum', 'enumSet', 'fixed', 'boolean', 'number', 'numberList', 'numberOrWord', 'windows', 'split', 'textList', 'clock']);
export type KnobKind = ReadonlyDeep<z.infer<typeof knobKindSchema>>;

export const localTextSchema = z.strictObject({ 'zh-CN': z.string(), en: z.string() });
export type LocalText = ReadonlyDeep<z.infer<typeof localTextSchema>>;

export const knobBoundsSchema = z.strictObject({
  min: z.number().optional(),
  /** `min` itself is not allowed (a positive number). */
  exclusiveMin: z.boolean().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  minItems: z.number().optional(),
});
export type KnobBounds = ReadonlyDeep<z.infer<typeof knobBoundsSchema>>;

export const policyKnobSchema = z.strictObject({
  /** `section.knob`, as validation issues name it (below `policy.`). */
  path: z.string(),
  section: z.enum(POLICY_SECTIONS),
  kind: knobKindSchema,
  /** May be null (none: all day, no limit, no sweep). */
  nullable: z.boolean(),
  /** The words an `enum`, `enumSet`, `fixed` or `numberOrWord` knob takes. */
  values: z.array(z.string()).optional(),
  /** The parties of a `split`. */
  parts: z.array(z.string()).optional(),
  /** Of the number, of each number in a list, of each share of a split. */
  bounds: knobBoundsSchema,
  /** A split's shares must sum to 1. */
  sumsToOne: z.boolean().optional(),
  standard: z.unknown(),
  rules: z.array(z.string()),
  /** False for a knob the engine does not read yet: changing it changes no answer (a what-if shows nothing). */
  enforced: z.boolean(),
  description: localTextSchema,
  /** Words for the values (and the parties of a split). */
  labels: z.record(z.string(), localTextSchema),
});
export type PolicyKnob = ReadonlyDeep<z.infer<typeof policyKnobSchema>>;

/** GET /policy. */
export const policyCatalogueSchema = z.strictObject({
  policy: policySchema,
  standard: policySchema,
  sections: z.array(z.enum(POLICY_SECTIONS)),
  knobs: z.array(policyKnobSchema),
  whatIfDays: z.number(),
});
export type PolicyCatalogue = ReadonlyDeep<z.infer<typeof policyCatalogueSchema>>;

export const whatIfOwnedSchema = z.strictObject({ owner: z.string().nullable(), protectedUntil: instantSchema.nullable(), protectedUntilLocal: localTimeSchema });
export type WhatIfOwned = ReadonlyDeep<z.infer<typeof whatIfOwnedSchema>>;

export const whatIfOrderSchema = z.strictObject({ customer: shownCustomerSchema.nullable(), closer: z.string(), credit: z.record(z.string(), z.number()) });
export type WhatIfOrder = ReadonlyDeep<z.infer<typeof whatIfOrderSchema>>;

const changedFact = { ...recordedAt, type: z.string(), customer: shownCustomerSchema.nullable() };

/** POST /policy/what-if: what would differ had the edited policy been in force for the last `days`; lists are cut at 500, `totals` counts all. */
export const whatIfAnswerSchema = z.strictObject({
  days: z.number(),
  from: instantSchema,
  fromLocal: localTimeSchema,
  now: instantSchema,
  nowLocal: localTimeSchema,
  redecided: z.number(),
  ignoredPolicyChanges: z.array(z.number()),
  notRedecided: z.number(),
  drift: z.number(),
  totals: z.strictObject({ customers: z.number(), ownerChanges: z.number(), credits: z.number(), decisions: z.number(), refused: z.number() }),
  customers: z.array(z.strictObject({ customer: shownCustomerSchema.nullable(), ownerChanged: z.boolean(), before: whatIfOwnedSchema, after: whatIfOwnedSchema, ...explained })),
  credits: z.array(z.strictObject({ unit: z.string(), before: whatIfOrderSchema.nullable(), after: whatIfOrderSchema.nullable() })),
  decisions: z.array(z.strictObject({ ...changedFact, before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })),
  refused: z.array(z.strictObject({ ...changedFact, code: z.string(), detail: z.string() })),
  queue: z.strictObject({ before: z.array(z.string()), after: z.array(z.string()) }).nullable(),
  names: namesSchema,
});
export type WhatIfAnswer = ReadonlyDeep<z.infer<typeof whatIfAnswerSchema>>;
