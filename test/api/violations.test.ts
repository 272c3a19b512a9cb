// The violation register over HTTP (PEN-1, ROT-14): the manager records a suspension, the roster and the
// floor obey it, the consultant sees their own violation only and appeals it, the manager overturns it and
// the consultant is back in the queue at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, p, startHarness, type Harness } from './api-harness.ts';

describe('the violation register', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(async () => h?.close());

  it('records, shows, obeys, appeals and overturns', async () => {
    const manager = await h.agent('manager');
    const a = await h.agent('consultant');
    const b = await h.agent('consultantB');
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
    const recorded = await manager.call('POST', p('/commands/recordViolation'), { body: { who: 'A', rule: 'customerTheft', evidence: [1], sanction: { kind: 'suspension', days: 7 }, note: '抢客' } });
    expect(recorded.statusCode).toBe(200);
    const id = (recorded.json() as { seq: number }).seq;
    expect((await manager.call('GET', p('/floor'))).json()).toMatchObject({ up: { who: 'B' } });
    const staff = (await manager.call('GET', p('/staff'))).json() as { staff: { id: string; suspended: boolean; suspendedUntil: number | null }[] };
    expect(staff.staff.find((s) => s.id === 'A')).toMatchObject({ suspended: true, suspendedUntil: at('2026-03-09 09:00') });

    const mine = (await a.call('GET', p('/violations'))).json() as { violations: { id: number; who: string; suspendedNow: boolean; sanction: { kind: string } }[] };
    expect(mine.violations).toMatchObject([{ id, who: 'A', suspendedNow: true, sanction: { kind: 'suspension' } }]);
    expect(((await b.call('GET', p('/violations'))).json() as { violations: unknown[] }).violations).toEqual([]);
    expect((await b.call('GET', p('/violations?of=A'))).statusCode).toBe(403);
    // B may not appeal A's violation, nor A decide it.
    expect((await b.call('POST', p('/commands/appeal'), { body: { violation: id, grounds: '不是我' } })).json()).toMatchObject({ code: 'invalid_input' });
    expect((await a.call('POST', p('/commands/appeal'), { body: { violation: id, grounds: '客户是我先接待的，见登记' } })).statusCode).toBe(200);
    expect((await a.call('POST', p('/commands/decideAppeal'), { body: { violation: id, upheld: false, reason: '自己裁决' } })).statusCode).toBe(403);
    h.clock.now += 60_000;
    expect((await manager.call('POST', p('/commands/decideAppeal'), { body: { violation: id, upheld: false, reason: '登记在先，撤销' } })).statusCode).toBe(200);
    expect((await manager.call('GET', p('/floor'))).json()).toMatchObject({ up: { who: 'A' } });
    const after = (await manager.call('GET', p('/violations'))).json() as { violations: { appeal: string; suspendedNow: boolean; decisionReason: string }[] };
    expect(after.violations[0]).toMatchObject({ appeal: 'overturned', suspendedNow: false, decisionReason: '登记在先，撤销' });
  });
});
