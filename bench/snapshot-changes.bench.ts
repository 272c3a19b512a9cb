// Before/after, in one run, of this round's cold-start changes on the sales group's largest office (137,500
// facts): the engine snapshot read whole and uncompressed (as it was) against compressed and, on PostgreSQL,
// read in parts; and the API's customer index folded from the log (as every restart did) against put back
// from its saved state. Each path is timed three times, alternating, and the median kept.
//
//   node --import tsx bench/snapshot-changes.bench.ts [--db sqlite,postgres]
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { CustomerIndex, CustomerIndexes } from '../src/app/customer-index.ts';
import { loadOffice } from '../src/store/office-state.ts';
import { captureEngine, openSnapshot, sealSnapshot } from '../src/store/snapshots/engine-snapshot.ts';
import { openBytes, sealBytes, sealingKey } from '../src/store/snapshots/sealed-bytes.ts';
import { readSnapshot } from '../src/store/snapshots/snapshot-store.ts';
import type { Dialect } from '../src/store/sql/db.ts';
import { openSqlOffices } from '../src/store/sql-offices.ts';
import { createVault } from '../src/store/vault/personal-vault.ts';
import { bulkLoadOffice } from './bulk-load.ts';
import { generateOffice, planGroup, SCALES, ZONE } from './group-history.ts';
import { openPlace } from './group-places.ts';
import { sig } from './group-stats.ts';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite,postgres' } } });
const dialects = (values.db as string).split(',') as Dialect[];
const secret = createHash('sha256').update('anchang-bench:snapshot-changes').digest();
const root = mkdtempSync(join(tmpdir(), 'anchang-snapshot-changes-'));
const plan = planGroup(SCALES.full!, 20250301).reduce((a, b) => (b.facts > a.facts ? b : a));
const rows: { change: string; store: string; before: string; after: string; gain: string; note: string }[] = [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
async function alternate(before: () => Promise<unknown>, after: () => Promise<unknown>): Promise<[number, number]> {
  const b: number[] = [];
  const a: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    await before();
    b.push(performance.now() - t);
    t = performance.now();
    await after();
    a.push(performance.now() - t);
  }
  return [median(b), median(a)];
}

for (const dialect of dialects) {
  const store = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const place = await openPlace(dialect, root, false);
  try {
    await (await openSqlOffices(place.db, { secret, listen: false })).close(); // migrates
    await bulkLoadOffice([place.db], createVault(secret), generateOffice(plan));
    const vault = createVault(secret);
    const state = (await loadOffice(place.db, vault, { id: plan.id, name: plan.name, zone: ZONE }))!;
    console.log(`[${store}] ${plan.facts.toLocaleString('en-US')} facts, ${state.engine.customers.size.toLocaleString('en-US')} customers`);

    // 1. The engine snapshot: as it was (one uncompressed sealed body, read whole) and as it is now.
    const key = sealingKey(vault.keys, 'anchang/bench-before');
    const plain = serialize({ engine: captureEngine(state.engine), parties: state.parties, retired: [...state.retired] });
    const oldBody = sealBytes(key, 'before', plain);
    await place.db.exec('CREATE TABLE bench_snapshot_before (project TEXT PRIMARY KEY, body ' + (dialect === 'sqlite' ? 'BLOB' : 'BYTEA') + ' NOT NULL)');
    await place.db.run('INSERT INTO bench_snapshot_before (project, body) VALUES (?, ?)', [plan.id, oldBody]);
    const sealed = await sealSnapshot(vault.keys, plan.id, state.head, state);
    await place.db.run('INSERT INTO engine_snapshots (project, seq, head, format, taken_at, body) VALUES (?, ?, ?, ?, ?, ?)', [plan.id, sealed.seq, sealed.head, sealed.format, 0, sealed.body]);
    const before = async () => {
      const row = (await place.db.get<{ body: Buffer }>('SELECT body FROM bench_snapshot_before WHERE project = ?', [plan.id]))!;
      deserialize(openBytes(key, 'before', Buffer.from(row.body)));
    };
    const after = async () => {
      const opened = await openSnapshot(vault.keys, plan.id, ZONE, (await readSnapshot(place.db, plan.id))!);
      if (!opened.ok) throw new Error(`snapshot did not open: ${opened.why}`);
    };
    const [b1, a1] = await alternate(before, after);
    rows.push({ change: 'engine snapshot read and opened (compressed; PostgreSQL in 1 MiB parts)', store, before: `${sig(b1)} ms`, after: `${sig(a1)} ms`, gain: `${sig(b1 / a1)}×`, note: `${(oldBody.length / 2 ** 20).toFixed(1)} MiB → ${(sealed.body.length / 2 ** 20).toFixed(1)} MiB stored` });

    // 2. The customer index of a restarted server: folded from the log, against put back from its saved state.
    const offices = await openSqlOffices(place.db, { secret, listen: false, snapshots: {} });
    const handle = (await offices.open(plan.id))!;
    const engine = await handle.engine();
    const first = new CustomerIndexes();
    (await first.caughtUp(handle)).ownershipBook(engine, engine.lastAt);
    await first.settle();
    const fromLog = async () => {
      const index = new CustomerIndex({ project: handle.project, facts: (after) => handle.facts(after) });
      await index.catchUp();
      index.ownershipBook(engine, engine.lastAt);
    };
    const fromSaved = async () => {
      const index = await new CustomerIndexes().caughtUp(handle);
      if (index.savedSeq !== engine.lastSeq) throw new Error('the index was not put back from its saved state');
      index.ownershipBook(engine, engine.lastAt);
    };
    const [b2, a2] = await alternate(fromLog, fromSaved);
    rows.push({ change: "a restarted server's customer index, its ownership book built (the first report, register or timeline)", store, before: `${sig(b2)} ms`, after: `${sig(a2)} ms`, gain: `${sig(b2 / a2)}×`, note: 'folded from the log → put back from its saved state' });
    await offices.close();
  } finally {
    await place.drop();
  }
}
rmSync(root, { recursive: true, force: true });

console.log(`\n| change | store | before | after | gain | |\n|---|---|---:|---:|---:|---|\n${rows.map((r) => `| ${r.change} | ${r.store} | ${r.before} | ${r.after} | ${r.gain} | ${r.note} |`).join('\n')}`);
const today = new Date();
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `${today.toISOString().slice(0, 10)}-snapshot-changes.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: today.toISOString(), facts: plan.facts, rows }, null, 2) + '\n');
console.log(`Wrote ${out}`);
