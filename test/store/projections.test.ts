// Projections maintained fact by fact equal the ones rebuilt from the log, after a long mixed history.
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/store/log/verify-log.ts';
import { readProjections } from '../../src/store/projections/projections.ts';
import { rebuildProjections } from '../../src/store/rebuild-projections.ts';
import { isToken } from '../../src/store/vault/vault-crypto.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { HISTORY_PHONES, mixedHistory } from './support/mixed-history.ts';
import { createProject, freshProject, SECRET } from './support/store-fixture.ts';

interface CustomerRow {
  token: string;
  name: string | null;
  owner: string | null;
  protected_until: number | null;
  household: string;
  as_of: number;
}

describe.each(DIALECTS)('projections on %s', (dialect) => {
  const place = scratch(dialect);

  it('rebuilt from the log, they equal the ones maintained fact by fact after a long mixed history', async () => {
    const { db, offices, office } = await freshProject(place);
    const other = await createProject(offices, 'p2'); // another project's rows must survive p1's rebuild
    const run = await mixedHistory(offices, office, { days: 8, perDay: 40 });
    await mixedHistory(offices, other, { days: 1, perDay: 10, seed: 3 });
    expect(run.recorded).toBeGreaterThan(150);

    const incremental = await readProjections(db, 'p1');
    const customers = incremental.customers as CustomerRow[];
    expect(customers.length).toBeGreaterThan(20);
    expect(customers.some((c) => c.owner !== null) && customers.some((c) => c.owner === null)).toBe(true);
    expect(customers.some((c) => c.owner === 'c6')).toBe(false); // the departure touched all of c6's customers
    expect(new Set(customers.map((c) => c.household)).size).toBeLessThan(customers.length); // some households
    expect((incremental.units as { order_token: string | null }[]).some((u) => u.order_token !== null)).toBe(true);
    expect(incremental.floor.length).toBe(1);

    // Each row says what the engine says at the row's instant.
    const engine = await office.engine();
    for (const key of engine.customers.keys()) {
      const token = isToken(key) ? key : await offices.phoneToken('p1', key);
      const row = customers.find((c) => c.token === token);
      expect(row, key).toBeDefined();
      const o = engine.ownership(key, row!.as_of);
      expect([row!.owner, row!.protected_until], key).toEqual([o.owner, o.protectedUntil]);
    }
    // Erased mid-history, then back: the old history under the retired token, the new record under a new one.
    const erased = (await office.facts(0)).find((f) => f.type === 'personalDataErased');
    expect(erased && engine.customers.has(erased.phone)).toBe(true);
    expect(engine.customers.get(HISTORY_PHONES[0] as string)?.name).toBe('周杰');
    expect(await offices.phoneToken('p1', HISTORY_PHONES[0] as string)).not.toBe(erased?.phone);

    const otherBefore = await readProjections(db, 'p2');
    const reports = await rebuildProjections(db, { secret: SECRET, project: 'p1' });
    expect(reports).toEqual([{ project: 'p1', facts: engine.lastSeq, customers: customers.length, units: incremental.units.length }]);
    expect(await readProjections(db, 'p1')).toEqual(incremental);
    expect(await readProjections(db, 'p2')).toEqual(otherBefore);
    await rebuildProjections(db, { secret: SECRET });
    expect(await readProjections(db, 'p1')).toEqual(incremental);
    expect((await verifyLog(db)).ok).toBe(true);
    await offices.close();
  });
});
