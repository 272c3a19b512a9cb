// Races decided by the store, with real parallel clients against two real server processes sharing one
// database (SQLite file or PostgreSQL): one phone, many consultants; one phone, many brokers; two front desks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo-office.ts';
import type { Dialect } from '../../src/store/sql/db.ts';
import { ApiClient } from './http-client.ts';
import { addPeople, PASSWORD } from './roster.ts';
import { freshStore, startServerProcess, type ServerProcess, type StorePlace } from './server-process.ts';
import { HEAVY_TIMEOUT, scale } from '../support/reliability-scale.ts';

const P = 'demo';
const ROUNDS = scale(3, 20, 'ANCHANG_RACE_ROUNDS');
const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i + 1));

describe.each<Dialect>(['sqlite', 'postgres'])('races on %s with two server processes', (dialect) => {
  let place: StorePlace;
  let servers: ServerProcess[] = [];
  let admin: ApiClient;
  const consultants = range(50, (i) => `c${String(i).padStart(2, '0')}`);
  const brokers = range(20, (i) => `b${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    place = await freshStore(dialect);
    servers = [await startServerProcess(place)];
    servers.push(await startServerProcess(place));
    admin = await new ApiClient((servers[0] as ServerProcess).url).login('admin', DEMO_PASSWORD);
    await addPeople(place, admin, P, [
      ...consultants.map((id) => ({ id, role: 'consultant' as const })),
      ...brokers.map((id) => ({ id, role: 'broker' as const })),
      { id: 'desk1', role: 'frontdesk' },
      { id: 'desk2', role: 'frontdesk' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await place?.drop();
  }, 60_000);

  const serverFor = (i: number): string => (servers[i % servers.length] as ServerProcess).url;

  it(`50 consultants register one new phone at once, ${ROUNDS} times: exactly one owner, 49 entries kept without ownership (OWN-1, REG-1)`, async () => {
    const clients = await Promise.all(consultants.map((id, i) => new ApiClient(serverFor(i)).login(id, PASSWORD)));
    const manager = await new ApiClient(serverFor(1)).login('liu', DEMO_PASSWORD);
    for (let round = 1; round <= ROUNDS; round++) {
      const phone = `+86 136 0000 ${String(round).padStart(4, '0')}`;
      const answers = await Promise.all(clients.map((c) => c.command(P, 'register', { via: 'visit', phone, name: '抢先生', gender: 'M', needs: '三房' })));
      expect(answers.map((a) => a.status), `round ${round}`).toEqual(answers.map(() => 200));
      const owners = new Set(answers.flatMap((a) => a.body.answer.reasons.filter((r: { code: string }) => r.code === 'firstValidRegistration').map((r: { params: { owner: string } }) => r.params.owner)));
      expect(owners.size, `round ${round}`).toBe(1);
      const [owner] = [...owners];
      const judged = await manager.get(`/api/projects/${P}/judge?phone=${encodeURIComponent(phone)}`);
      expect(judged.body.owner.id, `round ${round}`).toBe(owner);
      const timeline = await manager.get(`/api/projects/${P}/customers/${encodeURIComponent(phone)}/timeline`);
      const registrations = timeline.body.records.filter((e: { type: string }) => e.type === 'registered');
      expect(registrations).toHaveLength(50);
      expect(new Set(registrations.map((e: { by: string }) => e.by)).size).toBe(50);
    }
  }, Math.max(HEAVY_TIMEOUT, 60_000));

  it('20 brokers report one phone at once: exactly one accepted (CH-3)', async () => {
    const clients = await Promise.all(brokers.map((id, i) => new ApiClient(serverFor(i)).login(id, PASSWORD)));
    const answers = await Promise.all(clients.map((c) => c.command(P, 'report', { phone: '137-0000-0020', name: '报先生' })));
    const accepted = answers.filter((a) => a.status === 200 && a.body.answer.accepted === true);
    expect(accepted).toHaveLength(1);
    expect(answers.every((a) => a.status === 200 || a.status === 409 || a.status === 422)).toBe(true);
  });

  it('two front desks admit parties at once: no consultant gets two parties in one turn (ROT-2)', async () => {
    const desks = [await new ApiClient(serverFor(0)).login('desk1', PASSWORD), await new ApiClient(serverFor(1)).login('desk2', PASSWORD)];
    const onFloor = consultants.slice(0, 12);
    const signedIn = await Promise.all(onFloor.map(async (id, i) => (await new ApiClient(serverFor(i)).login(id, PASSWORD)).command(P, 'signIn', {})));
    expect(signedIn.every((s) => s.status === 200)).toBe(true);
    // 16 parties for 12 free consultants (plus the demo's four): everyone who receives is busy until done.
    const arrivals = await Promise.all(range(16, (i) => `135${String(i).padStart(8, '0')}`).map((phone, i) => (desks[i % 2] as ApiClient).command(P, 'arrive', { phone })));
    expect(arrivals.every((a) => a.status === 200)).toBe(true);
    const receivers = arrivals.map((a) => a.body.answer.receiver).filter((r) => r !== null);
    expect(new Set(receivers).size).toBe(receivers.length);
    expect(receivers.length).toBe(16);
  });
});
