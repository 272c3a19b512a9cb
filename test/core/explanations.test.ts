// OWN-15: every ownership answer and every receiver decision explains itself.
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../src/core/reasons.ts';
import { at, testOffice } from '../support/office.ts';

const staff = [
  { id: 'A', role: 'consultant' as const },
  { id: 'B', role: 'consultant' as const },
];

describe('OWN-15 explanations', () => {
  it('an owner answer names the rule, the record (who, what, when) and when protection ends', () => {
    const { ok, engine } = testOffice(staff);
    ok('2026-03-02 09:00', { do: 'signIn', who: 'A' });
    ok('2026-03-02 09:30', { do: 'arrive', phone: '13800138000' });
    ok('2026-03-02 09:40', { do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    const answer = engine.ownership('13800138000', at('2026-03-05 10:00'));
    expect(answer.owner).toBe('A');
    expect(answer.protectedUntil).toBe(at('2026-04-01 09:40'));
    const first = answer.reasons[0];
    expect(first?.rule).toBe('OWN-1');
    expect(first?.record).toMatchObject({ type: 'registration', by: 'A', at: at('2026-03-02 09:40') });
    expect(first?.record?.seq).toBeGreaterThan(0);
  });

  it('a refreshed protection names the contact that refreshed it', () => {
    const { ok, engine } = testOffice(staff);
    ok('2026-03-02 09:40', { do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    ok('2026-03-20 11:00', { do: 'followUp', by: 'A', phone: '13800138000', reached: true, via: 'wechat' });
    const answer = engine.ownership('13800138000', at('2026-03-21 10:00'));
    expect(ruleIds(answer.reasons)).toEqual(['OWN-1', 'OWN-3']);
    expect(answer.reasons[1]?.record).toMatchObject({ type: 'followUp', by: 'A', at: at('2026-03-20 11:00') });
    expect(answer.protectedUntil).toBe(at('2026-04-19 11:00'));
  });

  it('an unowned answer says why: lapsed (with the instant) or never validly registered', () => {
    const { ok, engine } = testOffice(staff);
    ok('2026-03-02 09:40', { do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    const lapsed = engine.ownership('13800138000', at('2026-04-02 09:00'));
    expect(lapsed.owner).toBeNull();
    expect(lapsed.reasons[0]).toMatchObject({ rule: 'OWN-2', code: 'protectionLapsed', params: { owner: 'A', at: at('2026-04-01 09:40') } });
    ok('2026-04-02 09:00', { do: 'register', by: 'B', via: 'visit', phone: '13911112222', name: '王女士' });
    expect(engine.ownership('13911112222', at('2026-04-02 09:01')).reasons[0]).toMatchObject({ rule: 'OWN-1', code: 'neverOwned' });
  });

  it('a family link names itself as the reason the linked member changed owner, from its instant on (OWN-7)', () => {
    const { ok, engine } = testOffice(staff);
    ok('2026-03-02 09:40', { do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    ok('2026-03-03 10:00', { do: 'register', by: 'B', via: 'visit', phone: '13911112222', name: '王女士', needs: '三房' });
    ok('2026-03-04 10:00', { do: 'link', phone: '13911112222', to: '13800138000', relation: 'spouse' });
    const joined = engine.ownership('13911112222', at('2026-03-04 10:00'));
    expect(joined.owner).toBe('A');
    expect(joined.reasons[0]).toMatchObject({ rule: 'OWN-7', code: 'familyJoined', params: { owner: 'A', linked: '13911112222', to: '13800138000' } });
    expect(joined.reasons[0]?.record).toMatchObject({ type: 'link', at: at('2026-03-04 10:00') });
    expect(joined.protectedUntil).toBe(at('2026-04-01 09:40'));
    expect(joined.spans).toEqual([
      { owner: 'A', from: at('2026-03-02 09:40'), until: at('2026-03-04 10:00') },
      { owner: 'B', from: at('2026-03-03 10:00'), until: at('2026-03-04 10:00') },
      { owner: 'A', from: at('2026-03-04 10:00'), until: null },
    ]);
    // the link rewrites nothing before it: the day before, she was B's
    expect(engine.ownership('13911112222', at('2026-03-03 18:00'))).toMatchObject({ owner: 'B', protectedUntil: at('2026-04-02 10:00') });
  });

  it('a receiver decision carries its rule ids', () => {
    const { ok } = testOffice(staff);
    ok('2026-03-02 09:00', { do: 'signIn', who: 'A' });
    ok('2026-03-02 09:00', { do: 'signIn', who: 'B' });
    const turn = ok('2026-03-02 09:30', { do: 'arrive' });
    expect(turn).toMatchObject({ receiver: 'A', as: 'turn' });
    expect(ruleIds(turn.reasons)).toContain('ROT-2');
    ok('2026-03-02 09:35', { do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    const cover = ok('2026-03-02 10:00', { do: 'arrive', phone: '13800138000' });
    expect(cover).toMatchObject({ receiver: 'B', as: 'cover' });
    expect(ruleIds(cover.reasons)).toEqual(expect.arrayContaining(['OWN-1', 'ROT-10', 'ROT-11']));
  });
});
