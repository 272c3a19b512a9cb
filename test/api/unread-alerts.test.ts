// RISK-2 kept until read: an owner who was not on the page when their customer walked in sees the alert when
// they open it later, marks it read (an append-only read mark), and it is gone; nobody else sees or marks it.
// Also the manager's ownership desk over HTTP: the turn of introduced customers (OWN-9) and the freeze (OWN-13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p, startHarness, type Harness } from './api-harness.ts';

describe('RISK-2: unread owner alerts are kept until read', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    await h.run({ do: 'signIn', who: 'B' });
  });
  afterAll(async () => h?.close());

  it('an owner opening the phone later sees the unread alert, marks it read once, and it stays read', async () => {
    const a = await h.agent('consultant');
    const b = await h.agent('consultantB');
    expect((await a.call('GET', p('/alerts/mine'))).json()).toEqual({ alerts: [] });
    h.clock.now += 60_000;
    const arrived = await (await h.agent('frontdesk')).call('POST', p('/commands/arrive'), { body: { phone: '13800138000' } });
    const seq = arrived.json().seq as number;
    // Nobody had a stream open: the alert waits for A.
    h.clock.now += 3 * 60 * 60_000;
    const mine = (await a.call('GET', p('/alerts/mine'))).json() as { alerts: { seq: number; customer: { phone: string }; receiver: { id: string } | null; covering: boolean }[] };
    expect(mine.alerts).toMatchObject([{ seq, customer: { phone: '13800138000', name: '张先生' }, receiver: { id: 'B' }, covering: true }]);
    // Another consultant sees nothing and cannot mark A's alert.
    expect((await b.call('GET', p('/alerts/mine'))).json()).toEqual({ alerts: [] });
    expect((await b.call('POST', p('/commands/markAlertRead'), { body: { arrival: seq } })).json()).toMatchObject({ code: 'not_an_alert' });
    expect((await a.call('POST', p('/commands/markAlertRead'), { body: { who: 'B', arrival: seq } })).statusCode).toBe(403);
    const read = await a.call('POST', p('/commands/markAlertRead'), { body: { arrival: seq } });
    expect(read.statusCode).toBe(200);
    expect(read.json().answer.reasons).toMatchObject([{ rule: 'RISK-2', code: 'alertRead' }]);
    expect((await a.call('GET', p('/alerts/mine'))).json()).toEqual({ alerts: [] });
    // Marking it again changes nothing: one read mark.
    expect((await a.call('POST', p('/commands/markAlertRead'), { body: { arrival: seq } })).json()).toMatchObject({ code: 'already_decided' });
    const marks = (await h.handle.facts(0)).filter((f) => f.type === 'alertRead');
    expect(marks).toMatchObject([{ who: 'A', arrival: seq }]);
    // SEC-2: the owner was shown their customer in full by this read.
    const reads = (await (await h.agent('manager')).call('GET', p('/record-reads?customer=13800138000'))).json().reads as { endpoint: string }[];
    expect(reads.map((r) => r.endpoint)).toContain('myAlerts');
  });

  it("the manager's desk names whose turn is next and the rate; assigning follows it; freezing records the register", async () => {
    const m = await h.agent('manager');
    const desk = (await m.call('GET', p('/ownership-desk'))).json();
    expect(desk).toMatchObject({ next: 'A', rate: 0.5, assigned: 0, lastFrozen: null, rules: ['OWN-9'] });
    const given = await m.call('POST', p('/commands/assignIntroduced'), { body: { phone: '13900001111', name: '领导朋友', source: '董事长介绍' } });
    expect(given.json().answer).toMatchObject({ receiver: 'A' });
    expect(given.json().answer.reasons.map((r: { code: string }) => r.code)).toEqual(['introducedTurn', 'companyIntroduced']);
    expect((await m.call('GET', p('/ownership-desk'))).json()).toMatchObject({ next: 'B', assigned: 1 });
    expect((await (await h.agent('consultant')).call('POST', p('/commands/assignIntroduced'), { body: { phone: '13900002222', source: '自己' } })).statusCode).toBe(403);
    const frozen = await m.call('POST', p('/commands/freezeRegister'), { body: { note: '开盘前' } });
    expect(frozen.json().answer.reasons).toMatchObject([{ rule: 'OWN-13', code: 'registerFrozen', params: { count: 2 } }]);
    expect((await m.call('GET', p('/ownership-desk'))).json().lastFrozen).toMatchObject({ by: 'M', count: 2 });
  });
});
