import { describe, expect, it } from 'vitest';
import { resolvePolicy, STANDARD_POLICY, validatePolicy } from '../../src/core/policy.ts';

describe('policy', () => {
  it('the standard preset is valid and frozen', () => {
    expect(validatePolicy(STANDARD_POLICY).ok).toBe(true);
    expect(Object.isFrozen(STANDARD_POLICY.rotation)).toBe(true);
    expect(STANDARD_POLICY.ownership.protectionDays).toBe(30);
    expect(STANDARD_POLICY.rotation.makeUpLimit).toBe(1);
    expect(STANDARD_POLICY.channel.protectionDays).toEqual([60, 30]);
    expect(STANDARD_POLICY.disputes.windowDays).toBe(3);
    expect(STANDARD_POLICY.ownership.lookBackDays).toBe(7);
  });

  it('rejects an unknown knob, naming it', () => {
    const r = resolvePolicy('standard', { 'ownership.protectDays': 20 });
    expect(r).toEqual({ ok: false, problems: [{ knob: 'ownership.protectDays', message: 'unknown knob "ownership.protectDays"' }] });
    expect(resolvePolicy('standard', { rotation: {} }).ok).toBe(false);
  });

  it('rejects a wrong type or value, naming the knob', () => {
    const r = resolvePolicy('standard', { 'rotation.makeUpLimit': 'lots', 'ownership.family': 'cousins', 'splits.cover': { owner: 0.7, cover: 0.2 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.knob).sort()).toEqual(['ownership.family', 'rotation.makeUpLimit', 'splits.cover']);
    expect(r.problems.every((p) => p.message.startsWith(p.knob))).toBe(true);
  });

  it('rejects an unknown key in a whole policy document', () => {
    const r = validatePolicy({ ...STANDARD_POLICY, rotation: { ...STANDARD_POLICY.rotation, speed: 3 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.knob).toBe('rotation.speed');
  });

  it.each([
    ['rotation.order', 'fewestNewToday'],
    ['rotation.privateReturn', 'keep'],
    ['rotation.makeUpLimit', 'unlimited'],
    ['rotation.unit', 'team'],
    ['rotation.hours', [['08:30', '12:00'], ['14:30', '17:30']]],
    ['ownership.family', 'threeGenerations'],
    ['ownership.callsEstablish', true],
    ['ownership.referralDefault', 'referrerOwner'],
    ['channel.reportNumber', 'first4last3'],
    ['channel.protectionMode', 'reportToVisitToDeal'],
    ['splits.cover', { owner: 0.8, cover: 0.2 }],
  ])('accepts the variant %s: %j', (knob, value) => {
    const r = resolvePolicy('standard', { [knob]: value });
    expect(r.ok).toBe(true);
  });

  it('rejects a duty window that ends before it starts', () => {
    expect(resolvePolicy('standard', { 'rotation.hours': [['12:00', '08:30']] }).ok).toBe(false);
  });

  it('rejects an unknown preset', () => {
    expect(resolvePolicy('lenient').ok).toBe(false);
  });
});
