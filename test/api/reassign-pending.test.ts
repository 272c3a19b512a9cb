// 000 细则 四.2 over HTTP (`ownership.reassignedOwns: atFirstContact`): a customer the manager gives B stays in
// the pool, and shows on B's phone as "given, yours from your first effective contact"; B's reached call makes
// it B's, with a protection end; the standard knob keeps today's behaviour (B's at the assignment).
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../src/core/policy.ts';
import { p, startHarness, type Harness } from './api-harness.ts';

describe('reassignedOwns', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  const start = async (reassignedOwns: 'atAssignment' | 'atFirstContact') => {
    h = await startHarness('sqlite');
    const policy = resolvePolicy('standard', { 'ownership.reassignedOwns': reassignedOwns });
    if (!policy.ok) throw new Error('policy');
    await h.run({ do: 'setPolicy', policy: policy.policy });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    await h.run({ do: 'depart', who: 'A' });
    h.clock.now += 60_000;
    const m = await h.agent('manager');
    expect((await m.call('POST', p('/commands/reassign'), { body: { phone: '13800138000', to: 'B', reason: 'A离职' } })).statusCode).toBe(200);
    return h;
  };
  const mine = async (harness: Harness) => ((await (await harness.agent('consultantB')).call('GET', p('/my-customers'))).json() as { customers: { phone: string; pending?: true; protectedUntil: number | null }[] }).customers;

  it('atFirstContact: pending on B\'s phone and in the pool until B reaches the customer', async () => {
    const harness = await start('atFirstContact');
    expect(await mine(harness)).toMatchObject([{ phone: '13800138000', pending: true, protectedUntil: null }]);
    const pool = (await (await harness.agent('manager')).call('GET', p('/customers?status=pool'))).json();
    expect(pool.customers.find((c: { phone: string }) => c.phone === '13800138000')).toMatchObject({ owner: null, why: { rule: 'OWN-10', code: 'reassignedPending' } });
    harness.clock.now += 60_000;
    const call = await (await harness.agent('consultantB')).call('POST', p('/commands/followUp'), { body: { phone: '13800138000', reached: true, via: 'call' } });
    expect(call.statusCode).toBe(200);
    expect(call.json().answer).toMatchObject({ extends: true });
    expect(call.json().answer.reasons).toContainEqual(expect.objectContaining({ rule: 'OWN-10', code: 'reassignedFirstContact' }));
    const after = await mine(harness);
    expect(after).toHaveLength(1);
    expect(after[0]?.pending).toBeUndefined();
    expect(after[0]?.protectedUntil).toBe(harness.clock.now + 30 * 86_400_000);
  });

  it('atAssignment (standard): B\'s at once', async () => {
    const harness = await start('atAssignment');
    const list = await mine(harness);
    expect(list).toHaveLength(1);
    expect(list[0]?.pending).toBeUndefined();
    expect(list[0]?.protectedUntil).toBe(harness.clock.now + 30 * 86_400_000);
  });
});
