// Before/after figures, from one run, for the store changes the sales-group benchmark led to: each old path
// (still in the code, or reproduced here exactly as it was) beside the new one, on the same data.
//
//   node --import tsx bench/store-changes.bench.ts [--db sqlite,postgres]
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Recorded } from '../src/core/facts.ts';
import { entryPages, hasEntriesAfter, readEntries } from '../src/store/log/event-log.ts';
import { factPages, foldAndDefer, foldAndProject, newOfficeState } from '../src/store/office-state.ts';
import type { ProjectInfo } from '../src/store/offices.ts';
import { DeferredProjection, memorySink } from '../src/store/projections/projections.ts';
import type { Dialect } from '../src/store/sql/db.ts';
import { openSqlOffices } from '../src/store/sql-offices.ts';
import { createVault, openEntries } from '../src/store/vault/personal-vault.ts';
import { bulkLoadOffice } from './bulk-load.ts';
import { generateOffice, planGroup, SCALES, typedPhone, unknownPhone, ZONE } from './group-history.ts';
import { openPlace } from './group-places.ts';
import { fmt, nowNs, sig } from './group-stats.ts';
import { createHash } from 'node:crypto';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite,postgres' } } });
const dialects = (values.db as string).split(',') as Dialect[];
const secret = createHash('sha256').update('anchang-bench:store-changes').digest();
const vault = createVault(secret);
const root = mkdtempSync(join(tmpdir(), 'anchang-store-changes-'));
const plans = planGroup(SCALES.small!, 20250301).slice(0, 2);
const rows: { change: string; store: string; before: string; after: string; gain: string }[] = [];
const add = (change: string, store: string, before: number, after: number, unit: string, higherIsBetter: boolean) =>
  rows.push({ change, store, before: `${sig(before)} ${unit}`, after: `${sig(after)} ${unit}`, gain: `${sig(higherIsBetter ? after / before : before / after)}×` });

const perCall = async (n: number, f: () => unknown): Promise<number> => {
  for (let i = 0; i < Math.min(1_000, n); i++) await f();
  const t0 = nowNs();
  for (let i = 0; i < n; i++) await f();
  return (nowNs() - t0) / n / 1e3;
};

