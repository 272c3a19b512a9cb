// Every office of a kept benchmark store put back from its engine snapshot, three times, with the heap the engines
// hold: to compare two checkouts on the same data (run it in each). The store is copied first, and each office is
// given a snapshot written by this checkout's code before the rounds (a snapshot of other code is refolded once).
//
//   npm run bench -- --scale small --db sqlite --keep        # prints the data folder
//   node --import tsx bench/engine-restore.bench.ts <data folder>/sqlite/anchang.db
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readProjects } from '../src/store/log/event-log.ts';
import { openSqlite } from '../src/store/sql/sqlite-db.ts';
import { openSqlOffices, type LoadedFrom } from '../src/store/sql-offices.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const source = process.argv[2];
if (!source) throw new Error('usage: engine-restore.bench.ts <anchang.db of a kept benchmark store>');
// The group bench's store secret (bench/group-bench.ts, seed 20250301).
const secret = createHash('sha256').update('anchang-bench:20250301').digest();
const dir = mkdtempSync(join(tmpdir(), 'anchang-restore-'));
const file = join(dir, 'anchang.db');
copyFileSync(source, file);

async function opened(how: LoadedFrom[]) {
  const db = openSqlite(file);
  return { db, offices: await openSqlOffices(db, { secret, listen: false, snapshots: {}, onLoaded: (_p, h) => how.push(h) }) };
}

try {
  const prepared: LoadedFrom[] = [];
  const first = await opened(prepared);
  const projects = (await readProjects(first.db)).map((p) => p.id);
  for (const p of projects) await (await first.offices.open(p))!.engine();
  await first.offices.close(); // keeps every snapshot still waiting
  await first.db.close();
  console.log(`prepared ${projects.length} offices: ${prepared.map((h) => h.from).join(', ')}`);
  for (let round = 1; round <= 3; round++) {
    const how: LoadedFrom[] = [];
    const { db, offices } = await opened(how);
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const times: number[] = [];
    for (const p of projects) {
      const t = performance.now();
      await (await offices.open(p))!.engine();
      times.push(Math.round(performance.now() - t));
    }
    collectGarbage();
    const heap = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const from = how.every((h) => h.from === 'snapshot') ? 'all from snapshots' : `NOT all from snapshots: ${how.map((h) => h.from).join(', ')}`;
    console.log(`round ${round}: ${times.reduce((a, b) => a + b, 0)} ms (${times.join(' / ')}), heap +${heap.toFixed(0)} MiB held, ${from}`);
    await offices.close();
    await db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
