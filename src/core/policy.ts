// The office's written rules as data: every knob of RULES.md, its standard value, and a schema that
// names the knob it rejects.
import { z } from 'zod';
import { parseClock } from './time.ts';

/** The longest span any knob may name: ten years. */
export const MAX_DAYS = 3650;

const share = z.number().min(0).max(1);
// Sane ranges (issue 14): a knob out of range is refused by name rather than breaking dates downstream
// (1e308 days of protection made instants past the calendar's end, "Invalid DateTime").
/** A span in days: up to ten years. */
const days = (min: 'positive' | 'zero'): z.ZodNumber => (min === 'positive' ? z.number().positive() : z.number().min(0)).max(MAX_DAYS);
/** A split of performance between two named parties; the shares must sum to 1. */
function split<A extends string, B extends string>(a: A, b: B) {
  return z
    .strictObject({ [a]: share, [b]: share } as Record<A | B, typeof share>)
    .refine((s) => Math.abs(Object.values<number>(s as Record<string, number>).reduce((x, y) => x + y, 0) - 1) < 1e-9, {
      message: 'shares must sum to 1',
    });
}

const clock = z.string().refine((s) => parseClock(s) !== null, { message: 'must be a time HH:mm' });
const dutyWindow = z
  .tuple([clock, clock])
  .refine(([from, to]) => (parseClock(from) ?? 0) < (parseClock(to) ?? 0), { message: 'a window must end after it starts' });

// Reports (REG-3, REP-3): option lists and report knobs.
const option = z.string().trim().min(1).max(20);
const optionList = z.array(option).max(50).refine((l) => new Set(l).size === l.length, { message: 'options must differ' });
const registerOptionsSchema = z.strictObject({
  /** 认知途径 */ sources: optionList,
  /** 诚意度 A/B/C… */ grades: optionList,
  /** 区域 */ districts: optionList,
  /** 物业类型 */ propertyTypes: optionList,
});
const reportsSchema = z.strictObject({
  /** REP-3: follow-ups each visitor should have had (002 篇3.6). */
  followUpsPerVisitor: z.number().int().min(0).max(50),
  /** REP-3: protection ending within this many days is "about to lapse". */
  lapsingDays: z.number().int().min(1).max(90),
  /** Daily summary: the local time from which the day's summary is on the manager's dashboard. */
  dailySummaryAt: clock,
});
/** Seed values from the offices' own registers (000 客户登记制度, 明源登记; 002 篇3). */
const STANDARD_REGISTER_OPTIONS = {
  sources: ['路过', '朋友介绍', '老带新', '报纸', '户外广告', '网络', '短信', '电话营销', '展点外拓', '渠道'],
  grades: ['A', 'B', 'C', 'D'],
  districts: ['本区', '市内其他区', '省内地州', '外省'],
  propertyTypes: ['住宅', '公寓', '商铺', '写字楼', '产权式酒店'],
};
const STANDARD_REPORTS = { followUpsPerVisitor: 3, lapsingDays: 7, dailySummaryAt: '21:00' };

export const policySchema = z.strictObject({
  rotation: z.strictObject({
    /** ROT-1 */ order: z.enum(['signIn', 'fewestNewToday']),
    /** ROT-5 */ privateReturn: z.enum(['tail', 'keep']),
    /** ROT-8 */ makeUpLimit: z.union([z.number().int().min(0).max(100), z.literal('unlimited')]),
    /** ROT-8 */ makeUpExpires: z.literal('endOfDay'),
    /** ROT-9: local windows in which a party counts in the rotation; null = all day. */
    hours: z.array(dutyWindow).min(1).max(24).nullable(),
    /** ROT-13 */ unit: z.enum(['person', 'team']),
  }),
  registration: z.strictObject({
    /** REG-2 */ required: z.array(z.enum(['name', 'gender', 'phone', 'needs'])),
  }),
  ownership: z.strictObject({
    /** OWN-2 */ protectionDays: days('positive'),
    /** OWN-3 */ smsCounts: z.boolean(),
    /** OWN-3: with smsCounts, this many SMS-only follow-ups in a row void the run. */
    smsOnlyLimit: z.number().int().min(1).max(100).nullable(),
    /** OWN-6 */ lookBackDays: days('zero'),
    /** OWN-7 */ family: z.enum(['spouseParentsChildren', 'threeGenerations', 'none']),
    /** REG-8 */ callsEstablish: z.boolean(),
    /** OWN-8 */ referralDefault: z.enum(['queue', 'referrerOwner']),
    /** OWN-9: commission rate on customers the developer assigns. */ companyAssignedRate: share,
    /** OWN-11: days without effective contact before the monthly sweep to the pool; null = no sweep. */
    recycleDays: days('positive').nullable(),
    /** OWN-10 / 000 细则 四.2: a reassigned customer is the new consultant's at the assignment, or from their first effective contact. */
    reassignedOwns: z.enum(['atAssignment', 'atFirstContact']).default('atAssignment'),
  }),
  channel: z.strictObject({
    /** CH-4: protection of the first and the second accepted report. */
    protectionDays: z.array(days('positive')).min(1).max(10),
    /** CH-5 */ minLeadMinutes: z.number().min(0).max(7 * 24 * 60),
    /** CH-8 */ reportNumber: z.enum(['full', 'first3last4', 'first4last3']),
    /** CH-9 */ protectionMode: z.enum(['reportToDeal', 'reportToVisitToDeal']),
    /** CH-9: report → visit, in `reportToVisitToDeal` mode. */ reportToVisitDays: days('positive'),
    /** CH-9: visit → deal, in `reportToVisitToDeal` mode. */ visitToDealDays: days('positive'),
  }),
  splits: z.strictObject({
    /** DEAL-3: owner or designated consultant absent, cover closes the same day. */ cover: split('owner', 'cover'),
    /** DEAL-3 / OWN-6 */ lookBack: split('closer', 'original'),
    /** DEAL-3: first visit only took a brochure. */ brochure: split('first', 'second'),
    /** DEAL-3 / OWN-7 */ family: split('first', 'second'),
    /** DEAL-3: customer names a consultant on a later visit. */ namedLater: split('named', 'earlier'),
    /** DEAL-3 / OWN-8: old brings new, owner absent, cover closes. */ referralCover: split('owner', 'cover'),
    /** DEAL-3: consultant moved to another office, deal within 2 months. */ transfer: split('former', 'closer'),
    /** DEAL-3: a colleague of another team (new-home ↔ resale) referred the customer. */ teamReferral: split('referrer', 'closer'),
  }),
  performance: z.strictObject({
    /** DEAL-2: the stage from which an order counts as a sale in reports. */
    countsFrom: z.enum(['smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment']),
    /** DEAL-3 transfer row: a deal within this many days of the move shares with the former consultant. */
    transferWithinDays: days('zero'),
  }),
  disputes: z.strictObject({
    /** DEAL-4 */ windowDays: days('zero'),
  }),
  // Reports (REG-3, REP-1..3): sections an older stored policy lacks take their standard values.
  /** REG-3: the office's own option lists for the register's fields (bounded). */
  registerOptions: registerOptionsSchema.default(() => STANDARD_REGISTER_OPTIONS),
  reports: reportsSchema.default(() => STANDARD_REPORTS),
});