for (const dialect of dialects) {
  const place = await openPlace(dialect, root, false);
  try {
    for (const plan of plans) await bulkLoadOffice([place.db], vault, generateOffice(plan));
    const store = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const info: ProjectInfo = { id: (plans[0] as (typeof plans)[number]).id, name: 'p', zone: ZONE };
    const head = (plans[0] as (typeof plans)[number]).facts;
    console.log(`[${store}] ${fmt(plans.reduce((n, p) => n + p.facts, 0))} facts loaded`);

    // 1. Prepared statements: prepared per call (as SqliteDb did) against the connection's cache.
    if (place.raw.dialect === 'sqlite') {
      const native = place.raw.native;
      const sql = 'SELECT project, seq, at, type, actor, body, prev_hash, hash FROM events WHERE project = ? AND seq > ? ORDER BY seq LIMIT ?';
      const cached = native.prepare(sql);
      const before = await perCall(50_000, () => native.prepare(sql).all(info.id, head, 2000));
      const after = await perCall(50_000, () => cached.all(info.id, head, 2000));
      add('statement cache (a catch-up that finds nothing, raw driver)', store, before, after, 'µs', false);
    }

    // 2. Catching up when nothing is new: the page query (as catchUp did) against the index probe.
    const before2 = await perCall(dialect === 'sqlite' ? 50_000 : 5_000, () => readEntries(place.db, info.id, head, 2000));
    const after2 = await perCall(dialect === 'sqlite' ? 50_000 : 5_000, () => hasEntriesAfter(place.db, info.id, head));
    add('catch-up with nothing new (every engine() and command)', store, before2, after2, 'µs', false);

    // 3. Reading a log to fold it: every column, 2,000 a page, keys into the shared cache (as before) against
    //    the folding columns, 5,000 a page, keys held for the read only.
    const readOld = async () => {
      const v = createVault(secret);
      let n = 0;
      for await (const entries of entryPages(place.db, info.id)) n += (await openEntries(place.db, v, entries)).length;
      return n;
    };
    const readNew = async () => {
      const v = createVault(secret);
      let n = 0;
      for await (const page of factPages(place.db, v, info.id, 0)) n += page.length;
      return n;
    };
    const time = async (f: () => Promise<number>) => {
      await f();
      const t0 = performance.now();
      const n = await f();
      return n / ((performance.now() - t0) / 1000);
    };
    add('reading a log to fold it (engine load, rebuild, timelines)', store, await time(readOld), await time(readNew), 'facts/s', true);

    // 4. Projecting a whole log in memory (a rebuild): every fact's rows (as before) against the deferred projection.
    const facts: Recorded[] = [];
    for await (const page of factPages(place.db, createVault(secret), info.id, 0)) for (const { fact } of page) facts.push(fact);
    const projectOld = async () => {
      const state = newOfficeState(info, facts[0] as Recorded, vault);
      const sink = memorySink();
      for (const f of facts) await foldAndProject(state, f, '', sink);
      return facts.length;
    };
    const projectNew = async () => {
      const state = newOfficeState(info, facts[0] as Recorded, vault);
      const projection = new DeferredProjection(memorySink());
      for (const f of facts) foldAndDefer(state, f, '', projection);
      projection.finish(state.engine, state.tokenOf);
      return facts.length;
    };
    add('projecting a whole log (rebuild), fold included', store, await time(projectOld), await time(projectNew), 'facts/s', true);

    // 5. Group commit: registrations one after another (each its own transaction: what 200 clients at once got
    //    before, since a project's commands ran one at a time) against 200 in flight sharing transactions.
    const offices = await openSqlOffices(place.db, { secret, listen: false });
    const office = (await offices.open(info.id))!;
    const engine = await office.engine();
    const by = [...engine.staff.values()].find((s) => s.role === 'consultant' && !engine.departed.has(s.id))!.id;
    let i = 0;
    const register = () => office.execute({ do: 'register', by, via: 'visit', phone: typedPhone(unknownPhone(plans[0]!, 400_000 + i++), 0.3), name: '王先生', gender: 'M', needs: '三房' }, { kind: 'user', id: 'u-bench' });
    const n = dialect === 'sqlite' ? 2_000 : 1_000;
    let t0 = performance.now();
    for (let k = 0; k < n; k++) await register();
    const sequential = n / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 200 }, async () => {
      while (next++ < n) await register();
    }));
    const grouped = n / ((performance.now() - t0) / 1000);
    await offices.close();
    add('registrations, 200 clients at once (group commit)', store, sequential, grouped, '/s', true);
  } finally {
    await place.drop();
  }
}
rmSync(root, { recursive: true, force: true });

const w = (k: keyof (typeof rows)[number]) => Math.max(k.length, ...rows.map((r) => r[k].length));
const cols = ['change', 'store', 'before', 'after', 'gain'] as const;
console.log(`\n${cols.map((c) => c.padEnd(w(c))).join('  ')}`);
for (const r of rows) console.log(cols.map((c) => (c === 'change' || c === 'store' ? r[c].padEnd(w(c)) : r[c].padStart(w(c)))).join('  '));
console.log(`\n| change | store | before | after | gain |\n|---|---|---:|---:|---:|\n${rows.map((r) => `| ${r.change} | ${r.store} | ${r.before} | ${r.after} | ${r.gain} |`).join('\n')}`);
const today = new Date();
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `${today.toISOString().slice(0, 10)}-store-changes.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: today.toISOString(), rows }, null, 2) + '\n');
console.log(`Wrote ${out}`);
