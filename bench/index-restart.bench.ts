// A restarted server's first monthly report on the sales group's largest office (137,500 facts): the engine is
// loaded, then the customer index is put back from its saved state and the consultants' month is answered.
// Each round is a new process (a restart); the state is written once by this code before the rounds, so two
// checkouts of the repository can be compared on the same data (run this in each).
//
//   node --import tsx bench/index-restart.bench.ts [--db sqlite,postgres] [--rounds 5]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CustomerIndexes } from '../src/app/customer-index.ts';
import { monthOf, monthRange } from '../src/app/performance.ts';
import { monthOfConsultants } from '../src/app/register.queries.ts';
import type { Dialect } from '../src/store/sql/db.ts';
import { openPostgres } from '../src/store/sql/postgres-db.ts';
import { openSqlite } from '../src/store/sql/sqlite-db.ts';
import { openSqlOffices } from '../src/store/sql-offices.ts';
import { createVault } from '../src/store/vault/personal-vault.ts';
import { bulkLoadOffice } from './bulk-load.ts';
import { generateOffice, planGroup, SCALES, ZONE } from './group-history.ts';
import { openPlace } from './group-places.ts';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite,postgres' }, rounds: { type: 'string', default: '5' }, child: { type: 'string' }, where: { type: 'string' } } });
const secret = createHash('sha256').update('anchang-bench:index-restart').digest();
const plan = planGroup(SCALES.full!, 20250301).reduce((a, b) => (b.facts > a.facts ? b : a));

/** One restart: the office's engine, then the index from its saved state and the month's report, timed. */
async function round(dialect: Dialect, where: string): Promise<void> {
  const db = dialect === 'sqlite' ? openSqlite(where) : openPostgres(where, { max: 10 });
  const offices = await openSqlOffices(db, { secret, listen: false, snapshots: {} });
  const handle = (await offices.open(plan.id))!;
  const engine = await handle.engine();
  const range = monthRange(monthOf(engine.lastAt, ZONE), ZONE)!;
  const t = performance.now();
  const indexes = new CustomerIndexes();
  const index = await indexes.caughtUp(handle);
  monthOfConsultants(engine, index, range, engine.lastAt);
  const ms = performance.now() - t;
  await indexes.settle();
  await offices.close();
  process.stdout.write(JSON.stringify({ ms, putBack: index.savedSeq === index.seq }));
}

if (values.child) {
  await round(values.child as Dialect, values.where as string);
} else {
  const root = mkdtempSync(join(tmpdir(), 'anchang-index-restart-'));
  const self = fileURLToPath(import.meta.url);
  for (const dialect of (values.db as string).split(',') as Dialect[]) {
    const place = await openPlace(dialect, root, false);
    try {
      await (await openSqlOffices(place.db, { secret, listen: false })).close(); // migrates
      await bulkLoadOffice([place.db], createVault(secret), generateOffice(plan));
      const where = place.databaseUrl ?? join(place.dataDir, 'anchang.db');
      const run = () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--child', dialect, '--where', where], { encoding: 'utf8' })) as { ms: number; putBack: boolean };
      run(); // folds the log and keeps the index's state, in this code's format
      const times: number[] = [];
      for (let i = 0; i < Number(values.rounds); i++) {
        const r = run();
        if (!r.putBack) throw new Error('the index was not put back from its saved state');
        times.push(r.ms);
      }
      const sorted = [...times].sort((a, b) => a - b);
      console.log(`${dialect}: first monthly report after a restart, ${plan.facts.toLocaleString('en-US')} facts: ${times.map((t) => Math.round(t)).join(', ')} ms; median ${Math.round(sorted[sorted.length >> 1] as number)} ms`);
    } finally {
      await place.drop();
    }
  }
  rmSync(root, { recursive: true, force: true });
}
