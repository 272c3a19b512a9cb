// The policy editor's draft: reading and replacing one knob's value, the client-side check of a value
// (mirroring the server's schema from the knob's kind and bounds, as the phone check mirrors REG-4), and
// the words for a value. No React here (tests use it directly).
import type { LocalText, PolicyDoc, PolicyKnob } from '../../contracts/index.ts';
import type { Translate } from '../i18n/translate.ts';

export function valueAt(policy: PolicyDoc, path: string): unknown {
  const [section = '', knob = ''] = path.split('.');
  return policy[section]?.[knob];
}

/** The policy with one knob replaced. */
export function withValue(policy: PolicyDoc, path: string, value: unknown): PolicyDoc {
  const [section = '', knob = ''] = path.split('.');
  return { ...policy, [section]: { ...policy[section], [knob]: value } };
}

/** Structural equality of JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The knobs whose value differs between two policies. */
export function changedKnobs(knobs: readonly PolicyKnob[], a: PolicyDoc, b: PolicyDoc): string[] {
  return knobs.filter((k) => !sameValue(valueAt(a, k.path), valueAt(b, k.path))).map((k) => k.path);
}

/** A problem with a knob's value, as a catalogue key and its parameters. */
export interface KnobProblem {
  readonly key: 'policy.check.required' | 'policy.check.min' | 'policy.check.above' | 'policy.check.max' | 'policy.check.integer' | 'policy.check.time' | 'policy.check.window' | 'policy.check.minItems' | 'policy.check.sum' | 'policy.check.options';
  readonly params?: Readonly<Record<string, number>>;
}

const MAX_OPTIONS = 50;
const MAX_OPTION_LENGTH = 20;

/** `HH:mm`, up to 24:00 (src/core/time.ts parseClock). */
const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function numberProblem(value: unknown, bounds: PolicyKnob['bounds']): KnobProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'policy.check.required' };
  const { min, max, exclusiveMin, integer } = bounds;
  if (min !== undefined && exclusiveMin && !(value > min)) return { key: 'policy.check.above', params: { min } };
  if (min !== undefined && !exclusiveMin && value < min) return { key: 'policy.check.min', params: { min } };
  if (max !== undefined && value > max) return { key: 'policy.check.max', params: { max } };
  if (integer && !Number.isInteger(value)) return { key: 'policy.check.integer' };
  return null;
}

/** What is wrong with `value` for `knob`, or null: the checks the server's schema makes. */
export function knobProblem(knob: PolicyKnob, value: unknown): KnobProblem | null {
  if (value === null) return knob.nullable ? null : { key: 'policy.check.required' };
  switch (knob.kind) {
    case 'enum':
    case 'fixed':
      return typeof value === 'string' && (knob.values ?? []).includes(value) ? null : { key: 'policy.check.required' };
    case 'enumSet':
      return Array.isArray(value) && value.every((v) => (knob.values ?? []).includes(v as string)) ? null : { key: 'policy.check.required' };
    case 'boolean':
      return typeof value === 'boolean' ? null : { key: 'policy.check.required' };
    case 'number':
      return numberProblem(value, knob.bounds);
    case 'numberOrWord':
      return typeof value === 'string' && (knob.values ?? []).includes(value) ? null : numberProblem(value, knob.bounds);
    case 'numberList': {
      if (!Array.isArray(value)) return { key: 'policy.check.required' };
      const minItems = knob.bounds.minItems ?? 0;
      if (value.length < minItems) return { key: 'policy.check.minItems', params: { n: minItems } };
      for (const v of value) {
        const p = numberProblem(v, knob.bounds);
        if (p) return p;
      }
      return null;
    }
    case 'windows': {
      if (!Array.isArray(value)) return { key: 'policy.check.required' };
      const minItems = knob.bounds.minItems ?? 0;
      if (value.length < minItems) return { key: 'policy.check.minItems', params: { n: minItems } };
      for (const w of value) {
        const [from, to] = Array.isArray(w) ? (w as unknown[]) : [];
        if (typeof from !== 'string' || typeof to !== 'string' || !CLOCK.test(from) || !CLOCK.test(to)) return { key: 'policy.check.time' };
        if (from >= to) return { key: 'policy.check.window' };
      }
      return null;
    }
    case 'textList': {
      // The office's option lists (REG-3): words of 1–20 characters (trimmed), each once, at most 50.
      if (!Array.isArray(value) || value.length > MAX_OPTIONS) return { key: 'policy.check.options' };
      if (!value.every((v) => typeof v === 'string' && v.trim().length >= 1 && v.trim().length <= MAX_OPTION_LENGTH)) return { key: 'policy.check.options' };
      return new Set(value.map((v) => (v as string).trim())).size === value.length ? null : { key: 'policy.check.options' };
    }
    case 'clock':
      return typeof value === 'string' && CLOCK.test(value) ? null : { key: 'policy.check.time' };
    case 'split': {
      if (typeof value !== 'object' || Array.isArray(value)) return { key: 'policy.check.required' };
      const shares = (knob.parts ?? []).map((part) => (value as Record<string, unknown>)[part]);
      for (const share of shares) {
        const p = numberProblem(share, knob.bounds);
        if (p) return p;
      }
      const sum = (shares as number[]).reduce((a, b) => a + b, 0);
      return knob.sumsToOne && Math.abs(sum - 1) >= 1e-9 ? { key: 'policy.check.sum' } : null;
    }
  }
}

/** Every knob's problem in a draft. */
export function draftProblems(knobs: readonly PolicyKnob[], draft: PolicyDoc): Map<string, KnobProblem> {
  const out = new Map<string, KnobProblem>();
  for (const k of knobs) {
    const p = knobProblem(k, valueAt(draft, k.path));
    if (p) out.set(k.path, p);
  }
  return out;
}

/** The knob a server validation issue names (`policy.ownership.protectionDays`), or null. An unknown key names its section. */
export function knobOfIssue(knobs: readonly PolicyKnob[], field: string): string | null {
  const path = field.replace(/^(body\.)?policy\./, '');
  const knob = knobs.find((k) => path === k.path || path.startsWith(`${k.path}.`));
  return knob ? knob.path : null;
}

export type Locale = keyof LocalText;

/** A share as a percentage: 0.3 → 30%. */
export function percent(share: number): string {
  return `${Math.round(share * 10_000) / 100}%`;
}

/** A value as people read it: the words for enum values, 是/否, 不设, percentages of a split. */
export function formatValue(knob: PolicyKnob, value: unknown, locale: Locale, t: Translate): string {
  const word = (v: string) => knob.labels[v]?.[locale] ?? v;
  if (value === null || value === undefined) return t(knob.kind === 'windows' ? 'policy.allDay' : 'policy.none');
  switch (knob.kind) {
    case 'enum':
    case 'fixed':
    case 'numberOrWord':
      return typeof value === 'string' ? word(value) : String(value);
    case 'enumSet':
      return Array.isArray(value) ? value.map((v) => word(String(v))).join('、') : String(value);
    case 'boolean':
      return t(value === true ? 'common.yes' : 'common.no');
    case 'number':
      return String(value);
    case 'numberList':
      return Array.isArray(value) ? value.join(' / ') : String(value);
    case 'textList':
      return Array.isArray(value) ? value.join('、') : String(value);
    case 'clock':
      return String(value);
    case 'windows':
      return Array.isArray(value) ? value.map((w) => (Array.isArray(w) ? w.join('–') : String(w))).join('、') : String(value);
    case 'split':
      return (knob.parts ?? []).map((part) => `${word(part)} ${percent(Number((value as Record<string, unknown>)[part]))}`).join(' / ');
  }
}
