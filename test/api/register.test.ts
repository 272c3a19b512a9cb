// The manager's view of the whole office: the register (search, owner, owned / pool / lapsing, paging,
// SEC-1 unmasked, SEC-2 one read per customer shown), the public pool with when and why (OWN-2, OWN-10,
// OWN-12) and reassigning from it, the staff roster, a timeline's staff names — and the ownership book
// that answers the register agreeing with the engine after every kind of change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, p, startHarness, type Harness } from './api-harness.ts';

interface Row {
  phone: string;
  name: string | null;
  masked: boolean;
  owner: { id: string; name: string | null } | null;
  protectedUntil: number | null;
  since: number | null;
  formerOwner: { id: string } | null;
  why: { rule: string; code: string } | null;
}

describe.each(['memory', 'sql'] as const)('the register and the pool, offices %s', (store) => {
  let h: Harness;
  const list = async (query = '') => {
    const res = await (await h.agent('manager')).call('GET', p(`/customers${query}`));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; page: number; size: number; counts: Record<string, number>; customers: Row[] };
  };
  const phones = (body: { customers: Row[] }) => body.customers.map((c) => c.phone);

  beforeAll(async () => {
    // Sessions outlive the months these tests move the clock through.
    h = await startHarness('sqlite', { store, sessionTtlMs: 400 * 24 * 3_600_000 });
    await h.run({ do: 'addStaff', staff: { id: 'C', role: 'consultant', name: '陈静' } });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    await h.run({ do: 'register', by: 'B', via: 'visit', phone: '13900139000', name: '李女士', needs: '两房' });
    await h.run({ do: 'register', by: 'C', via: 'visit', phone: '13700137000', name: '王先生', needs: '四房' });
    // No needs: kept, but owns nothing (REG-2) — a customer of nobody's.
    await h.run({ do: 'register', by: 'B', via: 'visit', phone: '13600136000', name: '赵先生' });
    h.clock.now = at('2026-03-20 10:00');
    await h.run({ do: 'followUp', by: 'B', phone: '13900139000', reached: true, via: 'call' });
    h.clock.now = at('2026-03-28 10:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists every customer unmasked, the latest activity first, with counts by status', async () => {
    const all = await list();
    expect(all).toMatchObject({ total: 4, page: 1, size: 50, counts: { all: 4, owned: 3, pool: 1, lapsing: 2 } });
    expect(phones(all)).toEqual(['13900139000', '13600136000', '13700137000', '13800138000']);
    expect(all.customers[0]).toMatchObject({ phone: '13900139000', name: '李女士', masked: false, owner: { id: 'B', name: '李娜' }, protectedUntil: at('2026-04-19 10:00') });
  });

  it('searches by phone fragment (spaces, dashes, +86 ignored) or by name, and filters by owner', async () => {
    expect(phones(await list('?q=8000'))).toEqual(['13800138000']);
    expect(phones(await list(`?q=${encodeURIComponent('+86 139-0013')}`))).toEqual(['13900139000']);
    expect(phones(await list(`?q=${encodeURIComponent('赵')}`))).toEqual(['13600136000']);
    expect(phones(await list('?owner=A'))).toEqual(['13800138000']);
    expect((await list('?q=nobody')).total).toBe(0);
  });

  it('lapsing: protection ends within 7 days, the soonest first; pool: owned by nobody, with why', async () => {
    // Both registered at 09:00 on the same day: protection ends together, and the phone breaks the tie.
    expect(phones(await list('?status=lapsing'))).toEqual(['13700137000', '13800138000']);
    const pool = await list('?status=pool');
    expect(pool.customers).toEqual([expect.objectContaining({ phone: '13600136000', owner: null, formerOwner: null, why: expect.objectContaining({ rule: 'OWN-1', code: 'neverOwned' }), since: at('2026-03-02 09:00') })]);
  });

  it('pages, and logs one read per customer shown — the page, not the matches (SEC-2)', async () => {
    const m = await h.agent('manager');
    const before = (await m.call('GET', p('/record-reads?limit=500'))).json().reads.length as number;
    const page = await list('?size=2&page=2');
    expect(page).toMatchObject({ total: 4, page: 2, size: 2 });
    expect(phones(page)).toEqual(['13700137000', '13800138000']);
    const reads = (await m.call('GET', p('/record-reads?limit=500'))).json().reads as { customer: string; endpoint: string; login: string; name: string | null }[];
    expect(reads.length - before).toBe(2);
    expect(reads[0]?.name).toBe('manager'); // the reader's display name, so the log reads as people
    expect(reads.slice(0, 2).map((r) => [r.customer, r.endpoint, r.login]).sort()).toEqual([
      ['13700137000', 'customers', 'm'],
      ['13800138000', 'customers', 'm'],
    ]);
    expect((await m.call('GET', p('/customers?size=201'))).statusCode).toBe(400);
    expect((await m.call('GET', p('/customers?status=mine'))).statusCode).toBe(400);
  });

  it("a departure puts the consultant's customers in the pool at once, filed under them (OWN-10)", async () => {
    const departedAt = h.clock.now;
    expect((await (await h.agent('manager')).call('POST', p('/commands/depart'), { body: { who: 'C' } })).statusCode).toBe(200);
    const pool = await list('?status=pool&owner=C');
    expect(pool.customers).toEqual([expect.objectContaining({ phone: '13700137000', owner: null, formerOwner: expect.objectContaining({ id: 'C', name: '陈静' }), since: departedAt, why: expect.objectContaining({ rule: 'OWN-10', code: 'ownerDeparted' }) })]);
    expect((await list()).counts).toMatchObject({ owned: 2, pool: 2, lapsing: 1 });
  });

  it('a lapse puts the customer in the pool when protection ends (OWN-2); reassigning takes them out (OWN-5)', async () => {
    h.clock.now = at('2026-04-02 10:00');
    const pool = await list('?status=pool');
    const lapsed = pool.customers.find((c) => c.phone === '13800138000');
    expect(lapsed).toMatchObject({ formerOwner: { id: 'A' }, since: at('2026-04-01 09:00'), why: { rule: 'OWN-2', code: 'protectionLapsed' } });
    expect(phones(pool)).toEqual(['13800138000', '13700137000', '13600136000']);
    const m = await h.agent('manager');
    expect((await m.call('POST', p('/commands/reassign'), { body: { phone: '13800138000', to: 'B', reason: '公共池分配' } })).statusCode).toBe(200);
    expect(phones(await list('?status=pool'))).toEqual(['13700137000', '13600136000']);
    expect((await list('?owner=B&status=owned')).customers.map((c) => [c.phone, c.why?.code])).toEqual([
      ['13800138000', 'reassigned'],
      ['13900139000', 'firstValidRegistration'],
    ]);
  });

  it('the ownership book agrees with the engine for every customer after links, merges and time passing', async () => {
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13500135000', name: '钱先生', needs: '商铺' });
    await h.run({ do: 'link', phone: '13500135000', to: '13900139000', relation: 'spouse' });
    await h.run({ do: 'register', by: 'B', via: 'visit', phone: '13400134000', name: '孙女士', needs: '一房' });
    await h.run({ do: 'merge', phone: '13400134000', into: '13600136000' });
    const agrees = async () => {
      const body = await list('?size=200');
      const engine = await h.handle.engine();
      expect(body.total).toBe(engine.customers.size);
      for (const row of body.customers) {
        const truth = engine.ownership(row.phone, h.clock.now);
        expect([row.phone, row.owner?.id ?? null, row.protectedUntil]).toEqual([row.phone, truth.owner, truth.protectedUntil]);
      }
      return body.counts;
    };
    // 钱先生 joined 李女士's household: B's (OWN-7); 赵先生's record, merged with B's 孙女士, is B's now (OWN-6).
    expect(await agrees()).toMatchObject({ owned: 5, pool: 1 });
    h.clock.now = at('2026-06-01 10:00');
    expect(await agrees()).toMatchObject({ owned: 0, pool: 6 });
  });

  it("names the staff in a timeline so the page shows no bare ids", async () => {
    const tl = (await (await h.agent('manager')).call('GET', p('/customers/13800138000/timeline'))).json();
    expect(tl.names).toMatchObject({ A: '王磊', B: '李娜', M: '刘经理' });
    // A consultant looking at another's customer sees no records, and so no more names than the owner's.
    const masked = (await (await h.agent('consultant')).call('GET', p('/customers/13600136000/timeline'))).json();
    expect(masked.records).toBeNull();
  });
});

describe('the staff roster', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.run({ do: 'addStaff', staff: { id: 'C', role: 'consultant', name: '陈静', team: 'T1' } });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    await h.run({ do: 'signIn', who: 'B' });
    await h.run({ do: 'suspend', who: 'C', days: 2 });
    await h.run({ do: 'depart', who: 'A' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists everyone, on the board or not: left when, suspended until, on the floor, customers owned', async () => {
    const res = await (await h.agent('manager')).call('GET', p('/staff'));
    expect(res.statusCode).toBe(200);
    const staff = res.json().staff as { id: string }[];
    expect(staff.map((s) => s.id)).toEqual(['B', 'C', 'S', 'M', 'F', 'CA', 'A']);
    const by = (id: string) => staff.find((s) => s.id === id);
    expect(by('A')).toMatchObject({ name: '王磊', role: 'consultant', departedAt: h.clock.now, departedAtLocal: '2026-03-02 09:00', onFloor: false, customers: 0 });
    expect(by('B')).toMatchObject({ onFloor: true, state: 'available', suspended: false, suspendedUntil: null, departedAt: null });
    expect(by('C')).toMatchObject({ team: 'T1', suspended: true, suspendedUntilLocal: '2026-03-04 09:00', onFloor: false });
    expect((await (await h.agent('admin')).call('GET', p('/staff'))).statusCode).toBe(200);
  });
});

