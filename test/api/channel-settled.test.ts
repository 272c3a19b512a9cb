// The broker side's last pieces over HTTP (issue 10): the broker's application answers the office's CH-8
// number style and the CH-5 lead time the report form needs; a masked report under a masked policy is
// protected; the public sign-up names an unknown project with its own code; and the desk's 今日渠道带访 and
// the consultant's outstanding confirmations are read from the log, so what was settled stays settled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escortedTodaySchema, myApplicationSchema, myConfirmationsSchema } from '../../src/contracts/channel.contract.ts';
import { STANDARD_POLICY, type Policy } from '../../src/core/policy.ts';
import { p, PASSWORD, startHarness, type Agent, type Harness } from './api-harness.ts';

interface Party {
  arrival: number;
  broker: string;
  receiver: string | null;
  recognised: boolean;
  leftAt: number | null;
  leftAtLocal: string | null;
  confirmation: string | null;
  customer: { phone: string; masked: boolean };
}

const withChannel = (channel: Partial<Policy['channel']>): Policy => ({ ...STANDARD_POLICY, channel: { ...STANDARD_POLICY.channel, ...channel } });

describe('the broker side, settled', () => {
  let h: Harness;
  let x: Agent;
  let desk: Agent;
  let a: Agent;
  let b: Agent;
  let m: Agent;
  beforeAll(async () => {
    // Sessions outlive the night: the last check reads the next day.
    h = await startHarness('sqlite', { sessionTtlMs: 3 * 24 * 3600_000 });
    await h.run({ do: 'signIn', who: 'A' });
    x = await h.agent('broker');
    desk = await h.agent('frontdesk');
    a = await h.agent('consultant');
    b = await h.agent('consultantB');
    m = await h.agent('manager');
  });
  afterAll(async () => {
    await h?.close();
  });

  const application = async (agent: Agent) => {
    const res = await agent.call('GET', p('/channel/my-application'));
    expect(res.statusCode).toBe(200);
    return myApplicationSchema.parse(res.json());
  };

  it('CH-8, CH-5: my-application answers the number style and the lead time this broker must keep', async () => {
    expect(await application(x)).toMatchObject({ status: 'approved', reportNumber: 'full', leadMinutes: 0 });
    await h.run({ do: 'addBroker', broker: { id: 'D', kind: 'distributor', approved: true } });
    await h.run({ do: 'setPolicy', policy: withChannel({ reportNumber: 'first4last3', minLeadMinutes: 45 }) });
    expect(await application(x)).toMatchObject({ reportNumber: 'first4last3', leadMinutes: 0 });
    // a distributor (分销) keeps the policy's lead time; an agency does not (CH-5 asks it of distributors only)
    const applied = await h.app.inject({ method: 'POST', url: '/api/channel/apply', payload: { project: 'p1', login: 'dist1', password: 'broker-pass-1', kind: 'distributor', name: '分销小王', company: '好房分销' } });
    expect(applied.statusCode).toBe(201);
    const signed = await h.app.inject({ method: 'POST', url: '/api/session', payload: { login: 'dist1', password: 'broker-pass-1' } });
    const token = signed.cookies.find((c) => c.name === 'anchang_session')?.value ?? '';
    const mine = await h.app.inject({ method: 'GET', url: p('/channel/my-application'), headers: { cookie: `anchang_session=${token}` } });
    expect(myApplicationSchema.parse(mine.json())).toMatchObject({ status: 'pending', broker: { kind: 'distributor' }, reportNumber: 'first4last3', leadMinutes: 45 });
  });

  it('CH-8: under 前四后三 a broker reports the mask with the name, and the report protects', async () => {
    const res = await x.call('POST', p('/commands/report'), { body: { phone: '1390****123', name: '钱先生' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ answer: { accepted: true } });
    const mine = (await x.call('GET', p('/channel/my-reports'))).json() as { reports: { customer: { phone: string; masked: boolean }; status: string }[] };
    expect(mine.reports[0]).toMatchObject({ customer: { phone: '1390****123', masked: true }, status: 'protected' });
    await h.run({ do: 'setPolicy', policy: STANDARD_POLICY });
  });

  it('the public sign-up names an unknown project with its own code, in Chinese', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/channel/apply', headers: { 'accept-language': 'zh-CN' }, payload: { project: 'nowhere', login: 'lost1', password: 'broker-pass-1', kind: 'individual', name: '迷路' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'unknown_project', message: '没有这个项目，请核对案场提供的报名链接' });
    // nothing was made: the login is still free for the right project
    const ok = await h.app.inject({ method: 'POST', url: '/api/channel/apply', payload: { project: 'p1', login: 'lost1', password: PASSWORD, kind: 'individual', name: '迷路' } });
    expect(ok.statusCode).toBe(201);
  });

  describe('CH-6, CH-7: the exit and the confirmation stay settled on every later read', () => {
    let first: number;
    let second: number;
    const parties = async () => {
      const res = await desk.call('GET', p('/channel/escorted-today'));
      expect(res.statusCode).toBe(200);
      return escortedTodaySchema.parse(res.json()).parties as unknown as Party[];
    };
    const owed = async (agent: Agent, query = '') => {
      const res = await agent.call('GET', p(`/channel/my-confirmations${query}`));
      expect(res.statusCode, res.body).toBe(200);
      return myConfirmationsSchema.parse(res.json());
    };

    beforeAll(async () => {
      for (const phone of ['13900008001', '13900008002']) {
        expect((await x.call('POST', p('/commands/report'), { body: { phone, name: '赵女士' } })).json()).toMatchObject({ answer: { accepted: true } });
        h.clock.now += 60_000;
        const arrived = await desk.call('POST', p('/commands/arrive'), { body: { phone, broker: 'X' } });
        expect(arrived.json()).toMatchObject({ answer: { channel: 'X', receiver: 'A' } });
        await h.run({ do: 'done', who: 'A' });
      }
      const listed = await parties();
      [first, second] = listed.map((r) => r.arrival) as [number, number];
    });

    it('the desk reads today’s broker-brought parties, masked, still here and unconfirmed', async () => {
      const listed = await parties();
      expect(listed).toHaveLength(2);
      for (const r of listed) expect(r).toMatchObject({ broker: 'X', receiver: 'A', recognised: true, leftAt: null, leftAtLocal: null, confirmation: null, customer: { masked: true } });
      expect(JSON.stringify(listed)).not.toContain('13900008001');
    });

    it('a logged exit shows its time on the next read', async () => {
      expect((await desk.call('POST', p('/commands/leave'), { body: { arrival: first } })).statusCode).toBe(200);
      const row = (await parties()).find((r) => r.arrival === first);
      expect(row?.leftAt).toBe(h.clock.now);
      expect(row?.leftAtLocal).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect((await parties()).find((r) => r.arrival === second)?.leftAt).toBeNull();
      // a second exit is refused, and the first time stands
      expect((await desk.call('POST', p('/commands/leave'), { body: { arrival: first } })).json()).toMatchObject({ code: 'already_decided' });
    });

    it('the receiving consultant owes both slips; another consultant owes none, and may not ask for theirs', async () => {
      expect((await owed(a)).confirmations.map((c) => c.arrival)).toEqual([first, second]);
      expect((await owed(a)).of).toBe('A');
      expect((await owed(b)).confirmations).toEqual([]);
      expect((await b.call('GET', p('/channel/my-confirmations?of=A'))).json()).toMatchObject({ code: 'not_yourself' });
      expect((await owed(m, '?of=A')).confirmations).toHaveLength(2);
    });

    it('a settled slip (confirmed, or marked fake) no longer shows as owed, and the desk sees how it ended', async () => {
      expect((await a.call('POST', p('/commands/confirmViewing'), { body: { arrival: first, customerConfirmed: true } })).statusCode).toBe(200);
      expect((await owed(a)).confirmations.map((c) => c.arrival)).toEqual([second]);
      expect((await m.call('POST', p('/commands/markFake'), { body: { arrival: second, reason: '只领礼品' } })).statusCode).toBe(200);
      expect((await owed(a)).confirmations).toEqual([]);
      const listed = await parties();
      expect(listed.map((r) => [r.arrival, r.confirmation])).toEqual([
        [first, 'confirmed'],
        [second, 'fake'],
      ]);
    });

    it('tomorrow the desk’s list starts empty; a slip still owed from yesterday is still owed', async () => {
      expect((await x.call('POST', p('/commands/report'), { body: { phone: '13900008003', name: '孙先生' } })).json()).toMatchObject({ answer: { accepted: true } });
      const arrived = await desk.call('POST', p('/commands/arrive'), { body: { phone: '13900008003', broker: 'X' } });
      const seq = (arrived.json() as { seq: number }).seq;
      h.clock.now += 24 * 3600_000;
      expect(await parties()).toEqual([]);
      expect((await owed(a)).confirmations.map((c) => c.arrival)).toEqual([seq]);
    });
  });
});
