// An office-sized unit list end to end: a 5,000-unit .xlsx read and planned in one step, a sheet with
// 3% bad rows refused whole naming exactly those rows, and a re-import that changes nothing.
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { planImport, suggestMapping, type ImportPlan } from '../../src/app/units/unit-import.ts';
import { readUnitSheet } from '../../src/import/read-unit-sheet.ts';
import { unitSheet, writeUnitXlsx, type UnitSheet } from '../support/unit-sheet.ts';

const UNITS = 5_000;

async function readAndPlan(bytes: Uint8Array, existing: Parameters<typeof planImport>[2] = []) {
  const t0 = performance.now();
  const read = await readUnitSheet(bytes);
  const t1 = performance.now();
  if (!read.ok) throw new Error(read.code);
  const plan = planImport(read.grid, suggestMapping(read.grid.headers), existing);
  const t2 = performance.now();
  return { plan, readMs: t1 - t0, planMs: t2 - t1 };
}

function accepted(plan: ImportPlan) {
  if (!plan.ok) throw new Error(`refused: ${plan.badRows.length} bad rows`);
  return plan;
}

describe(`a ${UNITS}-unit sheet`, () => {
  let good: UnitSheet;
  let goodBytes: Buffer;
  beforeAll(async () => {
    good = unitSheet({ units: UNITS, seed: 2026 });
    goodBytes = await writeUnitXlsx(good);
  });

  it('is read and planned in one step', async () => {
    const { plan, readMs, planMs } = await readAndPlan(goodBytes);
    const ok = accepted(plan);
    const buildings = new Set(good.units.map((u) => u.building)).size;
    const floors = Math.max(...good.units.map((u) => u.floor));
    console.log(`${UNITS} units (${buildings} buildings, up to ${floors} floors, ${(goodBytes.length / 1024).toFixed(0)} KiB .xlsx): read ${readMs.toFixed(0)} ms, plan ${planMs.toFixed(0)} ms`);
    expect(ok.add.map((a) => a.unit)).toEqual(good.units);
    expect(floors).toBeGreaterThanOrEqual(30);
    // Generous: two cores shared by several jobs; on an idle core it is a fraction of this.
    expect(readMs + planMs).toBeLessThan(20_000);
  });

  it('re-planned against the units it produced, adds and edits nothing', async () => {
    const first = accepted((await readAndPlan(goodBytes)).plan);
    const again = accepted((await readAndPlan(goodBytes, first.add.map((a) => a.unit))).plan);
    expect([again.add.length, again.edit.length, again.unchanged.length, again.absent.length]).toEqual([0, 0, UNITS, 0]);
  });

  it('with 3% bad rows, is refused whole, naming exactly those rows', async () => {
    const bad = unitSheet({ units: UNITS, seed: 2026, badFraction: 0.03 });
    expect(bad.bad).toHaveLength(150);
    const { plan } = await readAndPlan(await writeUnitXlsx(bad));
    if (plan.ok) throw new Error('accepted');
    expect(plan.badRows.map((b) => ({ rowNo: b.rowNo, code: b.problems.map((p) => p.code).join() }))).toEqual(bad.bad);
    expect(plan.rowCount).toBe(UNITS);
  });
});
