// Tamper trials over the log AND the vault (SEC-3, SEC-5, issue 14): many single alterations, each of one byte
// of one column of one row (an entry of `events`, a sealed value, a wrapped data key), chosen by a seeded
// generator. After each, `verifyLog` and `verifyVault` together must name it; after it is undone, both must
// say ok again (a false positive would be counted). RELIABILITY=heavy runs ten times as many.
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/store/log/verify-log.ts';
import type { Db, SqlValue } from '../../src/store/sql/db.ts';
import { int } from '../../src/store/sql/db.ts';
import { verifyVault } from '../../src/store/vault/verify-vault.ts';
import { deriveVaultKeys } from '../../src/store/vault/vault-crypto.ts';
import { HEAVY_TIMEOUT, scale } from '../support/reliability-scale.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { createProject, must, openOffices, phone, registration, SECRET } from './support/store-fixture.ts';

const TRIALS = scale(60, 600, 'ANCHANG_TAMPER_TRIALS');

/** A small deterministic generator (mulberry32), so a failing trial can be replayed by its number. */
function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
}

interface Target {
  readonly table: 'events' | 'personal_values' | 'personal_keys';
  readonly column: string;
  readonly where: string;
  readonly args: readonly SqlValue[];
  readonly original: SqlValue;
}

/** One byte changed: base64 columns are altered in their decoded bytes (a bad sector), text by one character. */
function alter(column: string, value: SqlValue, pick: (n: number) => number): SqlValue {
  if (typeof value === 'number') return value + 1 + pick(1000);
  const text = String(value);
  if (column === 'sealed' || column === 'wrapped') {
    const raw = Buffer.from(text, 'base64');
    const i = pick(raw.length);
    raw[i] = (raw[i] as number) ^ (1 << pick(8));
    return raw.toString('base64');
  }
  const i = pick(text.length);
  const c = text[i] as string;
  const swapped = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === 'a' ? 'b' : 'a';
  return text.slice(0, i) + swapped + text.slice(i + 1);
}

async function targets(db: Db): Promise<Target[]> {
  const out: Target[] = [];
  const events = await db.all<Record<string, unknown>>("SELECT * FROM events WHERE project = 'p1' ORDER BY seq");
  for (const e of events)
    for (const column of ['at', 'type', 'actor', 'body', 'prev_hash', 'hash'])
      out.push({ table: 'events', column, where: "project = 'p1' AND seq = ?", args: [int(e.seq)], original: column === 'at' ? int(e[column]) : String(e[column]) });
  const values = await db.all<{ seq: unknown; subject: string; sealed: string }>("SELECT seq, subject, sealed FROM personal_values WHERE project = 'p1'");
  for (const v of values) out.push({ table: 'personal_values', column: 'sealed', where: "project = 'p1' AND seq = ? AND subject = ?", args: [int(v.seq), v.subject], original: v.sealed });
  const keys = await db.all<{ subject: string; wrapped: string }>("SELECT subject, wrapped FROM personal_keys WHERE project = 'p1'");
  for (const k of keys) out.push({ table: 'personal_keys', column: 'wrapped', where: "project = 'p1' AND subject = ?", args: [k.subject], original: k.wrapped });
  return out;
}

describe.each(DIALECTS)('tamper trials on %s', (dialect) => {
  const place = scratch(dialect);

  it(`${TRIALS} single-byte alterations of the log and the vault: every one named, 0 false positives`, async () => {
    const { db } = await place.fresh();
    const offices = await openOffices(db);
    const office = await createProject(offices);
    for (let i = 0; i < 12; i++) await must(office, registration(`c${(i % 6) + 1}`, phone(i), i % 2 ? '李女士' : '王先生'));
    await must(office, { do: 'followUp', by: 'c1', phone: phone(0), reached: true });
    await offices.close();
    if (dialect === 'sqlite') await db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
    else await db.exec('ALTER TABLE events DISABLE TRIGGER USER');
    const keys = deriveVaultKeys(SECRET);
    const clean = async () => (await verifyLog(db)).ok && (await verifyVault(db, keys)).ok;
    expect(await clean()).toBe(true);

    const all = await targets(db);
    const kinds = new Set(all.map((t) => t.table));
    expect(kinds).toEqual(new Set(['events', 'personal_values', 'personal_keys']));
    const pick = generator(14);
    let detected = 0;
    let falsePositives = 0;
    const missed: string[] = [];
    const byTable = new Map<string, number>();
    for (let trial = 1; trial <= TRIALS; trial++) {
      // A third of the trials on each table, so the vault's few rows are tried as often as the log's many.
      const table = ['events', 'personal_values', 'personal_keys'][pick(3)];
      const ofTable = all.filter((x) => x.table === table);
      const t = ofTable[pick(ofTable.length)] as Target;
      const altered = alter(t.column, t.original, pick);
      await db.run(`UPDATE ${t.table} SET ${t.column} = ? WHERE ${t.where}`, [altered, ...t.args]);
      const log = await verifyLog(db);
      const vault = await verifyVault(db, keys);
      if (!log.ok || !vault.ok) detected++;
      else missed.push(`trial ${trial}: ${t.table}.${t.column} ${JSON.stringify(t.args)}`);
      byTable.set(t.table, (byTable.get(t.table) ?? 0) + 1);
      await db.run(`UPDATE ${t.table} SET ${t.column} = ? WHERE ${t.where}`, [t.original, ...t.args]);
      if (!(await clean())) falsePositives++;
    }
    console.log(`tamper trials (${dialect}): ${TRIALS} alterations (${[...byTable].map(([k, n]) => `${k} ${n}`).join(', ')}), ${detected} detected, ${falsePositives} false positives`);
    expect(missed).toEqual([]);
    expect(detected).toBe(TRIALS);
    expect(falsePositives).toBe(0);
  }, HEAVY_TIMEOUT);
});
