// Issue 11.4 on both databases: two managers (on PostgreSQL on two server processes) commit the same paper register at the
// same moment (both dry runs taken before either commit). Each entry is recorded exactly once — the import
// command refuses an entry the register has, under the project's lock — the log verifies, and a reload from
// the log answers ownership as the running engine does.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/app/commands.ts';
import { commitRegisterImport } from '../../src/app/register-import/commit-register-import.ts';
import { suggestRegisterMapping } from '../../src/app/register-import/register-columns.ts';
import { importContextOf, planRegisterImport } from '../../src/app/register-import/register-import-plan.ts';
import { readRegisterSheet } from '../../src/import/read-register-sheet.ts';
import { verifyLog } from '../../src/store/log/verify-log.ts';
import type { Actor } from '../../src/store/offices.ts';
import { at, ZONE } from '../support/office.ts';
import { registerCsv, registerSheet } from '../support/register-sheet.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { createProject, openOffices, testClock } from './support/store-fixture.ts';

const ROWS = 1_500;
const NOW = at('2026-03-02 12:00');
const STAFF = [
  { id: 'c1', role: 'consultant' as const, name: '王磊' },
  { id: 'c2', role: 'consultant' as const, name: '李娜' },
  { id: 'm1', role: 'manager' as const, name: '赵经理' },
  { id: 'm2', role: 'manager' as const, name: '钱经理' },
];

describe.each(DIALECTS)('register import races on %s', (dialect) => {
  const place = scratch(dialect);

  it('two managers committing one file at once record each entry once', async () => {
    const { db, place: where } = await place.fresh();
    const clock = testClock(NOW);
    const one = await openOffices(db, clock);
    await createProject(one, 'p1', STAFF);
    // PostgreSQL: a second process (its own pool and engine). SQLite: better-sqlite3 waits for a lock synchronously, so
    // two connections cannot contend inside one Node process — there the two commits interleave in one store's queue.
    const two = dialect === 'postgres' ? await openOffices(place.open(where), clock) : one;
    const [h1, h2] = [await one.open('p1'), await two.open('p1')];
    if (!h1 || !h2) throw new Error('no project');

    const read = await readRegisterSheet(registerCsv(registerSheet({ rows: ROWS, consultants: ['王磊', '李娜'], now: NOW, days: 300, zone: ZONE })));
    if (!read.ok) throw new Error(read.code);
    const mapping = suggestRegisterMapping(read.grid.headers);
    const plans = [planRegisterImport(read.grid, mapping, importContextOf(await h1.engine(), NOW)), planRegisterImport(read.grid, mapping, importContextOf(await h2.engine(), NOW))];
    const [p1, p2] = plans.map((p) => {
      if (!p.ok) throw new Error('refused');
      return p;
    }) as [Extract<(typeof plans)[0], { ok: true }>, Extract<(typeof plans)[0], { ok: true }>];
    expect(p1.entries).toHaveLength(ROWS);

    const as = (handle: typeof h1, user: string) => (command: Command) => handle.execute(command, { kind: 'user', id: user } satisfies Actor);
    const t = performance.now();
    const [r1, r2] = await Promise.all([commitRegisterImport(as(h1, 'u-m1'), p1.entries, 'b-m1', 'm1'), commitRegisterImport(as(h2, 'u-m2'), p2.entries, 'b-m2', 'm2')]);
    const ms = performance.now() - t;
    expect(r1.refused).toEqual([]);
    expect(r2.refused).toEqual([]);
    expect(r1.committed + r2.committed).toBe(ROWS);
    expect(r1.alreadyImported.length + r2.alreadyImported.length).toBe(ROWS);
    const rows = new Set([...r1.alreadyImported, ...r2.alreadyImported]);
    expect(rows.size).toBe(ROWS);

    const e1 = await h1.engine();
    const e2 = await h2.engine();
    expect(e1.importedEntries.size).toBe(ROWS);
    expect(e2.importedEntries.size).toBe(ROWS);
    expect((await verifyLog(db)).problems).toEqual([]);
    // A third process folding the log from scratch files every entry at its own time, as the running ones do.
    const fresh = await (await openOffices(place.open(where), clock)).open('p1');
    const e3 = await fresh?.engine();
    for (const key of [...e1.customers.keys()].slice(0, 200)) expect(e3?.ownership(key, NOW)).toEqual(e1.ownership(key, NOW));
    console.log(`${dialect}: two concurrent commits of ${ROWS} rows in ${ms.toFixed(0)} ms (${Math.round((ROWS * 2) / (ms / 1000))} commands/s)`);
  }, 240_000);
});
