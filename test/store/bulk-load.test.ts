// The store's batch-friendly pieces write exactly what the append path writes: a deferred projection (rebuild,
// bulk load) leaves the rows projecting fact by fact leaves; entries chained and inserted many at a time, and a
// vault batch, store what `appendEntry` and `sealPersonal` store one fact at a time.
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/history.ts';
import type { Fact, Recorded } from '../../src/core/facts.ts';
import { resolvePolicy, STANDARD_POLICY } from '../../src/core/policy.ts';
import { HOUR_MS } from '../../src/core/time.ts';
import { appendEntries, appendEntry, chainEntry, insertProject, type LogEntry } from '../../src/store/log/event-log.ts';
import { verifyLog } from '../../src/store/log/verify-log.ts';
import { foldAndDefer, foldAndProject, loadOffice, newOfficeState, type OfficeState } from '../../src/store/office-state.ts';
import type { ProjectInfo } from '../../src/store/offices.ts';
import { DeferredProjection, memorySink, readProjections, replaceProjections, sqlSink } from '../../src/store/projections/projections.ts';
import type { Db } from '../../src/store/sql/db.ts';
import { insertRows } from '../../src/store/sql/insert-rows.ts';
import { migrate } from '../../src/store/sql/migrate.ts';
import { EVENT_LOG_MIGRATIONS } from '../../src/store/store-migrations.ts';
import { createVault, insertVaultRows, openEntries, sealPersonal, VaultBatch, type Vault } from '../../src/store/vault/personal-vault.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { SECRET } from './support/store-fixture.ts';

const INFO: ProjectInfo = { id: 'p1', name: 'Project p1', zone: 'Asia/Shanghai' };

/**
 * An office's year from the benchmark's generator (receptions, registrations, follow-ups, reports, family links,
 * merges, reassignments, orders, two departures), with a policy change half-way (it touches every customer).
 */
function history(events: number): Fact[] {
  const made = generateHistory({ events, seed: 11, office: { consultants: 6, brokers: 8, buildings: 1, walkIns: 6, reports: 8, callRegistrations: 2, days: 300, firstCustomer: 0 } });
  const facts: Fact[] = [{ type: 'policySet', at: made.firstAt - HOUR_MS, policy: STANDARD_POLICY }];
  for (const { seq: _seq, ...fact } of made.facts) facts.push(fact as Fact);
  const half = facts[Math.floor(facts.length / 2)] as Fact;
  const changed = resolvePolicy('standard', { 'ownership.protectionDays': 20, 'ownership.family': 'threeGenerations' });
  if (!changed.ok) throw new Error('policy');
  facts.splice(Math.floor(facts.length / 2), 0, { type: 'policySet', at: half.at, policy: changed.policy });
  return facts;
}

const FACTS = history(20_000);

describe('a deferred projection', () => {
  it('leaves the rows that projecting every fact leaves, over a year of an office', async () => {
    const vault = createVault(SECRET);
    const first = { ...(FACTS[0] as Fact), seq: 1 } as Recorded;
    const eager: OfficeState = newOfficeState(INFO, first, vault);
    const lazy: OfficeState = newOfficeState(INFO, first, vault);
    const eagerRows = memorySink();
    const lazyRows = memorySink();
    const projection = new DeferredProjection(lazyRows);
    for (const [i, fact] of FACTS.entries()) {
      const recorded = Object.freeze({ ...fact, seq: i + 1 }) as Recorded;
      await foldAndProject(eager, recorded, `h${i}`, eagerRows);
      foldAndDefer(lazy, recorded, `h${i}`, projection);
    }
    projection.finish(lazy.engine, lazy.tokenOf);
    expect(FACTS.some((f) => f.type === 'departed') && FACTS.some((f) => f.type === 'recordsMerged') && FACTS.some((f) => f.type === 'familyLinked')).toBe(true);
    expect(lazyRows.customers.size).toBeGreaterThan(1_000);
    expect([...lazyRows.customers.values()].some((r) => r.owner !== null)).toBe(true);
    expect(new Map([...lazyRows.customers].sort())).toEqual(new Map([...eagerRows.customers].sort()));
    expect(new Map([...lazyRows.units].sort())).toEqual(new Map([...eagerRows.units].sort()));
    expect(lazyRows.floor).toEqual(eagerRows.floor);
  });
});

