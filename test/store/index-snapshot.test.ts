// The customer index's saved state (issues 11 and 13: cold start): a restarted server puts the index behind the
// register, the reports and the timelines back from its saved state and folds only the facts after it; a state
// that is stale, altered, of another log or written by other code is detected, dropped and the log folded — and
// every way gives the index a fresh fold of the log gives. An erasure drops it, and a live index that folds an
// erasure is folded anew without the erased customer's values (SEC-5).
import { describe, expect, it } from 'vitest';
import { bulkLoadOffice } from '../../bench/bulk-load.ts';
import { generateOffice, planGroup, SCALES } from '../../bench/group-history.ts';
import { CustomerIndex, CustomerIndexes, type ProjectLog } from '../../src/app/customer-index.ts';
import type { Recorded } from '../../src/core/facts.ts';
import type { Db } from '../../src/store/sql/db.ts';
import type { OfficeHandle } from '../../src/store/offices.ts';
import { openSqlOffices, type SqlOffices } from '../../src/store/sql-offices.ts';
import { createVault } from '../../src/store/vault/personal-vault.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { MANAGER, registerCalls, SECRET } from './support/store-fixture.ts';

describe.each(DIALECTS)('the customer index kept between restarts on %s', (dialect) => {
  const place = scratch(dialect);
  const plan = planGroup(SCALES.ci!, 20250301)[0]!;
  const office = generateOffice(plan);
  const project = plan.id;
  const total = office.facts.length;
  const row = (db: Db) => db.get<{ seq: unknown; body: Buffer }>('SELECT seq, body FROM read_model_snapshots WHERE project = ? AND kind = ?', [project, 'customer-index']);

  async function loaded(): Promise<Db> {
    const { db } = await place.fresh();
    await (await openSqlOffices(db, { secret: SECRET, listen: false })).close(); // migrates
    await bulkLoadOffice([db], createVault(SECRET), office);
    return db;
  }

  /** A handle whose reads of the log are counted: `read` is the number of facts the index pulled from it. */
  const counted = (handle: OfficeHandle) => {
    const seen = { read: 0 };
    const log: ProjectLog = {
      project: handle.project,
      ...(handle.savedIndex ? { savedIndex: handle.savedIndex } : {}),
      facts: async (after: number) => {
        const facts = await handle.facts(after);
        seen.read += facts.length;
        return facts;
      },
    };
    return { log, seen };
  };

  /** A server's start: the offices with snapshots on, and the index of the project as its first report would ask. */
  async function start(db: Db) {
    const offices = await openSqlOffices(db, { secret: SECRET, listen: false, snapshots: { minFacts: 100, every: 500 } });
    const handle = (await offices.open(project))!;
    const indexes = new CustomerIndexes({ minFacts: 100, every: 500 });
    const { log, seen } = counted(handle);
    const index = await indexes.caughtUp(log);
    const engine = await handle.engine();
    // The ownership book is built before the state is taken (it is taken after the answer has gone).
    index.ownershipBook(engine, engine.lastAt);
    const stop = async () => {
      await indexes.settle();
      await offices.close();
    };
    return { offices, handle, indexes, log, seen, index, engine, stop };
  }

  /** The index a fresh fold of the whole log gives, its book brought to the same instant. */
  async function sameAsFreshFold(offices: SqlOffices, index: CustomerIndex): Promise<void> {
    const handle = (await offices.open(project))!;
    const fresh = new CustomerIndex({ project: handle.project, facts: (after) => handle.facts(after) });
    await fresh.catchUp();
    const engine = await handle.engine();
    fresh.ownershipBook(engine, engine.lastAt);
    index.ownershipBook(engine, engine.lastAt);
    const a = index.state();
    const b = fresh.state();
    expect(a.lastSeq).toBe(b.lastSeq);
    for (const k of Object.keys(a) as (keyof typeof a)[]) {
      if (k === 'book' || k === 'facts') continue;
      expect(a[k], k).toEqual(b[k]);
    }
    // The facts themselves, opened from the saved chunks where they were put back.
    for (const phone of b.byPhone.keys) expect(index.factsAbout([phone]), phone).toEqual(fresh.factsAbout([phone]));
    for (const month of b.byMonth.keys()) expect(index.factsInMonth(month), month).toEqual(fresh.factsInMonth(month));
    const mine = index.ownershipBook(engine, engine.lastAt);
    const theirs = fresh.ownershipBook(engine, engine.lastAt);
    expect([...mine.all()]).toEqual(expect.arrayContaining([...theirs.all()]));
    expect([...mine.all()].length).toBe([...theirs.all()].length);
    for (const who of engine.staff.keys()) expect(new Set(mine.filedUnder(who)), who).toEqual(new Set(theirs.filedUnder(who)));
  }

  const registerSome = (offices: SqlOffices, n: number, from: number) => registerCalls(offices, project, n, from);

  it('is put back on a restart, reading no fact of the log, and answers as a fresh fold', async () => {
    const db = await loaded();
    const first = await start(db);
    expect(first.seen.read).toBe(total);
    await first.stop(); // a clean stop stores the state being kept
    expect(Number((await row(db))?.seq)).toBe(total);

    const second = await start(db);
    expect(second.seen.read).toBe(0);
    expect(second.index.seq).toBe(total);
    await sameAsFreshFold(second.offices, second.index);
    // It goes on folding what is recorded after it, as the one it was taken from would.
    await registerSome(second.offices, 5, 0);
    const after = await second.indexes.caughtUp(second.log);
    expect(after).toBe(second.index);
    expect(second.seen.read).toBe(5);
    await sameAsFreshFold(second.offices, after);
    await second.stop();
  });

  it('a stale state (the log went on without it) folds only the facts after it', async () => {
    const db = await loaded();
    await (await start(db)).stop();
    const other = await openSqlOffices(db, { secret: SECRET, listen: false });
    await registerSome(other, 12, 100);
    await other.close();
    const second = await start(db);
    expect(second.seen.read).toBe(12);
    await sameAsFreshFold(second.offices, second.index);
    await second.stop();
  });

  it('is kept again every `every` facts', async () => {
    const db = await loaded();
    const first = await start(db);
    await registerSome(first.offices, 501, 200);
    await first.indexes.caughtUp(first.log);
    await first.stop();
    expect(Number((await row(db))?.seq)).toBe(total + 501);
  });

  const spoilings: readonly { name: string; spoil: (db: Db) => Promise<unknown> }[] = [
    { name: 'a flipped byte in its body', spoil: async (db) => {
      const body = Buffer.from((await row(db))!.body);
      body[body.length - 100] = (body[body.length - 100] as number) ^ 0x01;
      await db.run('UPDATE read_model_snapshots SET body = ? WHERE project = ?', [body, project]);
    } },
    { name: 'its seq moved back (the entry there has another hash)', spoil: (db) => db.run('UPDATE read_model_snapshots SET seq = seq - 1 WHERE project = ?', [project]) },
    { name: 'a format written by other code', spoil: (db) => db.run("UPDATE read_model_snapshots SET format = 'customer-index-v0:older' WHERE project = ?", [project]) },
    { name: 'the head of another history', spoil: (db) => db.run(`UPDATE read_model_snapshots SET head = '${'f'.repeat(64)}' WHERE project = ?`, [project]) },
  ];

  it.each(spoilings)('is not trusted with $name: dropped, the log folded, and the index is a fresh fold', async ({ spoil }) => {
    const db = await loaded();
    await (await start(db)).stop();
    await spoil(db);
    const second = await start(db);
    expect(second.seen.read).toBe(total);
    await sameAsFreshFold(second.offices, second.index);
    await second.stop();
    // The refold was kept in its place.
    expect(Number((await row(db))?.seq)).toBe(total);
  });

  it('SEC-5: an erasure drops it, and a live index that folds one is folded anew without the erased values', async () => {
    const db = await loaded();
    const first = await start(db);
    await first.stop();
    const server = await start(db);
    const phone = [...server.engine.customers.keys()].find((k) => /^1\d{10}$/.test(k) && server.index.factsAbout([k]).some((f) => f.type === 'registered' && f.name))!;
    const name = (server.index.factsAbout([phone]).find((f) => f.type === 'registered') as Recorded<{ type: 'registered'; name?: string } & Recorded>).name!;
    expect(JSON.stringify(server.index.factsAbout([phone]))).toContain(name);
    const erased = await server.offices.erasePersonal(project, phone, MANAGER, 'u-approver', '客户要求删除');
    expect(erased.ok).toBe(true);
    expect(await row(db)).toBeUndefined();
    const after = await server.indexes.caughtUp(server.log);
    expect(after).not.toBe(server.index);
    expect(after.factsAbout([phone])).toEqual([]);
    const all = JSON.stringify(after.state().byPhone.keys.map((k) => after.factsAbout([k])));
    expect(all).not.toContain(phone);
    await sameAsFreshFold(server.offices, after);
    await server.stop();
    // What was kept after the erasure does not hold the phone either.
    const kept = await row(db);
    if (kept) {
      const again = await start(db);
      expect(JSON.stringify(again.index.state().byPhone.keys)).not.toContain(phone);
      await again.stop();
    }
  });
});
