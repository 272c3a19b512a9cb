// The policy editor's client-side checks mirror the server's schema: for every knob and a spread of values,
// the page finds a problem exactly when validatePolicy does (as the phone check mirrors REG-4).
import { describe, expect, it } from 'vitest';
import { POLICY_KNOBS } from '../../src/api/policy-catalogue.ts';
import { STANDARD_POLICY, validatePolicy } from '../../src/core/policy.ts';
import type { PolicyDoc, PolicyKnob } from '../../src/contracts/index.ts';
import { translator } from '../../src/web/i18n/translate.ts';
import { changedKnobs, formatValue, knobOfIssue, knobProblem, valueAt, withValue } from '../../src/web/manager/policy-form.ts';

/** The catalogue as the page receives it (JSON). */
const KNOBS = JSON.parse(JSON.stringify(POLICY_KNOBS)) as PolicyKnob[];
const STANDARD = JSON.parse(JSON.stringify(STANDARD_POLICY)) as PolicyDoc;

function samples(k: PolicyKnob): unknown[] {
  const numbers = [-1, 0, 0.5, 1, 1.5, 2, 7, 30, 1e6, Number.NaN, '3', null];
  switch (k.kind) {
    case 'number':
    case 'numberOrWord':
      return [...numbers, 'unlimited', 'never'];
    case 'numberList':
      return [[], [60], [60, 30], [0], [60, -1], [1.5], null, [null]];
    case 'windows':
      return [null, [], [['08:30', '12:00']], [['08:30', '12:00'], ['14:30', '17:30']], [['12:00', '08:30']], [['8:30', '12:00']], [['23:00', '24:00']], [['08:30', '25:00']], [['08:30']]];
    case 'split': {
      const [a = 'a', b = 'b'] = k.parts ?? [];
      return [{ [a]: 0.5, [b]: 0.5 }, { [a]: 0.7, [b]: 0.3 }, { [a]: 0.7, [b]: 0.5 }, { [a]: 1.2, [b]: -0.2 }, { [a]: 1, [b]: 0 }, null];
    }
    case 'enum':
    case 'fixed':
      return [...(k.values ?? []), 'other', null, 1];
    case 'enumSet':
      return [[], ['name'], ['name', 'gender', 'phone', 'needs'], ['age'], null];
    case 'boolean':
      return [true, false, null, 'yes'];
    case 'textList':
      return [[], ['A'], ['A', 'B'], ['A', 'A'], [' A ', 'A'], [''], ['  '], ['x'.repeat(20)], ['x'.repeat(21)], Array.from({ length: 50 }, (_, i) => `o${i}`), Array.from({ length: 51 }, (_, i) => `o${i}`), null, [1], 'A'];
    case 'clock':
      return ['21:00', '09:30', '9:30', '24:00', '23:59', '25:00', '21:60', '', ' 21:00', null, 2100];
  }
}

describe('policy form checks', () => {
  it.each(KNOBS.map((k) => [k.path, k] as const))('%s: a problem exactly when the server refuses', (_path, knob) => {
    for (const value of samples(knob)) {
      const server = validatePolicy(withValue(STANDARD, knob.path, value)).ok;
      expect(knobProblem(knob, value) === null, `${knob.path} = ${JSON.stringify(value)}`).toBe(server);
    }
  });

  it('knows which knob a server issue names, and which knobs an edit changed', () => {
    expect(knobOfIssue(KNOBS, 'policy.ownership.protectionDays')).toBe('ownership.protectionDays');
    expect(knobOfIssue(KNOBS, 'body.policy.splits.cover')).toBe('splits.cover');
    expect(knobOfIssue(KNOBS, 'policy.channel.protectionDays.1')).toBe('channel.protectionDays');
    expect(knobOfIssue(KNOBS, 'days')).toBeNull();
    const edited = withValue(STANDARD, 'ownership.protectionDays', 10);
    expect(valueAt(edited, 'ownership.protectionDays')).toBe(10);
    expect(valueAt(STANDARD, 'ownership.protectionDays')).toBe(30);
    expect(changedKnobs(KNOBS, STANDARD, edited)).toEqual(['ownership.protectionDays']);
  });

  it('words values as people read them', () => {
    const t = translator('zh-CN');
    const knob = (path: string) => KNOBS.find((k) => k.path === path) as PolicyKnob;
    expect(formatValue(knob('splits.cover'), { owner: 0.7, cover: 0.3 }, 'zh-CN', t)).toBe('归属人 70% / 代接人 30%');
    expect(formatValue(knob('registration.required'), ['name', 'phone'], 'zh-CN', t)).toBe('姓名、手机号');
    expect(formatValue(knob('rotation.hours'), null, 'zh-CN', t)).toBe('全天');
    expect(formatValue(knob('ownership.recycleDays'), null, 'en', translator('en'))).toBe('None');
    expect(formatValue(knob('ownership.smsCounts'), false, 'zh-CN', t)).toBe('否');
  });
});
