// The policy editor's knob catalogue against the schema and the rule book.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_KNOBS, POLICY_SECTIONS } from '../../src/api/policy-catalogue.ts';
import { STANDARD_POLICY, validatePolicy } from '../../src/core/policy.ts';

describe('policy catalogue', () => {
  it('lists every knob of the schema once, section by section, with the standard value', () => {
    const leaves = POLICY_SECTIONS.flatMap((section) => Object.keys(STANDARD_POLICY[section]).map((knob) => `${section}.${knob}`));
    expect(POLICY_KNOBS.map((k) => k.path)).toEqual(leaves);
    for (const k of POLICY_KNOBS) {
      const [section, knob] = k.path.split('.') as [keyof typeof STANDARD_POLICY, string];
      expect(k.standard, k.path).toEqual((STANDARD_POLICY[section] as Record<string, unknown>)[knob]);
    }
  });

  it('names rules of RULES.md, says what each knob means in both languages, and has words for every value', () => {
    const rules = readFileSync('../shared/spec/RULES.md', 'utf8');
    for (const k of POLICY_KNOBS) {
      expect(k.rules.length, k.path).toBeGreaterThan(0);
      // A rule's heading is `**OWN-2 Title.**`, or `**REP-3** text` where the rule has no title.
      for (const id of k.rules) expect(rules, `${k.path}: ${id}`).toMatch(new RegExp(`\\*\\*${id}(\\*\\*)? `));
      expect(k.description['zh-CN'].trim(), k.path).not.toBe('');
      expect(k.description.en.trim(), k.path).not.toBe('');
      for (const word of [...(k.values ?? []), ...(k.parts ?? [])]) expect(k.labels[word], `${k.path}: ${word}`).toMatchObject({ 'zh-CN': expect.any(String), en: expect.any(String) });
    }
  });

  it('bounds agree with the schema: the edge is accepted, beyond it refused with the knob named', () => {
    const at = (path: string, value: unknown) => {
      const [section, knob] = path.split('.') as [keyof typeof STANDARD_POLICY, string];
      return validatePolicy({ ...STANDARD_POLICY, [section]: { ...STANDARD_POLICY[section], [knob]: value } });
    };
    for (const k of POLICY_KNOBS.filter((x) => x.kind === 'number')) {
      const { min, max, exclusiveMin, integer } = k.bounds;
      if (min !== undefined) {
        expect(at(k.path, exclusiveMin ? min : min - 1), k.path).toMatchObject({ ok: false, problems: [{ knob: k.path }] });
        if (!exclusiveMin) expect(at(k.path, min).ok, k.path).toBe(true);
      }
      if (max !== undefined) expect(at(k.path, max + 1), k.path).toMatchObject({ ok: false, problems: [{ knob: k.path }] });
      if (integer) expect(at(k.path, (min ?? 0) + 1.5), k.path).toMatchObject({ ok: false });
      if (k.nullable) expect(at(k.path, null).ok, k.path).toBe(true);
    }
  });
});
