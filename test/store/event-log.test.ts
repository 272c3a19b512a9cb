// The event log on both databases: append-only at the database, and every alteration, gap, reorder,
// truncation or rewrite named by verify (SEC-3).
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS } from '../../src/store/log/event-log.ts';
import { readHeads, verifyLog } from '../../src/store/log/verify-log.ts';
import type { Db } from '../../src/store/sql/db.ts';
import { int } from '../../src/store/sql/db.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { createProject, must, openOffices, phone, registration } from './support/store-fixture.ts';

interface Row {
  project: string;
  seq: number;
  at: number;
  type: string;
  actor: string;
  body: string;
  prev_hash: string;
  hash: string;
}

const rows = async (db: Db, project = 'p1'): Promise<Row[]> =>
  (await db.all<Row>('SELECT * FROM events WHERE project = ? ORDER BY seq', [project])).map((r) => ({ ...r, seq: int(r.seq), at: int(r.at) }));

/** What an intruder with database access does first: switch the append-only triggers off. */
async function disableGuards(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') await db.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER events_refuse_delete;');
  else await db.exec('ALTER TABLE events DISABLE TRIGGER USER');
}

/** The same text with one character changed at `i` (digits stay digits, so numbers stay numbers). */
function flip(text: string, i: number): string {
  const c = text[i % text.length] as string;
  const swapped = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === 'a' ? 'b' : 'a';
  return text.slice(0, i % text.length) + swapped + text.slice((i % text.length) + 1);
}

