// Issue 11.4, must show: a generated 100,000-row paper register with 3% bad rows — exactly those rows are
// rejected, each with the reason it was made to have; the rest are committed once; a second run of the same
// file commits nothing.
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitRegisterImport } from '../../src/app/register-import/commit-register-import.ts';
import { suggestRegisterMapping } from '../../src/app/register-import/register-columns.ts';
import { importContextOf, planRegisterImport, type RegisterImportPlan } from '../../src/app/register-import/register-import-plan.ts';
import type { Command } from '../../src/app/commands.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { readRegisterSheet } from '../../src/import/read-register-sheet.ts';
import { MemoryOffices } from '../../src/store/memory-offices.ts';
import { SYSTEM, type OfficeHandle } from '../../src/store/offices.ts';
import { at, ZONE } from '../support/office.ts';
import { registerCsv, registerSheet, type RegisterSheet } from '../support/register-sheet.ts';

const ROWS = 100_000;
const CONSULTANTS = [['A', '王磊'], ['B', '李娜'], ['C', '张伟'], ['D', '刘洋'], ['E', '陈静'], ['G', '杨帆']] as const;
const NOW = at('2026-12-01 12:00');

function planned(plan: RegisterImportPlan) {
  if (!plan.ok) throw new Error(`mapping refused: ${plan.mappingProblems.map((p) => p.code).join(', ')}`);
  return plan;
}

describe(`a ${ROWS.toLocaleString()}-row paper register with 3% bad rows`, () => {
  let handle: OfficeHandle;
  let sheet: RegisterSheet;
  let bytes: Buffer;
  const execute = (command: Command) => handle.execute(command, { kind: 'user', id: 'u-manager' });

  beforeAll(async () => {
    const offices = new MemoryOffices(() => NOW);
    handle = await offices.create({ id: 'p', name: 'p', zone: ZONE }, STANDARD_POLICY, SYSTEM, { at: at('2026-11-01 09:00') });
    for (const [id, name] of CONSULTANTS) await handle.execute({ do: 'addStaff', staff: { id, role: 'consultant', name } }, SYSTEM, { at: at('2026-11-01 09:00') });
    await handle.execute({ do: 'addStaff', staff: { id: 'M', role: 'manager', name: '赵经理' } }, SYSTEM, { at: at('2026-11-01 09:00') });
    // The office went live a month ago: 500 customers are in the live register already.
    const live = Array.from({ length: 500 }, (_, i) => ({ phone: `1390${String(i).padStart(7, '0')}`, at: at('2026-11-30 10:00') + i * 60_000 }));
    for (const [i, l] of live.entries()) {
      const done = await handle.execute({ do: 'register', by: CONSULTANTS[i % CONSULTANTS.length]?.[0] as string, via: 'visit', phone: l.phone, name: '孙先生', needs: '两房' }, SYSTEM, { at: l.at });
      expect(done.ok).toBe(true);
    }
    sheet = registerSheet({ rows: ROWS, badFraction: 0.03, consultants: CONSULTANTS.map(([, name]) => name), now: NOW, zone: ZONE, live });
    bytes = registerCsv(sheet);
  }, 120_000);

  it('rejects exactly the bad rows with their reasons, commits the rest once, and a second run commits nothing', async () => {
    let t = performance.now();
    const read = await readRegisterSheet(bytes);
    if (!read.ok) throw new Error(read.code);
    const readMs = performance.now() - t;
    const mapping = suggestRegisterMapping(read.grid.headers);
    expect(mapping.missing).toEqual([]);
    t = performance.now();
    const first = planned(planRegisterImport(read.grid, mapping, importContextOf(await handle.engine(), NOW)));
    const planMs = performance.now() - t;

    expect(sheet.bad.size).toBe(ROWS * 0.03);
    expect(new Map(first.rejects.map((r) => [r.rowNo, r.reasons[0]?.code]))).toEqual(sheet.bad);
    for (const r of first.rejects) expect(r.reasons).toHaveLength(1);
    expect(first.entries).toHaveLength(ROWS - sheet.bad.size);
    expect(first.alreadyImported).toEqual([]);

    t = performance.now();
    const committed = await commitRegisterImport(execute, first.entries, 'batch-1', 'M');
    const commitMs = performance.now() - t;
    expect(committed).toEqual({ committed: ROWS - sheet.bad.size, alreadyImported: [], refused: [] });
    const engine = await handle.engine();
    expect(engine.importedEntries.size).toBe(ROWS - sheet.bad.size);

    // The same file again: every good row is recognised as imported, the bad ones are rejected as before.
    const second = planned(planRegisterImport(read.grid, mapping, importContextOf(engine, NOW)));
    expect(second.entries).toEqual([]);
    expect(second.alreadyImported).toEqual(first.entries.map((e) => e.rowNo));
    expect(new Map(second.rejects.map((r) => [r.rowNo, r.reasons[0]?.code]))).toEqual(sheet.bad);
    const lastSeq = engine.lastSeq;
    expect(await commitRegisterImport(execute, second.entries, 'batch-2', 'M')).toEqual({ committed: 0, alreadyImported: [], refused: [] });
    // And committing the first run's entries again (a stale dry run) records nothing either: the command refuses them.
    const stale = await commitRegisterImport(execute, first.entries.slice(0, 1000), 'batch-3', 'M');
    expect(stale.committed).toBe(0);
    expect(stale.alreadyImported).toHaveLength(1000);
    expect((await handle.engine()).lastSeq).toBe(lastSeq);
    console.log(`${ROWS} rows (${(bytes.length / 1024 / 1024).toFixed(1)} MiB csv): read ${readMs.toFixed(0)} ms, dry run ${planMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms (memory store)`);
  }, 300_000);
});
