// The sales-group benchmark at its `ci` scale, on SQLite and PostgreSQL: a small group generated, bulk-loaded,
// verified, rebuilt, judged in-process and over HTTP, raced by brokers, reported on and written to. Only the
// counts are asserted (facts loaded, chains verified, rebuilt rows equal, one accepted report per phone…),
// never a time: machines differ. `npm run bench` runs the full scale and prints the figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGroupBench, SIZES } from '../../bench/group-bench.ts';
import { problemsOf } from '../../bench/group-checks.ts';
import { SCALES } from '../../bench/group-history.ts';
import { rowsOf } from '../../bench/group-table.ts';

describe('the sales-group benchmark at ci scale', () => {
  const root = mkdtempSync(join(tmpdir(), 'anchang-bench-ci-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads, verifies, rebuilds, judges, races and reports with exact counts on both databases', async () => {
    const scale = SCALES.ci!;
    const sizes = SIZES.ci!;
    const results = await runGroupBench({ scale, sizes, seed: 20250301, dialects: ['sqlite', 'postgres'], root });

    expect(problemsOf(results)).toEqual([]);
    expect(results.dataset.facts).toBe(scale.facts);
    expect(results.dataset.enginesAgree).toBe(true);
    for (const d of results.dialects) {
      expect(d.verify).toMatchObject({ ok: true, entries: scale.facts });
      expect(d.rebuild).toMatchObject({ equal: true, facts: scale.facts, projects: scale.offices });
      expect(d.server.race).toMatchObject({ failed: 0, accepted: sizes.race.phones, storedAccepted: sizes.race.phones, distinctAccepted: sizes.race.phones, storedReports: sizes.race.reports });
      expect(d.writes.writes).toBe(sizes.writes);
    }
    // Every measure has its row, for both stores.
    expect(rowsOf(results).filter((r) => r.store === 'SQLite').length).toBe(rowsOf(results).filter((r) => r.store === 'PostgreSQL').length);
  }, 120_000);
});