describe.each(DIALECTS)('event log on %s', (dialect) => {
  const place = scratch(dialect);

  async function history(db: Db) {
    const offices = await openOffices(db);
    const office = await createProject(offices);
    for (let i = 0; i < 4; i++) await must(office, registration(`c${i + 1}`, phone(i)));
    await must(office, { do: 'followUp', by: 'c1', phone: phone(0), reached: true });
    await offices.close();
    return rows(db);
  }

  it('refuses UPDATE and DELETE at the database', async () => {
    const { db } = await place.fresh();
    const log = await history(db);
    await expect(db.run("UPDATE events SET body = '{}' WHERE seq = 2")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM events WHERE seq = ?', [log.length])).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(db.exec('TRUNCATE events CASCADE')).rejects.toThrow(/append-only/);
    expect(await rows(db)).toEqual(log);
  });

  it('a clean log verifies, with its length and head per project', async () => {
    const { db } = await place.fresh();
    const log = await history(db);
    const report = await verifyLog(db);
    expect(report.ok).toBe(true);
    const head = log[log.length - 1] as Row;
    expect(report.chains).toEqual([{ project: 'p1', length: log.length, head: head.hash, problem: null }]);
    expect(await readHeads(db)).toEqual([{ project: 'p1', seq: head.seq, hash: head.hash }]);
    expect(log[0]?.prev_hash).toBe(GENESIS);
    expect(log.every((r) => entryHash({ ...r, prevHash: r.prev_hash }) === r.hash)).toBe(true);
  });

  it('altering any byte of any column of any entry is named by verify', async () => {
    const { db } = await place.fresh();
    const log = await history(db);
    await disableGuards(db);
    const columns = ['at', 'type', 'actor', 'body', 'prev_hash', 'hash', 'seq'] as const;
    for (const entry of log) {
      for (const column of columns) {
        const original = entry[column];
        const altered = typeof original === 'number' ? original + 1000 : flip(original, entry.seq * 7 + column.length);
        const where = column === 'seq' ? altered : entry.seq;
        await db.run(`UPDATE events SET ${column} = ? WHERE project = 'p1' AND seq = ?`, [altered, entry.seq]);
        const report = await verifyLog(db);
        expect(report.ok, `${column} of entry ${entry.seq}`).toBe(false);
        expect(report.problems[0], `${column} of entry ${entry.seq}`).toMatchObject({ project: 'p1', seq: entry.seq });
        await db.run(`UPDATE events SET ${column} = ? WHERE project = 'p1' AND seq = ?`, [original, where]);
      }
    }
    expect((await verifyLog(db)).ok).toBe(true);
  });

  it('a missing entry in the middle, and a reorder, are named', async () => {
    const { db } = await place.fresh();
    const log = await history(db);
    await disableGuards(db);
    // Swap entries 3 and 4 by their seq: each now stands where the other was appended.
    await db.run("UPDATE events SET seq = -1 WHERE project = 'p1' AND seq = 3");
    await db.run("UPDATE events SET seq = 3 WHERE project = 'p1' AND seq = 4");
    await db.run("UPDATE events SET seq = 4 WHERE project = 'p1' AND seq = -1");
    expect((await verifyLog(db)).problems).toEqual([expect.objectContaining({ project: 'p1', seq: 3, kind: 'reordered' })]);
    await db.run("DELETE FROM events WHERE project = 'p1' AND seq = 3");
    expect((await verifyLog(db)).problems).toEqual([expect.objectContaining({ project: 'p1', seq: 3, kind: 'missing' })]);
    expect(log.length).toBeGreaterThan(4);
  });

  it('deleting the last entries, or rewriting the whole chain, is caught against a kept head', async () => {
    const { db } = await place.fresh();
    const log = await history(db);
    const kept = await readHeads(db);
    await disableGuards(db);
    await db.run("DELETE FROM events WHERE project = 'p1' AND seq > ?", [log.length - 2]);
    expect((await verifyLog(db)).ok).toBe(true); // a shorter chain is still a chain…
    const truncated = await verifyLog(db, { expectHead: kept });
    expect(truncated.problems).toEqual([expect.objectContaining({ project: 'p1', seq: log.length - 1, kind: 'truncated' })]);

    // …and a chain rewritten from its first entry, every hash recomputed, is consistent too.
    const shorter = await rows(db);
    const head = kept[0] as { seq: number };
    let prevHash = GENESIS;
    for (const r of shorter) {
      const body = r.seq === 2 ? r.body.replace('"c1"', '"c2"') : r.body;
      const hash = entryHash({ project: r.project, seq: r.seq, at: r.at, type: r.type, actor: r.actor, body, prevHash });
      await db.run('UPDATE events SET body = ?, prev_hash = ?, hash = ? WHERE project = ? AND seq = ?', [body, prevHash, hash, r.project, r.seq]);
      prevHash = hash;
    }
    for (const r of log.slice(shorter.length)) {
      const hash = entryHash({ project: r.project, seq: r.seq, at: r.at, type: r.type, actor: r.actor, body: r.body, prevHash });
      await db.run('INSERT INTO events (project, seq, at, type, actor, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [r.project, r.seq, r.at, r.type, r.actor, r.body, prevHash, hash]);
      prevHash = hash;
    }
    expect((await verifyLog(db)).ok).toBe(true);
    expect((await verifyLog(db, { expectHead: kept })).problems).toEqual([expect.objectContaining({ project: 'p1', seq: head.seq, kind: 'rewritten' })]);
  });

  it('names the project of a broken chain and can check one project alone', async () => {
    const { db } = await place.fresh();
    const offices = await openOffices(db);
    for (const id of ['a', 'b']) {
      const office = await createProject(offices, id);
      await must(office, registration('c1', phone(1)));
    }
    await offices.close();
    await disableGuards(db);
    await db.run("UPDATE events SET actor = 'intruder' WHERE project = 'b' AND seq = 3");
    const report = await verifyLog(db);
    expect(report.chains.map((c) => [c.project, c.problem?.seq ?? null])).toEqual([
      ['a', null],
      ['b', 3],
    ]);
    expect((await verifyLog(db, { project: 'a' })).ok).toBe(true);
    expect((await verifyLog(db, { project: 'b' })).problems[0]).toMatchObject({ project: 'b', seq: 3, kind: 'altered' });
  });
});
