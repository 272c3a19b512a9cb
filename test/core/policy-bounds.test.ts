// Issue 14 item 7: every number knob has a sane range in the one schema. A value past it (1e308 days of
// protection, which made protection endless and printed "Invalid DateTime") is refused by the knob's name.
import { describe, expect, it } from 'vitest';
import { MAX_DAYS, resolvePolicy, STANDARD_POLICY, validatePolicy } from '../../src/core/policy.ts';

/** Every numeric leaf of the standard policy, by its dotted knob name (list entries included). */
function numberKnobs(node: unknown, path: string[] = []): string[] {
  if (typeof node === 'number') return [path.join('.')];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => numberKnobs(v, [...path, k]));
}

function withValue(knob: string, value: number): unknown {
  const draft = structuredClone(STANDARD_POLICY) as unknown as Record<string, unknown>;
  const parts = knob.split('.');
  const leaf = parts.pop() as string;
  let node = draft as Record<string, unknown>;
  for (const part of parts) node = node[part] as Record<string, unknown>;
  node[leaf] = value;
  return draft;
}

describe('policy knob ranges', () => {
  it('refuses 1e308 days of protection by name', () => {
    const result = resolvePolicy('standard', { 'ownership.protectionDays': 1e308 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.knob)).toEqual(['ownership.protectionDays']);
    expect(resolvePolicy('standard', { 'ownership.protectionDays': MAX_DAYS }).ok).toBe(true);
  });

  it('gives every number knob an upper bound: 1e308 is refused everywhere, naming the knob', () => {
    const knobs = numberKnobs(STANDARD_POLICY).filter((k) => !k.startsWith('splits.') && k !== 'ownership.companyAssignedRate');
    expect(knobs.length).toBeGreaterThanOrEqual(10);
    for (const knob of knobs) {
      const result = validatePolicy(withValue(knob, 1e308));
      expect(result.ok, knob).toBe(false);
      if (!result.ok) expect(result.problems.some((p) => p.knob === knob), knob).toBe(true);
    }
  });

  it('bounds the lists: at most 10 report protections, at most 24 duty windows', () => {
    expect(resolvePolicy('standard', { 'channel.protectionDays': Array.from({ length: 11 }, () => 30) }).ok).toBe(false);
    expect(resolvePolicy('standard', { 'rotation.hours': Array.from({ length: 25 }, () => ['09:00', '10:00']) }).ok).toBe(false);
    expect(resolvePolicy('standard', { 'rotation.makeUpLimit': 101 }).ok).toBe(false);
  });
});
