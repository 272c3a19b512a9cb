// Group commit: commands that queue up behind a project's transaction share the next one (one commit, one
// fsync), each deciding on what the ones before it left; a command whose writing fails fails alone. And the
// SQLite connection's prepared statements stay bounded.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/core/phone.ts';
import { verifyLog } from '../../src/store/log/verify-log.ts';
import { readProjections } from '../../src/store/projections/projections.ts';
import { rebuildProjections } from '../../src/store/rebuild-projections.ts';
import type { Db } from '../../src/store/sql/db.ts';
import { Statements } from '../../src/store/sql/sqlite-db.ts';
import { deriveVaultKeys, tokenFor } from '../../src/store/vault/vault-crypto.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { consultants, createProject, MANAGER, openOffices, phone, registration, SECRET } from './support/store-fixture.ts';

/** The same database, counting transactions, and failing any statement whose parameters mention `poison`. */
function instrumented(db: Db, poison: { token: string | null }) {
  const counts = { transactions: 0, probes: 0 };
  const wrap = (inner: Db): Db =>
    new Proxy(inner, {
      get(target, name, receiver) {
        if (name === 'transaction') {
          return (work: (tx: Db) => Promise<unknown>, options?: { lock?: string }) => {
            counts.transactions++;
            return target.transaction((tx) => work(wrap(tx)), options);
          };
        }
        if (name === 'get') {
          return (sql: string, params: readonly unknown[] = []) => {
            if (sql.startsWith('SELECT seq FROM events WHERE project = ? AND seq > ?')) counts.probes++;
            return target.get(sql, params as never);
          };
        }
        if (name === 'run') {
          return (sql: string, params: readonly unknown[] = []) => {
            if (poison.token !== null && params.some((p) => typeof p === 'string' && p.includes(poison.token as string))) return Promise.reject(new Error('disk on fire'));
            return target.run(sql, params as never);
          };
        }
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return { db: wrap(db), counts };
}

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  const place = scratch(dialect);

  it('a burst of commands shares a few transactions, in order, each deciding on its predecessors', async () => {
    const { db: raw } = await place.fresh();
    const { db, counts } = instrumented(raw, { token: null });
    const offices = await openOffices(db);
    const office = await createProject(offices, 'p1', consultants(10));
    const before = counts.transactions;
    const head = (await office.engine()).lastSeq;
    // 100 registrations at once, two for each phone: the second of each pair is entered after the first owns it.
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => office.execute(registration(`c${(i % 10) + 1}`, phone(i >> 1)), MANAGER)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.map((o) => o.seq)).toEqual(Array.from({ length: 100 }, (_, i) => head + 1 + i));
    expect(counts.transactions - before).toBeLessThan(10);
    const engine = await office.engine();
    for (let p = 0; p < 50; p++) expect(engine.ownership(normalisePhone(phone(p)) as string, engine.lastAt).owner).toBe(`c${((2 * p) % 10) + 1}`);
    expect((await verifyLog(raw)).ok).toBe(true);

    // Another burst with a departure in the middle: its customers are read back from the rows the commands
    // before it in the same transaction wrote. The rows written once per transaction are the rows a rebuild gives.
    const more = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => office.execute({ do: 'followUp', by: 'c3', phone: phone(i), reached: true, via: 'call' }, MANAGER)),
      ...Array.from({ length: 10 }, (_, i) => office.execute(registration('c3', phone(200 + i)), MANAGER)), // c3's only in rows not yet written
      office.execute({ do: 'depart', who: 'c3' }, MANAGER),
      ...Array.from({ length: 30 }, (_, i) => office.execute(registration('c4', phone(100 + i)), MANAGER)),
    ]);
    expect(more.every((o) => o.ok)).toBe(true);
    const rows = await readProjections(raw, 'p1');
    expect((rows.customers as { owner: string | null }[]).some((c) => c.owner === 'c3')).toBe(false);
    await rebuildProjections(raw, { secret: SECRET, project: 'p1' });
    expect(await readProjections(raw, 'p1')).toEqual(rows);
    await offices.close();
  });

  it('reads that queue up behind writes share their catch-ups', async () => {
    const { db: raw } = await place.fresh();
    const { db, counts } = instrumented(raw, { token: null });
    const offices = await openOffices(db);
    const office = await createProject(offices, 'p1', consultants(4));
    const head = (await office.engine()).lastSeq;
    const probes = counts.probes;
    const writes = Array.from({ length: 20 }, (_, i) => office.execute(registration(`c${(i % 4) + 1}`, phone(i)), MANAGER));
    const reads = Array.from({ length: 50 }, () => office.engine());
    await Promise.all(writes);
    const engines = await Promise.all(reads);
    expect(engines.every((e) => e === engines[0])).toBe(true);
    expect(counts.probes - probes).toBeLessThan(15); // one per write transaction and a shared one for the reads
    expect((await office.engine()).lastSeq).toBe(head + 20);
    await offices.close();
  });

  it('a command whose writing fails fails alone; the others of its transaction are recorded', async () => {
    const { db: raw } = await place.fresh();
    const poison = { token: null as string | null };
    const { db } = instrumented(raw, poison);
    const offices = await openOffices(db);
    const office = await createProject(offices, 'p1', consultants(4));
    const head = (await office.engine()).lastSeq;
    poison.token = tokenFor(deriveVaultKeys(SECRET), normalisePhone(phone(13)) as string);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => office.execute(registration(`c${(i % 4) + 1}`, phone(i + 3)), MANAGER)));
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([10]); // phone(13)
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<{ seq?: number }>).value.seq)).toEqual(Array.from({ length: 19 }, (_, i) => head + 1 + i));
    poison.token = null;
    const engine = await office.engine();
    expect(engine.lastSeq).toBe(head + 19);
    expect(engine.customers.has(normalisePhone(phone(13)) as string)).toBe(false);
    expect((await verifyLog(raw)).ok).toBe(true);
    await offices.close();
  });
});

describe('the SQLite statement cache', () => {
  it('keeps the most recently used statements, up to its limit', () => {
    const native = new Database(':memory:');
    const statements = new Statements(native, 2);
    const a = statements.get('SELECT 1 AS x');
    statements.get('SELECT 2 AS x');
    expect(statements.get('SELECT 1 AS x')).toBe(a);
    statements.get('SELECT 3 AS x'); // evicts SELECT 2, the least recently used
    expect(statements.size).toBe(2);
    expect(statements.get('SELECT 1 AS x')).toBe(a);
    expect(statements.get('SELECT 2 AS x').get()).toEqual({ x: 2 });
    native.close();
  });
});
