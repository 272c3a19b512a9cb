// SqlOffices on both databases: projects, idempotency, and the races the database decides.
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/facts.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { verifyLog } from '../../src/store/log/verify-log.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { consultants, createProject, freshProject, MANAGER, must, openOffices, phone, registration, testClock } from './support/store-fixture.ts';
import { ZONE } from '../support/office.ts';

describe.each(DIALECTS)('SqlOffices on %s', (dialect) => {
  const place = scratch(dialect);

  it('creates, lists and opens projects; refuses a second project with the same id', async () => {
    const { db } = await place.fresh();
    const offices = await openOffices(db);
    const office = await createProject(offices, 'p1', []);
    await createProject(offices, 'p0', []);
    expect((await offices.list()).map((p) => p.id)).toEqual(['p0', 'p1']);
    await expect(offices.create({ id: 'p1', name: 'again', zone: ZONE }, STANDARD_POLICY, MANAGER)).rejects.toThrow(/already exists/);
    expect(await offices.open('nope')).toBeNull();
    const facts = await office.facts(0);
    expect(facts.map((f) => [f.seq, f.type])).toEqual([[1, 'policySet']]);
    expect(await db.get('SELECT actor FROM events WHERE project = ? AND seq = 1', ['p1'])).toEqual({ actor: MANAGER.id });
    await offices.close();
  });

  it('an idempotency key retried gives the first answer and records one fact; refusals are remembered too', async () => {
    const { offices, office } = await freshProject(place);
    const before = (await office.engine()).lastSeq;
    const first = await office.execute(registration('c1', phone(1)), MANAGER, { idempotencyKey: 'k1' });
    const again = await office.execute(registration('c1', phone(1)), MANAGER, { idempotencyKey: 'k1' });
    expect(first.ok && first.seq).toBe(before + 1);
    expect(again).toEqual({ ...first, replayed: true });
    const other = await office.execute(registration('c1', phone(1)), { kind: 'user', id: 'u-other' }, { idempotencyKey: 'k1' });
    expect(other.seq).toBe(before + 2); // keys are per actor
    const refused = await office.execute({ do: 'signOut', who: 'c1' }, MANAGER, { idempotencyKey: 'k2' });
    await must(office, { do: 'signIn', who: 'c1' });
    expect(await office.execute({ do: 'signOut', who: 'c1' }, MANAGER, { idempotencyKey: 'k2' })).toEqual({ ...refused, replayed: true });
    expect((await office.facts(0)).length).toBe(before + 3);
    await offices.close();
  });

  it('time never goes backwards; the clock is read only when the command has no instant', async () => {
    const { db } = await place.fresh();
    const clock = testClock();
    const offices = await openOffices(db, clock);
    const office = await createProject(offices);
    const seq = await must(office, { do: 'signIn', who: 'c1' }, { at: clock.now + 60_000 });
    expect((await office.facts(seq - 1))[0]?.at).toBe(clock.now + 60_000);
    const back = await office.execute({ do: 'signIn', who: 'c2' }, MANAGER, { at: clock.now });
    expect(back.ok ? null : back.refusal.code).toBe('time_backwards');
    const later = await must(office, { do: 'signIn', who: 'c2' }); // the clock lags the log: the log's instant is used
    expect((await office.facts(later - 1))[0]?.at).toBe(clock.now + 60_000);
    await offices.close();
  });

  /**
   * `n` handles on one project; with two, each is its own SqlOffices on its own connection pool (two
   * "processes"), so the race is decided by the database lock, not by this process.
   */
  async function racers(n: number, staffCount: number, brokers = 0) {
    const { db, place: where } = await place.fresh();
    const first = await openOffices(db);
    const office = await createProject(first, 'p1', consultants(staffCount));
    for (let i = 1; i <= brokers; i++) await must(office, { do: 'addBroker', broker: { id: `b${i}`, kind: 'agency', approved: true } });
    const all = [first];
    while (all.length < n) all.push(await openOffices(place.open(where)));
    const handles = await Promise.all(all.map(async (o) => (await o.open('p1'))!));
    return { db, handles, pick: (i: number) => handles[i % n]!, close: () => Promise.all(all.map((o) => o.close())) };
  }

  const spreads = dialect === 'postgres' ? [1, 2] : [1];

  it.each(spreads)('50 consultants registering one new phone at once through %i instance(s): one owner, 49 entries without ownership', async (n) => {
    const race = await racers(n, 50);
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => race.pick(i).execute(registration(`c${i + 1}`, phone(7)), MANAGER)));
    expect(outcomes.every((o) => o.ok && o.answer.valid)).toBe(true);
    expect(new Set(outcomes.map((o) => o.seq)).size).toBe(50);
    const registrations = (await race.handles[0]!.facts(0)).filter((f): f is Recorded<Extract<Recorded, { type: 'registered' }>> => f.type === 'registered');
    expect(registrations.length).toBe(50);
    for (const handle of race.handles) {
      const engine = await handle.engine();
      const ownership = engine.ownership(phone(7), engine.lastAt);
      expect(ownership.owner).toBe(registrations[0]?.by); // the first entry appended owns…
      expect(ownership.spans.length).toBe(1); // …and none of the 49 others ever did
    }
    expect((await verifyLog(race.db)).ok).toBe(true);
    await race.close();
  });

  it.each(spreads)('20 brokers reporting one phone at once through %i instance(s): exactly one report accepted', async (n) => {
    const race = await racers(n, 0, 20);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => race.pick(i).execute({ do: 'report', broker: `b${i + 1}`, phone: phone(3), name: '李女士' }, MANAGER)));
    expect(outcomes.filter((o) => o.ok && o.answer.accepted).length).toBe(1);
    expect((await race.handles[0]!.facts(0)).filter((f) => f.type === 'reported' && f.accepted).length).toBe(1);
    expect((await verifyLog(race.db)).ok).toBe(true);
    await race.close();
  });

  it('a transaction that fails after folding leaves no trace: the engine is reloaded from the log', async () => {
    const { db, offices, office } = await freshProject(place);
    const seq = await must(office, registration('c1', phone(1)));
    await db.exec('ALTER TABLE proj_floor RENAME TO proj_floor_away'); // the projection write will fail
    await expect(office.execute(registration('c2', phone(2)), MANAGER)).rejects.toThrow();
    await db.exec('ALTER TABLE proj_floor_away RENAME TO proj_floor');
    expect((await office.engine()).lastSeq).toBe(seq);
    expect(await must(office, registration('c3', phone(2)))).toBe(seq + 1);
    const engine = await office.engine();
    expect(engine.ownership(phone(2), engine.lastAt).owner).toBe('c3');
    expect((await verifyLog(db)).ok).toBe(true);
    await offices.close();
  });

  it('subscribers hear each commit after it, in order', async () => {
    const { db } = await place.fresh();
    const offices = await openOffices(db);
    const heard: [string, number][] = [];
    const stop = offices.subscribe((project, facts) => heard.push(...facts.map((f): [string, number] => [project, f.seq])));
    const office = await createProject(offices, 'p1', []);
    await must(office, { do: 'addStaff', staff: { id: 'c1', role: 'consultant' } });
    await office.execute({ do: 'signOut', who: 'c1' }, MANAGER); // refused: nothing to hear
    stop();
    await must(office, { do: 'signIn', who: 'c1' });
    expect(heard).toEqual([
      ['p1', 1],
      ['p1', 2],
    ]);
    await offices.close();
  });

  if (dialect === 'postgres') {
    it("another instance's subscribers hear each commit through NOTIFY, every seq once and in order", async () => {
      const { db, place: where } = await place.fresh();
      const a = await openOffices(db, undefined, { listen: true });
      const inA = await createProject(a, 'p1', consultants(10));
      const b = await openOffices(place.open(where), undefined, { listen: true });
      const inB = (await b.open('p1'))!;
      const heardByB: number[] = [];
      b.subscribe((_p, facts) => heardByB.push(...facts.map((f) => f.seq)));
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? inA : inB).execute(registration(`c${(i % 10) + 1}`, phone(i % 3)), MANAGER)));
      const seqs = outcomes.map((o) => o.seq as number).sort((x, y) => x - y);
      // Generous: under a loaded machine the last notices and their catch-up reads can take seconds.
      await expect.poll(() => heardByB.length, { timeout: 20_000 }).toBe(20);
      expect(heardByB).toEqual(seqs);
      expect((await inA.engine()).lastSeq).toBe((await inB.engine()).lastSeq);
      await a.close();
      await b.close();
    });

    it('a LISTEN connection that drops comes back and catches up with what it missed', async () => {
      const { db, place: where } = await place.fresh();
      const a = await openOffices(db);
      const inA = await createProject(a, 'p1', consultants(2));
      const b = await openOffices(place.open(where), undefined, { listen: true });
      const heard: number[] = [];
      b.subscribe((_p, facts) => heard.push(...facts.map((f) => f.seq)));
      const first = await must(inA, registration('c1', phone(1)));
      await expect.poll(() => heard, { timeout: 5000 }).toEqual([first]);
      await db.all("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
      const missed = await must(inA, registration('c2', phone(2))); // notified while nobody listens
      await expect.poll(() => heard, { timeout: 5000 }).toEqual([first, missed]);
      await a.close();
      await b.close();
    });
  }
});
