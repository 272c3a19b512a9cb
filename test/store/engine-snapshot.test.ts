// Engine snapshots (issue 13, cold start): a restart puts an office back from its latest snapshot and folds only
// the entries after it; a snapshot that is stale, altered, of another log, or written by other code is detected
// and the log folded instead — and every way gives the very state a fresh fold of the log gives.
import { describe, expect, it } from 'vitest';
import { bulkLoadOffice } from '../../bench/bulk-load.ts';
import { generateOffice, planGroup, SCALES } from '../../bench/group-history.ts';
import { generateHistory } from '../../bench/history.ts';
import { Engine } from '../../src/core/engine.ts';
import type { Fact, Recorded } from '../../src/core/facts.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { HOUR_MS } from '../../src/core/time.ts';
import { loadOffice, type OfficeState } from '../../src/store/office-state.ts';
import { captureEngine, openSnapshot, sealSnapshot, SNAPSHOT_FORMAT } from '../../src/store/snapshots/engine-snapshot.ts';
import { valuesOpened } from '../../src/store/snapshots/packed-fields.ts';
import { PackedFiles } from '../../src/store/snapshots/packed-files.ts';
import { readSnapshot } from '../../src/store/snapshots/snapshot-store.ts';
import type { Db } from '../../src/store/sql/db.ts';
import { openSqlOffices, type LoadedFrom, type SqlOffices } from '../../src/store/sql-offices.ts';
import { createVault } from '../../src/store/vault/personal-vault.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { MANAGER, registerCalls, SECRET } from './support/store-fixture.ts';

/** Everything a state holds that a snapshot must give back. */
const contentOf = (s: { engine: Engine; parties: OfficeState['parties']; retired: ReadonlySet<string> }) => ({ engine: captureEngine(s.engine), parties: s.parties, retired: [...s.retired].sort() });

describe('what a snapshot saves', () => {
  it('is plain data all the way down, over a year of an office (a class instance would come back without its methods)', async () => {
    const made = generateHistory({ events: 20_000, seed: 11, office: { consultants: 6, brokers: 8, buildings: 1, walkIns: 6, reports: 8, callRegistrations: 2, days: 300, firstCustomer: 0 } });
    const engine = new Engine(STANDARD_POLICY, 'Asia/Shanghai', made.firstAt - HOUR_MS);
    engine.apply({ type: 'policySet', at: made.firstAt - HOUR_MS, policy: STANDARD_POLICY, seq: 1 } as Recorded);
    for (const [i, f] of made.facts.entries()) engine.apply({ ...f, seq: i + 2 } as Recorded);
    const seen = new Set<unknown>();
    const strange: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'function') strange.push(`${path}: a function`);
      if (v === null || typeof v !== 'object' || seen.has(v)) return;
      seen.add(v);
      const proto = Object.getPrototypeOf(v) as unknown;
      if (![Object.prototype, Array.prototype, Map.prototype, Set.prototype, null].includes(proto as object)) strange.push(`${path}: ${(v as object).constructor?.name}`);
      if (v instanceof Map) for (const [k, x] of v) walk(x, `${path}.get(${String(k).slice(0, 12)})`);
      else if (v instanceof Set) for (const x of v) walk(x, `${path}.has()`);
      else for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(captureEngine(engine), 'engine');
    expect(strange.slice(0, 5)).toEqual([]);
    expect(engine.customers.size).toBeGreaterThan(1_000);
    // Sealed and opened again, it is the same state.
    const vault = createVault(SECRET);
    const content = { engine, parties: { day: '', bySeq: new Map() }, retired: new Set<string>() };
    const opened = await openSnapshot(vault.keys, 'p1', 'Asia/Shanghai', await sealSnapshot(vault.keys, 'p1', 'h', content));
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(contentOf(opened.content)).toEqual(contentOf(content));
  });
});

