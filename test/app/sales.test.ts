// The money side's reads: the 销控 grid, the order register, the published orders (DEAL-6) and a dispute's
// dossier (DEAL-5), on an office driven through the real handlers.
import { describe, expect, it } from 'vitest';
import { disputeDossier, openDisputes } from '../../src/app/sales/dispute-dossier.ts';
import { orderDetail, orderRegister } from '../../src/app/sales/order-register.ts';
import { publishedOrders } from '../../src/app/sales/published-orders.ts';
import { unitGrid } from '../../src/app/sales/unit-grid.ts';
import { at, testOffice } from '../support/office.ts';

function office() {
  const t = testOffice([
    { id: 'A', role: 'consultant', name: '王芳' },
    { id: 'B', role: 'consultant', name: '李强' },
    { id: 'M', role: 'manager', name: '刘经理' },
  ]);
  for (const [id, room, price] of [['1-0301', '0301', 1_500_000], ['1-0302', '0302', 1_520_000], ['2-1201', '1201', 2_000_000]] as const)
    t.ok('2026-03-02 08:00', { do: 'addUnit', unit: { id, building: id.startsWith('1') ? '1栋' : '2栋', room, price, area: 100 } });
  t.ok('2026-03-02 10:00', { do: 'register', by: 'A', via: 'visit', phone: '13900001001', name: '陆先生', gender: 'M', needs: '三房' });
  t.ok('2026-03-02 10:30', { do: 'register', by: 'B', via: 'visit', phone: '13900001002', name: '陆太太', gender: 'F', needs: '三房' });
  return t;
}

describe('the 销控 grid (DEAL-1)', () => {
  it('colours each unit by its status and sums each building', () => {
    const t = office();
    t.ok('2026-03-03 10:00', { do: 'deal', phone: '13900001001', unit: '1-0301', by: 'A', stage: 'deposit' });
    t.ok('2026-03-03 10:05', { do: 'hold', unit: '1-0302', by: 'M', reason: '关系户' });
    const grid = unitGrid(t.engine, at('2026-03-03 11:00'));
    expect(grid.cells.map((c) => [c.id, c.status, c.floor])).toEqual([['1-0301', 'deposit', 3], ['1-0302', 'held', 3], ['2-1201', 'free', 12]]);
    const one = grid.buildings.find((b) => b.building === '1栋');
    expect(one).toMatchObject({ units: 2, soldAmount: 1_500_000, freeAmount: 0, soldArea: 100 });
    expect(one?.counts.deposit).toBe(1);
    expect(one?.counts.held).toBe(1);
    expect(grid.asOfSeq).toBe(t.engine.lastSeq);
  });
});

describe('withdrawing and releasing a unit (DEAL-1)', () => {
  it('a withdrawn unit takes no order until released; its history says why', () => {
    const t = office();
    t.ok('2026-03-03 10:00', { do: 'withdrawUnit', unit: '2-1201', by: 'M', reason: '开发商自留' });
    expect(unitGrid(t.engine, at('2026-03-03 10:01')).cells.find((c) => c.id === '2-1201')?.status).toBe('withdrawn');
    const refused = t.run('2026-03-03 10:05', { do: 'deal', phone: '13900001001', unit: '2-1201', by: 'A', stage: 'deposit' });
    expect(refused.ok ? null : refused.refusal.code).toBe('unit_withdrawn');
    t.ok('2026-03-04 10:00', { do: 'release', unit: '2-1201', by: 'M', reason: '重新推出' });
    expect(t.engine.unitAvailability('2-1201')).toBe('free');
    expect(t.engine.unitHistory.get('2-1201')?.map((e) => [e.type, e.detail])).toEqual([['unitListed', undefined], ['unitWithdrawn', '开发商自留'], ['unitReleased', '重新推出']]);
  });
});

