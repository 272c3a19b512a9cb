// OWN-11 over HTTP: with `ownership.recycleDays` set, a customer nobody contacted for that long is the pool's
// from the first instant of the next month — computed from the clock at reading time, nothing written — and
// the pool and the judge say so, with the rule, the former owner and the dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../src/core/policy.ts';
import { at, p, startHarness, type Harness } from './api-harness.ts';

describe('OWN-11: the monthly sweep into the pool', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    const policy = resolvePolicy('standard', { 'ownership.protectionDays': 180, 'ownership.recycleDays': 90 });
    if (!policy.ok) throw new Error('policy');
    await h.run({ do: 'setPolicy', policy: policy.policy });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
  });
  afterAll(async () => h?.close());

  it('the customer is A\'s until the sweep, then the pool\'s, with OWN-11, the former owner and the sweep date', async () => {
    // The clock jumps months, past any session: the manager reads now, the supervisor signs in at the end of May.
    let reader: 'manager' | 'supervisor' = 'manager';
    const judge = async () => (await (await h.agent(reader)).call('GET', p('/judge?phone=13800138000'))).json();
    const poolPage = async () => (await (await h.agent(reader)).call('GET', p('/customers?status=pool'))).json();
    // Registered 2 March 09:00: 90 days run to 31 May, so the sweep of 1 June takes it (protection would run to late August).
    expect(await judge()).toMatchObject({ status: 'owned', owner: { id: 'A' }, protectedUntilLocal: '2026-06-01 00:00' });
    h.clock.now = at('2026-05-31 23:59');
    reader = 'supervisor';
    expect(await judge()).toMatchObject({ status: 'owned', owner: { id: 'A' } });
    const before = await poolPage();
    expect(before.customers.map((c: { phone: string }) => c.phone)).not.toContain('13800138000');
    h.clock.now = at('2026-06-01 00:00');
    const after = await judge();
    expect(after.owner).toBeNull();
    expect(after.rules).toContain('OWN-11');
    expect(after.reasons).toContainEqual(expect.objectContaining({ rule: 'OWN-11', code: 'recycled', params: expect.objectContaining({ owner: 'A', days: 90, at: at('2026-06-01 00:00'), lastContact: at('2026-03-02 09:00') }) }));
    const pool = await poolPage();
    expect(pool.customers.find((c: { phone: string }) => c.phone === '13800138000')).toMatchObject({ owner: null, formerOwner: { id: 'A' }, since: at('2026-06-01 00:00'), why: { rule: 'OWN-11', code: 'recycled' } });
    // Nothing was written by the sweep: it is an answer, not a fact.
    expect((await h.handle.facts(0)).map((f) => f.type)).not.toContain('reassigned');
  });
});
