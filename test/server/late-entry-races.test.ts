// REG-5's collision, decided by the store: several managers (real parallel HTTP clients on two server
// processes sharing one database, SQLite file and PostgreSQL) approve or refuse the same late entry at once.
// Exactly one decision is recorded each time; every other manager is refused `already_decided`, and what
// the customer's ownership says afterwards follows the one decision that won.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo-office.ts';
import type { Dialect } from '../../src/store/sql/db.ts';
import { ApiClient } from './http-client.ts';
import { addPeople, PASSWORD } from './roster.ts';
import { freshStore, startServerProcess, type ServerProcess, type StorePlace } from './server-process.ts';

const P = 'demo';
const TRIALS = 8;
const MANAGERS = 6;
const DAY = 86_400_000;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe.each<Dialect>(['sqlite', 'postgres'])('late-entry decision races on %s with two server processes', (dialect) => {
  let place: StorePlace;
  let servers: ServerProcess[] = [];
  let managers: ApiClient[] = [];
  let consultant: ApiClient;
  const ids = Array.from({ length: MANAGERS }, (_, i) => `lm${pad(i + 1, 2)}`);

  beforeAll(async () => {
    place = await freshStore(dialect);
    servers = [await startServerProcess(place), await startServerProcess(place)];
    const admin = await new ApiClient((servers[0] as ServerProcess).url).login('admin', DEMO_PASSWORD);
    await addPeople(place, admin, P, [...ids.map((id) => ({ id, role: 'manager' as const })), { id: 'lc1', role: 'consultant' }]);
    managers = await Promise.all(ids.map((id, i) => new ApiClient((servers[i % 2] as ServerProcess).url).login(id, PASSWORD)));
    consultant = await new ApiClient((servers[0] as ServerProcess).url).login('lc1', PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await place?.drop();
  }, 60_000);

  it(`${MANAGERS} managers decide one late entry at once, ${TRIALS} times: decided once, the others refused already_decided`, async () => {
    for (let t = 1; t <= TRIALS; t++) {
      const phone = `137${pad(t, 8)}`;
      const submitted = await consultant.command(P, 'register', { via: 'visit', phone, name: '补先生', gender: 'M', needs: '三房', visitedAt: Date.now() - 2 * DAY });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      expect(submitted.body.answer.reasons).toContainEqual(expect.objectContaining({ rule: 'REG-5', code: 'lateEntryPending' }));
      const entry = submitted.body.seq as number;
      // half approve, half refuse: whichever lands first is the decision
      const answers = await Promise.all(managers.map((m, i) => m.command(P, 'decideLateEntry', i % 2 === 0 ? { entry, approved: true } : { entry, approved: false, reason: '无到访记录' })));
      const won = answers.map((a, i) => ({ a, i })).filter(({ a }) => a.status === 200);
      expect(won, answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`).join('\n')).toHaveLength(1);
      const lost = answers.filter((a) => a.status !== 200);
      expect(lost).toHaveLength(MANAGERS - 1);
      for (const l of lost) expect(l.body.code).toBe('already_decided');
      const approved = (won[0] as { i: number }).i % 2 === 0;
      // the other process's engine, folded from the log, agrees with the one decision
      const judged = await (managers[1] as ApiClient).get(`/api/projects/${P}/judge?phone=${phone}`);
      expect(judged.body.owner?.id ?? null).toBe(approved ? 'lc1' : null);
      const timeline = await (managers[0] as ApiClient).get(`/api/projects/${P}/customers/${phone}/timeline`);
      expect(timeline.body.records.filter((r: { type: string }) => r.type === 'lateEntryDecided')).toHaveLength(1);
      const pending = await (managers[1] as ApiClient).get(`/api/projects/${P}/register/pending`);
      expect(pending.body.late.map((e: { entry: number }) => e.entry)).not.toContain(entry);
    }
  }, 600_000);
});