describe.each(DIALECTS)('bulk writing on %s', (dialect) => {
  const place = scratch(dialect);
  const facts = FACTS.slice(0, dialect === 'postgres' ? 1_500 : 3_000);

  /** The append path, fact by fact: what `execute` does once it has decided (sql-offices.ts `append`). */
  async function appendOneByOne(db: Db, vault: Vault): Promise<void> {
    await db.transaction(async (tx) => {
      await insertProject(tx, INFO, (facts[0] as Fact).at, 'u-admin');
      let state: OfficeState | null = null;
      for (const [i, fact] of facts.entries()) {
        const seq = i + 1;
        state ??= newOfficeState(INFO, { ...fact, seq } as Recorded, vault);
        const body = await sealPersonal(tx, vault, INFO.id, seq, fact, state.phoneToken);
        const entry = await appendEntry(tx, { project: INFO.id, seq, at: fact.at, type: fact.type, actor: 'u-admin', body, prevHash: state.head });
        await foldAndProject(state, Object.freeze({ ...fact, seq }) as Recorded, entry.hash, sqlSink(tx, INFO.id));
      }
    });
  }

  /** The bulk path: chained entries, a vault batch and a deferred projection, inserted many rows at a time. */
  async function appendInBulk(db: Db, vault: Vault): Promise<void> {
    await db.transaction(async (tx) => {
      await insertProject(tx, INFO, (facts[0] as Fact).at, 'u-admin');
      const batch = new VaultBatch(vault, INFO.id);
      const sink = memorySink();
      const projection = new DeferredProjection(sink);
      let state: OfficeState | null = null;
      let entries: LogEntry[] = [];
      for (const [i, fact] of facts.entries()) {
        const seq = i + 1;
        const recorded = Object.freeze({ ...fact, seq }) as Recorded;
        state ??= newOfficeState(INFO, recorded, vault);
        const entry = chainEntry({ project: INFO.id, seq, at: fact.at, type: fact.type, actor: 'u-admin', body: batch.seal(seq, fact, state.phoneToken), prevHash: state.head });
        entries.push(entry);
        foldAndDefer(state, recorded, entry.hash, projection);
        if (entries.length === 700) {
          await appendEntries(tx, entries, 300); // small statements, to cross their boundaries
          await insertVaultRows(tx, batch.drain(), 300);
          entries = [];
        }
      }
      await appendEntries(tx, entries);
      await insertVaultRows(tx, batch.drain());
      projection.finish((state as OfficeState).engine, (state as OfficeState).tokenOf);
      await replaceProjections(tx, INFO.id, sink);
    });
  }

  it('stores the same entries, vault contents and projections as appending fact by fact', async () => {
    const vault = createVault(SECRET);
    const one = (await place.fresh()).db;
    const bulk = (await place.fresh()).db;
    await migrate(one, EVENT_LOG_MIGRATIONS);
    await migrate(bulk, EVENT_LOG_MIGRATIONS);
    await appendOneByOne(one, vault);
    await appendInBulk(bulk, vault);

    const entries = (db: Db) => db.all('SELECT project, seq, at, type, actor, body, prev_hash, hash FROM events ORDER BY seq');
    expect(await entries(bulk)).toEqual(await entries(one));
    expect((await verifyLog(bulk)).ok).toBe(true);
    expect(await readProjections(bulk, INFO.id)).toEqual(await readProjections(one, INFO.id));
    // Sealed afresh (new data keys, new IVs), the vault holds the same subjects and gives back the same facts.
    const subjects = (db: Db) => db.all('SELECT subject, created_at FROM personal_keys ORDER BY subject');
    expect(await subjects(bulk)).toEqual(await subjects(one));
    const values = (db: Db) => db.all('SELECT seq, subject FROM personal_values ORDER BY seq, subject');
    expect(await values(bulk)).toEqual(await values(one));
    const read = async (db: Db) => openEntries(db, createVault(SECRET), (await entries(db)) as never);
    const back = await read(bulk);
    expect(back).toEqual(await read(one));
    expect(back).toEqual(facts.map((f, i) => ({ ...f, seq: i + 1 })));
    // And the store folds it into the same engine.
    const folded = await loadOffice(bulk, createVault(SECRET), INFO);
    expect(folded?.engine.lastSeq).toBe(facts.length);
  });

  it('inserts many rows in statements under a parameter limit', async () => {
    const { db } = await place.fresh();
    await db.exec('CREATE TABLE t (a BIGINT NOT NULL, b TEXT, PRIMARY KEY (a))');
    const rows = Array.from({ length: 1_001 }, (_, i) => [i, i % 3 === 0 ? null : `v${i}`]);
    await insertRows(db, 't', ['a', 'b'], rows, 10);
    expect(await db.all('SELECT a, b FROM t ORDER BY a')).toEqual(rows.map(([a, b]) => ({ a, b })));
  });
});
