// The money side over HTTP (DEAL-1..6): a 5,000-unit import in one step and a 3%-bad file refused whole,
// the grid with its ETag, an order through its stages, swap and refund, a dispute decided by the manager,
// and the day's published orders masked for the floor; on the in-memory and the SQL offices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitSheet, writeUnitXlsx } from '../support/unit-sheet.ts';
import { at, p, startHarness, type Harness } from './api-harness.ts';

describe.each(['memory', 'sql'] as const)('the money side over HTTP, offices %s', (store) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { store, sessionTtlMs: 30 * 24 * 3_600_000 });
    h.clock.now = at('2026-03-02 10:00');
  });
  afterAll(() => h.close());

  const post = async (user: 'manager' | 'consultant' | 'consultantB', path: string, body: unknown) => (await h.agent(user)).call('POST', p(path), { body });
  const get = async (user: 'manager' | 'consultant' | 'frontdesk', path: string, headers: Record<string, string> = {}) => (await h.agent(user)).call('GET', p(path), { headers });

  it('imports 5,000 units in one step; a file with 3% bad rows is refused whole with exactly those rows; re-importing changes nothing (DEAL-1)', async () => {
    const bad = unitSheet({ units: 5000, badFraction: 0.03, seed: 7 });
    const badBody = { fileName: 'bad.xlsx', contentBase64: (await writeUnitXlsx(bad)).toString('base64') };
    const dry = await post('manager', '/units/import', badBody);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().ok).toBe(false);
    expect(dry.json().badRows.map((r: { rowNo: number }) => r.rowNo)).toEqual(bad.bad.map((b) => b.rowNo));
    const refused = await post('manager', '/units/import/commit', badBody);
    expect(refused.json()).toMatchObject({ ok: false, seq: null });
    expect((await get('manager', '/units/grid')).json().cells).toHaveLength(1); // the harness's U1 only

    const good = unitSheet({ units: 5000, seed: 8 });
    const body = { fileName: 'good.xlsx', contentBase64: (await writeUnitXlsx(good)).toString('base64') };
    const started = performance.now();
    const done = await post('manager', '/units/import/commit', body);
    const ms = performance.now() - started;
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ ok: true, add: 5000, edit: 0 });
    expect(done.json().seq).toBeGreaterThan(0);
    console.log(`${store}: 5,000-unit .xlsx imported as one fact in ${ms.toFixed(0)} ms`);
    const again = await post('manager', '/units/import/commit', body);
    expect(again.json()).toMatchObject({ ok: true, add: 0, edit: 0, unchanged: 5000, seq: null });
    expect((await get('manager', '/units/grid')).json().cells).toHaveLength(5001);
    // A consultant may not import.
    expect((await post('consultant', '/units/import', body)).statusCode).toBe(403);
  }, 120_000);

  it('the grid answers 304 while the log has not moved, and the new status once it has (DEAL-1)', async () => {
    const first = await get('frontdesk', '/units/grid');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"grid-\d+"$/);
    expect((await get('frontdesk', '/units/grid', { 'if-none-match': etag })).statusCode).toBe(304);
    await post('manager', '/commands/hold', { unit: 'U1', reason: '领导预留' });
    const after = await get('frontdesk', '/units/grid', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.json().cells.find((c: { id: string }) => c.id === 'U1').status).toBe('held');
    const refused = await post('consultant', '/commands/deal', { phone: '13800138000', unit: 'U1', stage: 'deposit' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('unit_held');
    await post('manager', '/commands/release', { unit: 'U1' });
  });

  it('a grid held at a log position gets only the cells that moved since (a delta), or the whole grid when that is as cheap', async () => {
    await post('manager', '/commands/addUnit', { unit: { id: 'U2', building: '1栋', room: '101' } });
    const held = (await get('frontdesk', '/units/grid')).json();
    await post('manager', '/commands/hold', { unit: 'U1', reason: '领导预留' });
    const delta = (await get('frontdesk', `/units/grid?since=${held.asOfSeq}`)).json();
    expect(delta.since).toBe(held.asOfSeq);
    expect(delta.asOfSeq).toBeGreaterThan(held.asOfSeq);
    expect(delta.cells.map((c: { id: string }) => c.id)).toEqual(['U1']);
    expect(delta.cells[0].status).toBe('held');
    expect(delta.buildings).toEqual((await get('frontdesk', '/units/grid')).json().buildings);
    // Nothing moved since the newest position: an empty delta. A position the log never reached: the whole grid.
    expect((await get('frontdesk', `/units/grid?since=${delta.asOfSeq}`)).json().cells).toEqual([]);
    const ahead = (await get('frontdesk', `/units/grid?since=${delta.asOfSeq + 100}`)).json();
    expect(ahead.since).toBeUndefined();
    expect(ahead.cells.length).toBe(held.cells.length);
    expect((await get('frontdesk', '/units/grid?since=-1')).statusCode).toBe(400);
    await post('manager', '/commands/release', { unit: 'U1' });
  });

  it('an order runs through its stages, swaps, refunds; a dispute is decided once by the manager; the floor sees the day\'s orders masked (DEAL-2, DEAL-5, DEAL-6)', async () => {
    const units = (await get('manager', '/units/grid')).json().cells.map((c: { id: string }) => c.id) as string[];
    const [u1, u2] = [units[1] as string, units[2] as string];
    expect((await post('consultant', '/commands/register', { via: 'visit', phone: '13800138000', name: '张先生', gender: 'M', needs: '三房' })).statusCode).toBe(200);
    expect((await post('consultantB', '/commands/register', { via: 'visit', phone: '13900139000', name: '张太太', gender: 'F', needs: '三房' })).statusCode).toBe(200);
    h.clock.now = at('2026-03-03 10:00');
    expect((await post('consultant', '/commands/deal', { phone: '13800138000', unit: u1, stage: 'smallDeposit', amount: 20000 })).json().answer.credit).toEqual({ A: 1 });
    const back = await post('consultant', '/commands/deal', { phone: '13800138000', unit: u1, stage: 'smallDeposit' });
    expect(back.json().code).toBe('stage_backwards');
    expect((await post('consultant', '/commands/swap', { unit: u1, to: u2 })).statusCode).toBe(200);
    expect((await post('consultant', '/commands/deal', { phone: '13800138000', unit: u2, stage: 'subscription', amount: 180000 })).statusCode).toBe(200);
    expect((await post('consultant', '/commands/refund', { unit: u2, reason: '家庭原因' })).statusCode).toBe(200);
    const cells = new Map((await get('manager', '/units/grid')).json().cells.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect([cells.get(u1), cells.get(u2)]).toEqual(['free', 'free']);

    expect((await post('consultantB', '/commands/deal', { phone: '13900139000', unit: u1, stage: 'deposit' })).statusCode).toBe(200);
    const disputed = await post('consultant', '/commands/dispute', { unit: u1, phone: '13800138000' });
    expect(disputed.json().answer.accepted).toBe(true);
    const inbox = (await get('manager', '/disputes')).json();
    expect(inbox.disputes).toHaveLength(1);
    expect(inbox.disputes[0]).toMatchObject({ unit: u1, claimant: 'A', computed: { A: 0.5, B: 0.5 } });
    expect(inbox.disputes[0].claimantSide.complete).toBe(true);
    const decided = await post('manager', '/commands/resolve', { unit: u1 });
    expect(decided.json().answer.credit).toEqual({ A: 0.5, B: 0.5 });
    expect((await post('manager', '/commands/resolve', { unit: u1 })).json().code).toBe('no_open_dispute');

    const register = (await get('manager', '/orders?state=all')).json();
    expect(register.orders.map((o: { unit: string; state: string }) => [o.unit, o.state])).toEqual([[u1, 'live'], [u2, 'refund']]);
    expect(register.orders[0].credit).toEqual({ A: 0.5, B: 0.5 });
    const detail = (await get('manager', `/orders/${register.orders[1].id}`)).json();
    expect(detail.stages.map((s: { stage: string; amount: number | null }) => [s.stage, s.amount])).toEqual([['smallDeposit', 20000], ['subscription', 180000]]);
    expect(detail.moves).toHaveLength(1);
    expect(detail.ended).toMatchObject({ end: 'refund', reason: '家庭原因' });
    const mine = (await get('consultant', '/orders')).json();
    // A consultant's own orders: those that credit them, and the ones they closed that have since ended.
    expect(mine.orders.map((o: { unit: string; state: string; credit: Record<string, number> }) => [o.unit, o.state, o.credit.A ?? null])).toEqual([[u1, 'live', 0.5], [u2, 'refund', null]]);

    // Neither side has complete records of a walk-in B sold to without registering: the team pool gets it, and the
    // month's report shows the pool beside the consultants.
    const u3 = units[3] as string;
    expect((await post('consultantB', '/commands/deal', { phone: '13700137000', unit: u3, stage: 'deposit' })).statusCode).toBe(200);
    expect((await post('consultant', '/commands/dispute', { unit: u3 })).json().answer.accepted).toBe(true);
    expect((await post('manager', '/commands/resolve', { unit: u3 })).json().answer.credit).toEqual({ pool: 1 });
    expect((await get('manager', '/performance?month=2026-03')).json().pool).toBe(1);

    const published = (await get('frontdesk', '/orders/published?day=2026-03-03')).json();
    // The day's two orders, where they stand now: the first moved to u2 (and was refunded), the second is on u1.
    expect(published.orders.map((o: { unit: string }) => o.unit)).toEqual([u2, u1, u3]);
    expect(published.orders.every((o: { customer: { masked: boolean; phone: string } }) => o.customer.masked && o.customer.phone.includes('****'))).toBe(true);
  });
});