describe('the order register (DEAL-2)', () => {
  it('lists live and refunded orders with what was paid and the credit now', () => {
    const t = office();
    t.ok('2026-03-03 10:00', { do: 'deal', phone: '13900001001', unit: '1-0301', by: 'A', stage: 'smallDeposit', amount: 20_000 });
    t.ok('2026-03-04 10:00', { do: 'deal', phone: '13900001001', unit: '1-0301', by: 'A', stage: 'subscription', amount: 180_000 });
    t.ok('2026-03-05 10:00', { do: 'refund', unit: '1-0301', by: 'A', reason: '家庭原因' });
    t.ok('2026-03-05 11:00', { do: 'deal', phone: '13900001002', unit: '1-0301', by: 'B', stage: 'deposit' });
    const all = orderRegister(t.engine, { state: 'all' }, at('2026-03-05 12:00'));
    expect(all.map((o) => [o.unit, o.state, o.paid, o.credit])).toEqual([['1-0301', 'live', 0, { B: 1 }], ['1-0301', 'refund', 200_000, {}]]);
    expect(orderRegister(t.engine, { state: 'live', creditTo: 'A' }, at('2026-03-05 12:00'))).toEqual([]);
    const detail = orderDetail(t.engine, all[1]?.id ?? -1, at('2026-03-05 12:00'));
    expect(detail?.stages.map((s) => s.stage)).toEqual(['smallDeposit', 'subscription']);
    expect(detail?.ended?.reason).toBe('家庭原因');
  });

  it('counts an order as a sale from performance.countsFrom', () => {
    const t = office();
    t.ok('2026-03-03 10:00', { do: 'deal', phone: '13900001001', unit: '1-0301', by: 'A', stage: 'deposit' });
    expect(orderRegister(t.engine, {}, at('2026-03-03 11:00'))[0]?.counts).toBe(false);
    t.ok('2026-03-04 10:00', { do: 'deal', phone: '13900001001', unit: '1-0301', by: 'A', stage: 'subscription' });
    expect(orderRegister(t.engine, {}, at('2026-03-04 11:00'))[0]?.counts).toBe(true);
  });
});

describe('published orders (DEAL-6)', () => {
  it('are the orders first placed on that local day', () => {
    const t = office();
    t.ok('2026-03-03 23:50', { do: 'deal', phone: '13900001001', unit: '1-0301', by: 'A', stage: 'deposit' });
    t.ok('2026-03-04 00:10', { do: 'deal', phone: '13900001002', unit: '1-0302', by: 'B', stage: 'deposit' });
    expect(publishedOrders(t.engine, at('2026-03-03 12:00')).map((o) => o.unit)).toEqual(['1-0301']);
    expect(publishedOrders(t.engine, at('2026-03-04 12:00')).map((o) => [o.unit, o.customerName])).toEqual([['1-0302', '陆太太']]);
  });
});

describe('the dispute dossier (DEAL-5)', () => {
  it('shows both sides\' records and the outcome the resolve command then records', () => {
    const t = office();
    t.ok('2026-03-04 10:00', { do: 'deal', phone: '13900001002', unit: '1-0302', by: 'B', stage: 'deposit' });
    t.ok('2026-03-05 10:00', { do: 'dispute', unit: '1-0302', by: 'A', phone: '13900001001' });
    const id = openDisputes(t.engine)[0] ?? -1;
    const dossier = disputeDossier(t.engine, id);
    expect(dossier?.closer.complete).toBe(true);
    expect(dossier?.claimant.complete).toBe(true);
    expect(dossier?.claimant.records.map((r) => r.type)).toEqual(['registration']);
    expect(dossier?.computed).toEqual({ B: 0.5, A: 0.5 });
    const answer = t.ok('2026-03-05 16:00', { do: 'resolve', unit: '1-0302', by: 'M' });
    expect(answer.credit).toEqual(dossier?.computed);
    expect(openDisputes(t.engine)).toEqual([]);
    expect(disputeDossier(t.engine, id)?.resolved).toBe(true);
  });
});