describe.each(DIALECTS)('engine snapshots on %s', (dialect) => {
  const place = scratch(dialect);
  const plan = planGroup(SCALES.ci!, 20250301)[0]!;
  const office = generateOffice(plan);
  const project = plan.id;

  async function loaded(): Promise<Db> {
    const { db } = await place.fresh();
    await (await openSqlOffices(db, { secret: SECRET, listen: false })).close(); // migrates
    await bulkLoadOffice([db], createVault(SECRET), office);
    return db;
  }

  /** Opens the offices as a restarted server would, loads the project, and tells how it was loaded. */
  async function restart(db: Db): Promise<{ offices: SqlOffices; how: LoadedFrom[]; engine: Engine }> {
    const how: LoadedFrom[] = [];
    const offices = await openSqlOffices(db, { secret: SECRET, listen: false, snapshots: { minFacts: 100, every: 500 }, onLoaded: (_p, h) => how.push(h) });
    const engine = await (await offices.open(project))!.engine();
    return { offices, how, engine };
  }

  /** The state a fresh fold of the whole log gives, with no snapshot anywhere near it. */
  const freshFold = async (db: Db): Promise<OfficeState> => (await loadOffice(db, createVault(SECRET), { id: project, name: plan.name, zone: 'Asia/Shanghai' }))!;

  async function sameAsFreshFold(db: Db, offices: SqlOffices): Promise<void> {
    const fresh = await freshFold(db);
    const engine = await (await offices.open(project))!.engine();
    expect(engine.lastSeq).toBe(fresh.engine.lastSeq);
    // Field by field, deeply (v8's bytes are no judge: the same number may be written as an integer or a double).
    const a = captureEngine(engine);
    const b = captureEngine(fresh.engine);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const k of Object.keys(a)) expect(a[k], k).toEqual(b[k]);
  }

  const registerSome = (offices: SqlOffices, n: number, from: number) => registerCalls(offices, project, n, from);

  it('puts a restarted office back from its snapshot, folding nothing, and it answers and decides as a fresh fold', async () => {
    const db = await loaded();
    const first = await restart(db);
    expect(first.how).toEqual([{ from: 'log', folded: office.facts.length, snapshot: 'none' }]);
    await first.offices.close(); // the snapshot is stored before close resolves
    expect((await readSnapshot(db, project))?.seq).toBe(office.facts.length);

    const second = await restart(db);
    expect(second.how).toEqual([{ from: 'snapshot', seq: office.facts.length, folded: 0 }]);
    await sameAsFreshFold(db, second.offices);
    await registerSome(second.offices, 5, 0);
    await sameAsFreshFold(db, second.offices);
    await second.offices.close();
  });

  it("opens a customer file only when it is asked for, with the channel book's own reports, and keeps the closed ones as they were", async () => {
    const db = await loaded();
    const first = await restart(db);
    await first.offices.close();

    const how: LoadedFrom[] = [];
    const offices = await openSqlOffices(db, { secret: SECRET, listen: false, snapshots: { minFacts: 100, every: 3 }, onLoaded: (_p, h) => how.push(h) });
    const engine = await (await offices.open(project))!.engine();
    expect(how).toEqual([{ from: 'snapshot', seq: office.facts.length, folded: 0 }]);
    const files = engine.customers as PackedFiles;
    expect(files).toBeInstanceOf(PackedFiles);
    expect(files.closed).toBe(files.size);
    const withReports = [...office.history.engine.customers.entries()].find(([, f]) => f.reports.length > 0)?.[0] as string;
    expect(withReports).toBeDefined();
    // One file asked for, one opened: its reports are the very records the channel book writes the CH-9 visit through.
    const file = files.get(withReports)!;
    expect(files.closed).toBe(files.size - 1);
    expect(file.reports.length).toBeGreaterThan(0);
    for (const r of file.reports) expect(engine.channelBook.records.get(r.seq)).toBe(r);
    // The judge of one phone opens its household's files, not the office's.
    engine.ownership(withReports, engine.lastAt);
    expect(files.closed).toBeGreaterThan(files.size - 10);

    // New facts, and a snapshot taken with most files still closed (their bytes reused as they were)…
    await registerSome(offices, 5, 300);
    await offices.close();
    const kept = (await readSnapshot(db, project))!;
    expect(kept.seq).toBeGreaterThan(office.facts.length);
    // …gives back the state a fresh fold of the log gives.
    const third = await restart(db);
    expect(third.how[0]).toMatchObject({ from: 'snapshot', seq: kept.seq });
    await sameAsFreshFold(db, third.offices);
    await third.offices.close();
  });

  it('after each snapshot the office runs on the state it puts back: what was opened is closed again, and it decides as a fresh fold', async () => {
    const db = await loaded();
    const offices = await openSqlOffices(db, { secret: SECRET, listen: false, snapshots: { minFacts: 100, every: 5, quiet: { checkMs: 5, maxWaitMs: 20 } } });
    const handle = (await offices.open(project))!;
    const folded = await handle.engine();
    expect(folded.customers).not.toBeInstanceOf(PackedFiles); // folded from the log: every file open
    const swapped = async (from: Engine): Promise<Engine> => {
      for (let i = 0; i < 200; i++) {
        const now = await handle.engine();
        if (now !== from) return now;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the state was not replaced after its snapshot');
    };
    const packed = await swapped(folded);
    const files = packed.customers as PackedFiles;
    expect(files).toBeInstanceOf(PackedFiles);
    expect(files.closed).toBe(files.size);
    expect(packed.lastSeq).toBe(folded.lastSeq);
    // Writes go on into the new state; the next snapshot closes what they opened.
    await registerSome(offices, 5, 400);
    const later = await swapped(packed);
    expect(later.lastSeq).toBe(folded.lastSeq + 5);
    expect((later.customers as PackedFiles).closed).toBe(later.customers.size);
    await sameAsFreshFold(db, offices);
    await offices.close();
  });

  it('an office folded from its log is kept on the next turn, not at a quiet moment: a server folding office after office holds one open at a time', async () => {
    const db = await loaded();
    const never = { checkMs: 60_000, maxWaitMs: 60_000 }; // no quiet moment comes in this test
    const offices = await openSqlOffices(db, { secret: SECRET, listen: false, snapshots: { minFacts: 100, every: 5, quiet: never } });
    const handle = (await offices.open(project))!;
    const folded = await handle.engine();
    expect(folded.customers).not.toBeInstanceOf(PackedFiles);
    await new Promise((r) => setTimeout(r, 50));
    const kept = await handle.engine();
    expect(kept.customers).toBeInstanceOf(PackedFiles);
    expect((kept.customers as PackedFiles).closed).toBe(kept.customers.size);
    // Later keeps still wait for a quiet moment: five writes are due one, and it does not come.
    await registerSome(offices, 5, 600);
    await new Promise((r) => setTimeout(r, 50));
    expect((await handle.engine()).customers).toBe(kept.customers);
    await offices.close(); // a clean stop keeps what waits
    expect((await readSnapshot(db, project))?.seq).toBe(office.facts.length + 5);
  });

  it('reads that open many customer files are followed by a keep that closes them, though no entry was added', async () => {
    const db = await loaded();
    await (await restart(db)).offices.close(); // a snapshot to start from
    const offices = await openSqlOffices(db, { secret: SECRET, listen: false, snapshots: { minFacts: 100, every: 500, maxOpened: 40, quiet: { checkMs: 5, maxWaitMs: 20 } } });
    const handle = (await offices.open(project))!;
    const restored = await handle.engine();
    const files = restored.customers as PackedFiles;
    const phones = [...files.keys()];
    // A file opens its broker reports too: count what is open, not the files.
    const openUntil = (n: number): void => {
      while (valuesOpened(restored) < n) files.get(phones.shift()!);
    };
    openUntil(30);
    await handle.engine();
    await new Promise((r) => setTimeout(r, 100));
    expect(await handle.engine()).toBe(restored); // under the bound
    openUntil(40);
    await handle.engine(); // the read that finds 40 open
    let now = restored;
    for (let i = 0; i < 200 && now === restored; i++) {
      await new Promise((r) => setTimeout(r, 10));
      now = await handle.engine();
    }
    expect(now).not.toBe(restored);
    expect((now.customers as PackedFiles).closed).toBe(now.customers.size);
    expect(now.lastSeq).toBe(restored.lastSeq);
    await sameAsFreshFold(db, offices);
    await offices.close();
  });

  it('a stale snapshot (the log went on without it) folds only the entries after it', async () => {
    const db = await loaded();
    const first = await restart(db);
    await first.offices.close();
    // Another process without snapshots writes on.
    const other = await openSqlOffices(db, { secret: SECRET, listen: false });
    await registerSome(other, 12, 100);
    await other.close();

    const second = await restart(db);
    expect(second.how).toEqual([{ from: 'snapshot', seq: office.facts.length, folded: 12 }]);
    await sameAsFreshFold(db, second.offices);
    await second.offices.close();
  });

  it('keeps a new snapshot every `every` entries, so a restart folds at most that many', async () => {
    const db = await loaded();
    const first = await restart(db);
    await registerSome(first.offices, 501, 200);
    await first.offices.close();
    // Taken once the 500th entry since the first snapshot was answered (a command may slip in before it is taken).
    const kept = (await readSnapshot(db, project))!;
    const total = office.facts.length + 501;
    expect(kept.seq).toBeGreaterThanOrEqual(office.facts.length + 500);
    const second = await restart(db);
    expect(second.how).toEqual([{ from: 'snapshot', seq: kept.seq, folded: total - kept.seq }]);
    await second.offices.close();
  });

  const spoilings: readonly { name: string; spoil: (db: Db) => Promise<unknown>; why: string }[] = [
    { name: 'a flipped byte in its body', why: 'sealed', spoil: async (db) => {
      const s = (await readSnapshot(db, project))!;
      const body = Buffer.from(s.body);
      body[body.length - 100] = (body[body.length - 100] as number) ^ 0x01;
      await db.run('UPDATE engine_snapshots SET body = ? WHERE project = ?', [body, project]);
    } },
    { name: 'its seq moved back', why: 'sealed', spoil: (db) => db.run('UPDATE engine_snapshots SET seq = seq - 1 WHERE project = ?', [project]) },
    { name: 'a format written by other code', why: 'format', spoil: (db) => db.run("UPDATE engine_snapshots SET format = 'engine-v0:older-code' WHERE project = ?", [project]) },
    { name: 'sealed properly but of another history (its head is not the log’s)', why: 'head', spoil: async (db) => {
      const s = (await readSnapshot(db, project))!;
      const opened = await openSnapshot(createVault(SECRET).keys, project, 'Asia/Shanghai', s);
      if (!opened.ok) throw new Error('should open');
      const other = await sealSnapshot(createVault(SECRET).keys, project, 'f'.repeat(64), opened.content);
      await db.run('UPDATE engine_snapshots SET head = ?, body = ? WHERE project = ?', [other.head, other.body, project]);
    } },
    { name: 'sealed under another secret', why: 'sealed', spoil: async (db) => {
      const s = (await readSnapshot(db, project))!;
      const mine = await openSnapshot(createVault(SECRET).keys, project, 'Asia/Shanghai', s);
      if (!mine.ok) throw new Error('should open');
      const theirs = await sealSnapshot(createVault('another-secret-0123456789').keys, project, s.head, mine.content);
      await db.run('UPDATE engine_snapshots SET body = ? WHERE project = ?', [theirs.body, project]);
    } },
  ];

  it.each(spoilings)('is not trusted with $name: the log is folded, and answers as a fresh fold', async ({ spoil, why }) => {
    const db = await loaded();
    await (await restart(db)).offices.close();
    await spoil(db);
    const second = await restart(db);
    expect(second.how).toEqual([{ from: 'log', folded: office.facts.length, snapshot: why }]);
    await sameAsFreshFold(db, second.offices);
    await registerSome(second.offices, 2, 300);
    await second.offices.close();
    // And the refold was kept as a good snapshot again.
    const third = await restart(db);
    expect(third.how[0]?.from).toBe('snapshot');
    await third.offices.close();
  });

  it('is deleted by an erasure (it holds the phone), and the next start folds the log without it', async () => {
    const db = await loaded();
    const first = await restart(db);
    const phone = [...first.engine.customers.keys()].find((k) => /^1\d{10}$/.test(k))!;
    const erased = await first.offices.erasePersonal(project, phone, MANAGER, 'u-approver', '客户要求删除');
    expect(erased.ok).toBe(true);
    await first.offices.close();
    const kept = await readSnapshot(db, project);
    // Either none, or one taken after the erasure: it no longer knows the phone.
    if (kept) {
      const opened = await openSnapshot(createVault(SECRET).keys, project, 'Asia/Shanghai', kept);
      expect(opened.ok && opened.content.engine.customers.has(phone)).toBe(false);
    }
    const second = await restart(db);
    expect(second.engine.customers.has(phone)).toBe(false);
    await sameAsFreshFold(db, second.offices);
    await second.offices.close();
  });

  it('names the code that wrote it', () => {
    expect(SNAPSHOT_FORMAT).toMatch(/^engine-v1:[\w-]{22}$/);
    expect(office.facts[0] as Fact).toMatchObject({ type: 'policySet' });
  });
});
