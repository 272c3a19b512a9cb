// The read endpoints answer the scenario checks and the front desk's questions: judge (new / owned,
// protection, broker, family, suggested receiver, by plate), ownership, timeline, my customers, today's
// turns, a unit's credit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, p, startHarness, type Harness } from './api-harness.ts';

describe.each(['memory', 'sql'] as const)('reads, offices %s', (store) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { store });
    // Day one: A registers 张先生 (with a plate) and B registers 李女士; 张太太 is linked to 张先生.
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
    await h.run({ do: 'arrive', phone: '13800138000', name: '张先生' });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房', plate: '沪A·12345' });
    await h.run({ do: 'done', who: 'A' });
    await h.run({ do: 'arrive', phone: '13900139000', name: '李女士' });
    await h.run({ do: 'register', by: 'B', via: 'visit', phone: '13900139000', name: '李女士', needs: '两房' });
    await h.run({ do: 'done', who: 'B' });
    await h.run({ do: 'link', phone: '13700137000', to: '13800138000', relation: 'spouse' });
    await h.run({ do: 'report', broker: 'X', phone: '13600136000', name: '赵先生' });
    h.clock.now = at('2026-03-10 10:00');
    await h.run({ do: 'followUp', by: 'B', phone: '13900139000', reached: true, via: 'call' });
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('judges a new customer: nobody owns them, the one up would receive them', async () => {
    const res = await (await h.agent('frontdesk')).call('GET', p('/judge?phone=135%200000%200000'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'new', known: false, owner: null, protectedUntil: null, channel: null, family: [], suggested: { receiver: { id: 'A' }, as: 'turn' } });
  });

  it('judges an owned customer: owner, protection end, family, reasons with rule ids, the owner as receiver', async () => {
    const res = await (await h.agent('manager')).call('GET', p(`/judge?phone=${encodeURIComponent('+86 138 0013 8000')}`));
    const body = res.json();
    expect(body).toMatchObject({
      status: 'owned',
      identifiedBy: 'phone',
      known: true,
      customer: { phone: '13800138000', name: '张先生', masked: false },
      owner: { id: 'A', name: '王磊' },
      protectedUntilLocal: '2026-04-01 09:00',
      family: [{ phone: '13700137000', relation: 'spouse', masked: false }],
      suggested: { receiver: { id: 'A' }, as: 'owner', rules: ['ROT-10'] },
    });
    expect(body.rules).toContain('OWN-7');
    expect(body.reasons.find((r: { rule: string }) => r.rule === 'OWN-7').params).toMatchObject({ owner: 'A', relation: 'spouse' });
    // A family member is judged as the same customer (OWN-7).
    expect((await (await h.agent('manager')).call('GET', p('/judge?phone=13700137000'))).json()).toMatchObject({ status: 'owned', owner: { id: 'A' } });
  });

  it('identifies a customer by surname and car plate (REG-4)', async () => {
    const desk = await h.agent('frontdesk');
    const found = (await desk.call('GET', p(`/judge?surname=${encodeURIComponent('张')}&plate=${encodeURIComponent('沪A 12345')}`))).json();
    expect(found).toMatchObject({ identifiedBy: 'plate', status: 'owned', owner: { id: 'A' }, customer: { phone: '138****8000', masked: true } });
    expect(found.rules).toContain('REG-4');
    const missing = (await desk.call('GET', p(`/judge?surname=${encodeURIComponent('王')}&plate=${encodeURIComponent('沪A 12345')}`))).json();
    expect(missing).toMatchObject({ identifiedBy: null, status: 'new', customer: null });
    expect(missing.reasons[0]).toMatchObject({ rule: 'REG-4', code: 'notIdentified' });
  });

  it('shows broker protection (CH-4)', async () => {
    const body = (await (await h.agent('channelAssistant')).call('GET', p('/judge?phone=13600136000'))).json();
    expect(body).toMatchObject({ status: 'new', channel: { broker: 'X', untilLocal: '2026-05-01 09:00', rules: ['CH-4'] } });
    expect((await (await h.agent('consultant')).call('GET', p('/customers/13600136000/ownership'))).json()).toMatchObject({ owner: null, channel: { broker: 'X' } });
  });

  it('answers the ownership check as the scenario checks do', async () => {
    const body = (await (await h.agent('consultantB')).call('GET', p('/customers/13900139000/ownership'))).json();
    expect(body).toMatchObject({ owner: { id: 'B', name: '李娜' }, protectedUntilLocal: '2026-04-09 10:00', channel: null });
    expect(body.rules).toEqual(expect.arrayContaining(['OWN-1', 'OWN-3']));
  });

  it("lists a consultant's customers, protection running out first; a manager may ask for anyone's", async () => {
    h.clock.now = at('2026-03-10 11:00');
    await h.run({ do: 'register', by: 'B', via: 'visit', phone: '13500135000', name: '钱先生', needs: '商铺' });
    const mine = (await (await h.agent('consultantB')).call('GET', p('/my-customers'))).json();
    expect(mine.of).toBe('B');
    expect(mine.customers.map((c: { phone: string; protectedUntilLocal: string }) => [c.phone, c.protectedUntilLocal])).toEqual([
      ['13900139000', '2026-04-09 10:00'],
      ['13500135000', '2026-04-09 11:00'],
    ]);
    const page = (await (await h.agent('consultantB')).call('GET', p('/my-customers?offset=1&limit=1'))).json();
    expect(page).toMatchObject({ total: 2, customers: [{ phone: '13500135000' }] });
    const ofA = (await (await h.agent('manager')).call('GET', p('/my-customers?of=A'))).json();
    expect(ofA.customers.map((c: { phone: string }) => c.phone)).toEqual(['13700137000', '13800138000']);
  });

  it("lists today's turns with their times, masked", async () => {
    await h.run({ do: 'arrive', phone: '13400134000' });
    const today = (await (await h.agent('frontdesk')).call('GET', p('/today'))).json();
    expect(today.floor.day).toBe('2026-03-10');
    expect(today.receptions).toEqual([
      { seq: expect.any(Number), at: h.clock.now, atLocal: '2026-03-10 11:00', kind: 'arrival', receiver: 'A', as: 'turn', phone: '134****4000', broker: null, channel: null },
    ]);
  });

  it('a timeline of an unknown customer is 404', async () => {
    const res = await (await h.agent('manager')).call('GET', p('/customers/13300133000/timeline'));
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });

  it("answers a unit's credit, and refuses a second customer's deal with 409 unit_sold", async () => {
    const a = await h.agent('consultant');
    expect((await a.call('GET', p('/units/U1/credit'))).json()).toEqual({ unit: 'U1', order: null });
    expect((await a.call('POST', p('/commands/deal'), { body: { phone: '13800138000', unit: 'U1', stage: 'deposit' } })).statusCode).toBe(200);
    expect((await a.call('GET', p('/units/U1/credit'))).json()).toMatchObject({ unit: 'U1', order: { stage: 'deposit', closer: 'A', credit: { A: 1 } } });
    const sold = await (await h.agent('consultantB')).call('POST', p('/commands/deal'), { body: { phone: '13900139000', unit: 'U1', stage: 'deposit' }, headers: { 'accept-language': 'zh-CN' } });
    expect(sold.statusCode).toBe(409);
    expect(sold.json()).toMatchObject({ code: 'unit_sold', message: '该房源已被其他客户认购', reasons: [{ rule: expect.stringMatching(/^DEAL-/) }] });
    expect((await a.call('GET', p('/units/NOPE/credit'))).statusCode).toBe(404);
  });
});