export type Policy = z.infer<typeof policySchema>;

export const STANDARD_POLICY: Policy = deepFreeze({
  rotation: { order: 'signIn', privateReturn: 'tail', makeUpLimit: 1, makeUpExpires: 'endOfDay', hours: null, unit: 'person' },
  registration: { required: ['name', 'phone', 'needs'] },
  ownership: {
    protectionDays: 30,
    smsCounts: false,
    smsOnlyLimit: null,
    lookBackDays: 7,
    family: 'spouseParentsChildren',
    callsEstablish: false,
    referralDefault: 'queue',
    companyAssignedRate: 0.5,
    recycleDays: null,
    reassignedOwns: 'atAssignment',
  },
  channel: {
    protectionDays: [60, 30],
    minLeadMinutes: 30,
    reportNumber: 'full',
    protectionMode: 'reportToDeal',
    reportToVisitDays: 7,
    visitToDealDays: 30,
  },
  splits: {
    cover: { owner: 0.5, cover: 0.5 },
    lookBack: { closer: 0.5, original: 0.5 },
    brochure: { first: 0.3, second: 0.7 },
    family: { first: 0.5, second: 0.5 },
    namedLater: { named: 0.5, earlier: 0.5 },
    referralCover: { owner: 0.8, cover: 0.2 },
    transfer: { former: 0.5, closer: 0.5 },
    teamReferral: { referrer: 0.2, closer: 0.8 },
  },
  performance: { countsFrom: 'subscription', transferWithinDays: 60 },
  disputes: { windowDays: 3 },
  registerOptions: STANDARD_REGISTER_OPTIONS,
  reports: STANDARD_REPORTS,
});

export const PRESETS: Readonly<Record<string, Policy>> = { standard: STANDARD_POLICY };

export interface PolicyProblem {
  readonly knob: string;
  readonly message: string;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

/**
 * Builds a policy from a preset and knob overrides (`rotation.makeUpLimit: unlimited`). Every problem is
 * reported with the knob it concerns: an unknown knob, a wrong type, a value out of range.
 */
export function resolvePolicy(preset: string, set: Readonly<Record<string, unknown>> = {}): PolicyResult {
  const base = PRESETS[preset];
  if (!base) return { ok: false, problems: [{ knob: 'preset', message: `unknown preset "${preset}" (known: ${Object.keys(PRESETS).join(', ')})` }] };
  const draft = structuredClone(base) as Record<string, unknown>;
  const problems: PolicyProblem[] = [];
  for (const [knob, value] of Object.entries(set)) {
    const path = knob.split('.');
    const leaf = path.pop() as string;
    let node: unknown = draft;
    for (const part of path) node = isRecord(node) && Object.hasOwn(node, part) ? node[part] : undefined;
    if (!isRecord(node) || !Object.hasOwn(node, leaf) || path.length === 0) {
      problems.push({ knob, message: `unknown knob "${knob}"` });
      continue;
    }
    node[leaf] = value;
  }
  if (problems.length > 0) return { ok: false, problems };
  return validatePolicy(draft);
}

/** Validates a whole policy document (e.g. one loaded from storage or sent by the policy editor). */
export function validatePolicy(candidate: unknown): PolicyResult {
  const parsed = policySchema.safeParse(candidate);
  if (parsed.success) return { ok: true, policy: deepFreeze(parsed.data) };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const knob = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => (knob ? `${knob}.${k}` : k));
        return { knob: keys.join(', '), message: `unknown knob "${keys.join('", "')}"` };
      }
      return { knob, message: `${knob}: ${issue.message}` };
    }),
  };
}

/** The protection of the nth accepted report (CH-4): the last configured value repeats never — beyond the list, no protection. */
export function reportProtectionDays(policy: Policy, nth: number): number | null {
  return policy.channel.protectionDays[nth] ?? null;
}

export function makeUpLimit(policy: Policy): number {
  return policy.rotation.makeUpLimit === 'unlimited' ? Number.POSITIVE_INFINITY : policy.rotation.makeUpLimit;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
