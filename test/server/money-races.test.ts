// The money side's races, decided by the store (DEAL-1, DEAL-2, DEAL-5), with real parallel clients against
// two real server processes on one database (SQLite file or PostgreSQL): 32 consultants ordering one free
// unit, a swap racing an order onto its target, two managers deciding one dispute. Afterwards the grid and
// the order register (both read from the engine folded from the log) agree with what the clients were told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo-office.ts';
import type { Dialect } from '../../src/store/sql/db.ts';
import { ApiClient } from './http-client.ts';
import { addPeople, PASSWORD } from './roster.ts';
import { freshStore, startServerProcess, type ServerProcess, type StorePlace } from './server-process.ts';
import { HEAVY_TIMEOUT, scale } from '../support/reliability-scale.ts';

const P = 'demo';
const TRIALS = scale(200, 1000, 'ANCHANG_RACE_TRIALS');
/** Swap-against-order races and two-manager dispute decisions, each on fresh units. */
const ROUNDS = scale(20, 100, 'ANCHANG_RACE_ROUNDS');
const CLIENTS = 32;
const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i + 1));
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe.each<Dialect>(['sqlite', 'postgres'])('money races on %s with two server processes', (dialect) => {
  let place: StorePlace;
  let servers: ServerProcess[] = [];
  let clients: ApiClient[] = [];
  let managers: ApiClient[] = [];
  const consultants = range(CLIENTS, (i) => `r${pad(i, 2)}`);
  const serverFor = (i: number): string => (servers[i % servers.length] as ServerProcess).url;

  beforeAll(async () => {
    place = await freshStore(dialect);
    servers = [await startServerProcess(place), await startServerProcess(place)];
    const admin = await new ApiClient(serverFor(0)).login('admin', DEMO_PASSWORD);
    await addPeople(place, admin, P, [...consultants.map((id) => ({ id, role: 'consultant' as const })), { id: 'm2', role: 'manager' }]);
    clients = await Promise.all(consultants.map((id, i) => new ApiClient(serverFor(i)).login(id, PASSWORD)));
    managers = [await new ApiClient(serverFor(0)).login('liu', DEMO_PASSWORD), await new ApiClient(serverFor(1)).login('m2', PASSWORD)];
    // One all-or-nothing import: the units every trial orders, swaps and disputes.
    const units = [...range(TRIALS, (i) => `R-${pad(i, 4)}`), ...range(2 * ROUNDS, (i) => `S-${pad(i, 3)}`), ...range(ROUNDS, (i) => `D-${pad(i, 3)}`)].map((id) => ({ id, building: id[0] as string, room: id.slice(2), price: 1_000_000 }));
    const imported = await (managers[0] as ApiClient).command(P, 'importUnits', { units, file: 'race-units.xlsx' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await place?.drop();
  }, 60_000);

  const grid = async () => new Map<string, string>((await (managers[1] as ApiClient).get(`/api/projects/${P}/units/grid`)).body.cells.map((c: { id: string; status: string }) => [c.id, c.status]));
  const register = async () => (await (managers[0] as ApiClient).get(`/api/projects/${P}/orders?state=all`)).body.orders as { unit: string; state: string; customer: { phone: string }; credit: Record<string, number> }[];

  it(`${CLIENTS} consultants order one free unit at once, ${TRIALS} times: exactly one order each time (DEAL-1)`, async () => {
    const winners: string[] = [];
    for (let t = 1; t <= TRIALS; t++) {
      const unit = `R-${pad(t, 4)}`;
      const answers = await Promise.all(clients.map((c, i) => c.command(P, 'deal', { phone: `134${pad(t, 4)}${pad(i, 4)}`, unit, stage: 'deposit' })));
      const won = answers.filter((a) => a.status === 200);
      expect(won, `trial ${t}: ${answers.map((a) => a.status).join(',')}`).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409 && a.body.code === 'unit_sold')).toHaveLength(CLIENTS - 1);
      winners.push(unit);
    }
    const cells = await grid();
    expect(winners.filter((u) => cells.get(u) === 'deposit')).toHaveLength(TRIALS);
    const orders = (await register()).filter((o) => o.unit.startsWith('R-'));
    expect(orders).toHaveLength(TRIALS);
    expect(new Set(orders.map((o) => o.unit)).size).toBe(TRIALS);
  }, Math.max(HEAVY_TIMEOUT, 600_000));

  it(`a swap races an order onto its target, ${ROUNDS} times: one wins, and the grid and the log agree (DEAL-1, DEAL-2)`, async () => {
    const [a, b] = [clients[0] as ApiClient, clients[1] as ApiClient];
    let swaps = 0;
    for (let t = 1; t <= ROUNDS; t++) {
      const from = `S-${pad(2 * t - 1, 3)}`;
      const to = `S-${pad(2 * t, 3)}`;
      const mine = `133${pad(t, 8)}`;
      expect((await a.command(P, 'deal', { phone: mine, unit: from, stage: 'smallDeposit' })).status).toBe(200);
      const [swap, order] = await Promise.all([a.command(P, 'swap', { unit: from, to }), b.command(P, 'deal', { phone: `132${pad(t, 8)}`, unit: to, stage: 'deposit' })]);
      expect([swap.status, order.status].sort(), `trial ${t}: swap ${JSON.stringify(swap.body)} order ${JSON.stringify(order.body)}`).toEqual([200, 409]);
      const cells = await grid();
      if (swap.status === 200) {
        swaps++;
        expect([cells.get(from), cells.get(to)]).toEqual(['free', 'smallDeposit']);
      } else {
        expect(swap.body.code).toBe('unit_sold');
        expect([cells.get(from), cells.get(to)]).toEqual(['smallDeposit', 'deposit']);
      }
    }
    const live = (await register()).filter((o) => o.unit.startsWith('S-') && o.state === 'live');
    const cells = await grid();
    for (const o of live) expect(cells.get(o.unit), o.unit).not.toBe('free');
    expect([...cells].filter(([id, s]) => id.startsWith('S-') && s !== 'free')).toHaveLength(live.length);
    console.log(`${dialect}: of ${ROUNDS} swap/order races the swap won ${swaps}`);
  }, Math.max(HEAVY_TIMEOUT, 300_000));

  it(`two managers resolve one dispute at once, ${ROUNDS} times: one decision (DEAL-5)`, async () => {
    const [closer, claimant] = [clients[2] as ApiClient, clients[3] as ApiClient];
    for (let t = 1; t <= ROUNDS; t++) {
      const unit = `D-${pad(t, 3)}`;
      const phone = `131${pad(t, 8)}`;
      expect((await claimant.command(P, 'register', { via: 'visit', phone, name: '争先生', gender: 'M', needs: '三房' })).status).toBe(200);
      expect((await closer.command(P, 'deal', { phone, unit, stage: 'deposit' })).status).toBe(200);
      expect((await claimant.command(P, 'dispute', { unit })).body.answer.accepted).toBe(true);
      const answers = await Promise.all(managers.map((m) => m.command(P, 'resolve', { unit })));
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)?.body.code).toBe('no_open_dispute');
      // The claimant registered first and the closer never did: the records give the claimant everything.
      expect(answers.find((a) => a.status === 200)?.body.answer.credit).toEqual({ r04: 1 });
    }
    const decided = (await register()).filter((o) => o.unit.startsWith('D-'));
    expect(decided.map((o) => o.credit)).toEqual(decided.map(() => ({ r04: 1 })));
  }, Math.max(HEAVY_TIMEOUT, 300_000));
});
