// An engine put back from its snapshot holds its customer files, broker reports, register entries and arrivals
// as bytes until asked for (issue 13), with the objects two fields share saved once. Every scenario of the rule
// book is folded whole, and again with a snapshot taken and put back at several points along its log (each
// later snapshot taken with some values still closed): the two must end in the same state, and the shared
// objects must still be shared (a CH-9 visit written through a report record is read through the customer file).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.ts';
import { openingOffice, runScenario } from '../../src/scenario/run-scenario.ts';
import { parseScenario } from '../../src/scenario/scenario-file.ts';
import { collectScenarioFiles } from '../../src/scenario/scenario-runner.ts';
import { replay } from '../../src/store/memory-store.ts';
import { captureEngine, openSnapshot, sealSnapshot } from '../../src/store/snapshots/engine-snapshot.ts';
import { PackedMap } from '../../src/store/snapshots/packed-map.ts';
import { createVault } from '../../src/store/vault/personal-vault.ts';
import { SECRET } from './support/store-fixture.ts';

const keys = createVault(SECRET).keys;
const { files } = collectScenarioFiles(['scenarios', '../shared/spec/examples', '../shared/spec/examples-1.1']);

async function roundTrip(engine: Engine): Promise<Engine> {
  const content = { engine, parties: { day: '', bySeq: new Map() }, retired: new Set<string>() };
  const opened = await openSnapshot(keys, 'p1', engine.zone, await sealSnapshot(keys, 'p1', 'h', content));
  if (!opened.ok) throw new Error(`the snapshot did not open: ${opened.why}`);
  return opened.content.engine;
}

/** Every shared object is its owner's: the files' and the masked reports' records, the brokers' report lists, the live orders. */
function expectShared(engine: Engine): void {
  const book = engine.channelBook;
  for (const file of engine.customers.values()) for (const r of file.reports) expect(r).toBe(book.records.get(r.seq));
  for (const list of book.reportsByBroker.values()) for (const e of list) expect(e).toBe(book.reports.get(e.seq));
  for (const order of engine.orders.values()) expect(order).toBe(engine.allOrders.get(order.id));
  const masked = (engine as unknown as { maskedReports: Map<string, Map<string, { seq: number }[]>> }).maskedReports;
  for (const bySurname of masked.values()) for (const list of bySurname.values()) for (const r of list) expect(r).toBe(book.records.get(r.seq));
}

describe('an engine put back from its snapshot, at points along every scenario', () => {
  it('finds the scenarios', () => expect(files.length).toBeGreaterThan(100));

  it.each(files)('%s', async (file) => {
    const scenario = parseScenario(file, readFileSync(file, 'utf8'));
    const office = openingOffice(scenario);
    runScenario(scenario, office);
    const log = office.log;
    const whole = replay(log, scenario.policy, scenario.zone);
    const points = new Set([Math.floor(log.length / 4), Math.floor(log.length / 2), Math.floor((3 * log.length) / 4), log.length]);
    let engine = replay(log.slice(0, Math.floor(log.length / 4)), scenario.policy, scenario.zone);
    let at = Math.floor(log.length / 4);
    let packed = 0;
    for (const point of [...points].sort((a, b) => a - b)) {
      for (; at < point; at++) engine.apply(log[at]!);
      engine = await roundTrip(engine);
      expect(engine.customers).toBeInstanceOf(PackedMap);
      packed += (engine.customers as PackedMap<string, unknown>).closed;
    }
    expect(engine.lastSeq).toBe(whole.lastSeq);
    expect(captureEngine(engine)).toEqual(captureEngine(whole));
    expectShared(engine);
    if (whole.customers.size > 0) expect(packed).toBeGreaterThan(0);
  });
});