describe("the consultants' month", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
    await h.run({ do: 'arrive', phone: '13800138000', name: '张先生' });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    await h.run({ do: 'deal', by: 'A', phone: '13800138000', unit: 'U1', stage: 'deposit' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a manager sees every consultant this month, or one; a consultant only themself', async () => {
    const m = await h.agent('manager');
    const all = (await m.call('GET', p('/performance'))).json();
    expect(all).toMatchObject({ month: '2026-03', start: at('2026-03-01 00:00'), end: at('2026-04-01 00:00') });
    expect(all.consultants.map((c: { who: string }) => c.who)).toEqual(['A', 'B']);
    expect(all.consultants[0]).toMatchObject({ who: 'A', name: '王磊', receivedTotal: 1, received: { turn: 1 }, validRegistrations: 1, owned: 1, orders: 1, credit: 1 });
    expect((await m.call('GET', p('/performance?of=B'))).json().consultants).toEqual([expect.objectContaining({ who: 'B', receivedTotal: 0 })]);
    expect((await m.call('GET', p('/performance?month=2026-02'))).json().consultants.every((c: { receivedTotal: number }) => c.receivedTotal === 0)).toBe(true);
    const a = await h.agent('consultant');
    expect((await a.call('GET', p('/performance'))).json().consultants.map((c: { who: string }) => c.who)).toEqual(['A']);
    expect((await a.call('GET', p('/performance?of=B'))).json()).toMatchObject({ code: 'not_yourself' });
    expect((await a.call('GET', p('/performance?month=2026-3'))).statusCode).toBe(400);
  });
});
