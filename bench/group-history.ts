// A sales group's year: many offices (projects) of different sizes, each an office history from history.ts
// (decided by the real rule functions while generating), with disjoint customer numbers. Seeded: the same
// scale and seed always give the same facts. Offices are generated one at a time, so that a loader can store
// one and drop it before the next is made (five million facts never sit in memory at once).
import type { Engine } from '../src/core/engine.ts';
import type { Fact } from '../src/core/facts.ts';
import { STANDARD_POLICY } from '../src/core/policy.ts';
import { HOUR_MS } from '../src/core/time.ts';
import { generateHistory, mulberry32, phoneKey, ZONE, type History, type OfficeShape } from './history.ts';

export interface GroupScale {
  readonly name: string;
  readonly offices: number;
  readonly consultants: number;
  /** Every fact of every office's log, the starting `policySet` included. */
  readonly facts: number;
  /** Roughly: the offices hand out new customers at a rate aimed at this total. */
  readonly customers: number;
  readonly days: number;
}

export const SCALES: Readonly<Record<string, GroupScale>> = {
  ci: { name: 'ci', offices: 2, consultants: 16, facts: 8_000, customers: 1_500, days: 30 },
  small: { name: 'small', offices: 5, consultants: 80, facts: 500_000, customers: 100_000, days: 365 },
  full: { name: 'full', offices: 50, consultants: 800, facts: 5_000_000, customers: 1_000_000, days: 365 },
};

export interface OfficePlan {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  /** Facts in the office's log, its starting policy included. */
  readonly facts: number;
  readonly seed: number;
  readonly shape: OfficeShape;
}

const NAMES = ['滨江·云庐', '望京·玖樾', '前滩·观澜', '西溪·雲境', '南湖·悦府', '光谷·天悦', '天府·锦麟', '河西·金茂', '空港·臻园', '曲江·御苑'];

/** Splits `total` in proportion to `weights`, exactly (largest remainders). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/** Customer numbers per office: office i hands out indexes from i × this (see phoneKey). */
export const CUSTOMERS_PER_OFFICE_RANGE = 10_000_000;

/** The offices of a group: sizes vary (a flagship project has twice the staff of a small one). */
export function planGroup(scale: GroupScale, seed: number): OfficePlan[] {
  const rnd = mulberry32(seed ^ 0x6709);
  const weights = Array.from({ length: scale.offices }, () => 0.6 + rnd() * 0.9);
  const consultants = apportion(scale.consultants, weights).map((c) => Math.max(2, c));
  const facts = apportion(scale.facts, consultants);
  return consultants.map((c, i) => {
    // New customers a day: mostly broker reports (82% of them numbers never seen), plus walk-ins and calls.
    const customersPerDay = (scale.customers * (c / scale.consultants)) / scale.days;
    const walkIns = 1.2 * c;
    const callRegistrations = 0.25 * c;
    const reports = Math.max(1, (customersPerDay - 0.71 * walkIns - 0.8 * callRegistrations) / 0.89);
    return {
      index: i,
      id: `P${String(i + 1).padStart(2, '0')}`,
      name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}期` : ''}`,
      facts: facts[i] as number,
      seed: (seed + 7919 * (i + 1)) >>> 0,
      shape: {
        consultants: c,
        brokers: Math.max(4, Math.round(2.5 * c)),
        buildings: Math.max(1, Math.round(c / 1.6)),
        walkIns,
        reports,
        callRegistrations,
        days: scale.days,
        firstCustomer: i * CUSTOMERS_PER_OFFICE_RANGE,
      },
    };
  });
}

export interface OfficeHistory {
  readonly plan: OfficePlan;
  /** The office's log in order: the starting policy, then the history (unnumbered: the store numbers them). */
  readonly facts: readonly Fact[];
  /** The generator's summary and the engine it decided with (to check the loaded store against). */
  readonly history: History & { readonly engine: Engine };
}

/** One office's log. The first fact is the starting policy, as every project's log begins. */
export function generateOffice(plan: OfficePlan): OfficeHistory {
  const history = generateHistory({ events: plan.facts - 1, seed: plan.seed, office: plan.shape });
  const policySet: Fact = { type: 'policySet', at: history.firstAt - HOUR_MS, policy: STANDARD_POLICY };
  // The generator numbers its facts; the store numbers them again as it appends (policySet is 1).
  const facts: Fact[] = [policySet];
  for (const recorded of history.facts) {
    const { seq: _seq, ...fact } = recorded;
    facts.push(fact as Fact);
  }
  (history as { facts: unknown[] }).facts = [];
  return { plan, facts, history };
}

/** A number no office ever handed out (for "new customer" questions). */
export function unknownPhone(plan: OfficePlan, j: number): string {
  return phoneKey(plan.shape.firstCustomer + CUSTOMERS_PER_OFFICE_RANGE / 2 + j);
}

/**
 * A phone as someone types it at the desk or in a broker's app: with or without +86 / 0086, spaces, dashes,
 * brackets. `normalisePhone` turns every one of them back into the key.
 */
export function typedPhone(key: string, r: number): string {
  const a = key.slice(0, 3);
  const b = key.slice(3, 7);
  const c = key.slice(7);
  const forms = [
    key,
    `${a} ${b} ${c}`,
    `${a}-${b}-${c}`,
    `+86 ${a} ${b} ${c}`,
    `+86-${a}-${b}-${c}`,
    `+86${key}`,
    `0086 ${key}`,
    ` ${a} ${b} ${c} `,
    `(+86) ${a} ${b} ${c}`,
    `86 ${a}-${b}-${c}`,
  ];
  return forms[Math.floor(r * forms.length) % forms.length] as string;
}

export { ZONE };
