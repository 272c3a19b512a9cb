// Real processes on one database: a writer killed with SIGKILL loses no acknowledged fact, and two writer
// processes racing on one project are serialised by the database; on PostgreSQL a third process hears
// their commits through LISTEN/NOTIFY and catches up.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../src/store/log/verify-log.ts';
import { readProjections } from '../../src/store/projections/projections.ts';
import { rebuildProjections } from '../../src/store/rebuild-projections.ts';
import { DIALECTS, scratch, type Place } from './support/dialects.ts';
import { consultants, createProject, openOffices, phone, SECRET } from './support/store-fixture.ts';

const CHILD = fileURLToPath(new URL('./support/store-child.ts', import.meta.url));

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line matching `pattern`. */
  readonly until: (pattern: RegExp) => Promise<string>;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  readonly stderr: () => string;
}

function child(args: object): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: proc.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const until = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      waiters.push({ pattern, resolve });
      void exited.then((code) => reject(new Error(`child exited (${code}) before ${pattern}: ${err}`)));
    });
  return { process: proc, until, lines, exited, stderr: () => err };
}

describe.each(DIALECTS)('processes on %s', (dialect) => {
  const place = scratch(dialect);

  it('kill -9 mid-stream: every acknowledged fact is there after reopening, the log verifies, projections rebuild equal', async () => {
    const { db, place: where } = await place.fresh();
    const offices = await openOffices(db);
    await createProject(offices, 'p1');
    await offices.close();
    if (dialect === 'sqlite') await db.close(); // the child is the only process on the file until it dies

    const writer = child({ place: where, project: 'p1', mode: 'stream', consultants: ['c1', 'c2', 'c3'] });
    await writer.until(/^ack 40 /);
    writer.process.kill('SIGKILL');
    await writer.exited;
    const acked = writer.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ')).map(([, seq, p]) => ({ seq: Number(seq), phone: p }));
    expect(acked.length).toBeGreaterThanOrEqual(32);

    const reopenedDb = place.open(where);
    const reopened = await openOffices(reopenedDb);
    const facts = await (await reopened.open('p1'))!.facts(0);
    for (const a of acked) expect(facts[a.seq - 1], `seq ${a.seq}`).toMatchObject({ seq: a.seq, type: 'registered', phone: a.phone });
    expect(facts.map((f) => f.seq)).toEqual(facts.map((_, i) => i + 1));
    expect((await verifyLog(reopenedDb)).ok).toBe(true);
    const stored = await readProjections(reopenedDb, 'p1');
    await rebuildProjections(reopenedDb, { secret: SECRET });
    expect(await readProjections(reopenedDb, 'p1')).toEqual(stored);
    await reopened.close();
  });

  it('two writer processes racing on one project: one chain, one owner per phone, the others catch up', async () => {
    const { db, place: where } = await place.fresh();
    const offices = await openOffices(db, undefined, { listen: true });
    const office = await createProject(offices, 'p1', [...consultants(4, 'a'), ...consultants(4, 'b')]);
    const before = (await office.engine()).lastSeq;
    const heard: number[] = [];
    offices.subscribe((_p, facts) => heard.push(...facts.map((f) => f.seq)));
    const phones = [phone(1), phone(2), phone(3), phone(4), phone(5)];
    const racers = ['a', 'b'].map((team) => child({ place: where satisfies Place, project: 'p1', mode: 'race', consultants: consultants(4, team).map((s) => s.id), phones }));
    await Promise.all(racers.map((r) => r.until(/^ready$/)));
    for (const r of racers) r.process.stdin.write('go\n');
    await Promise.all(racers.map((r) => r.until(/^done 20$/)));
    await Promise.all(racers.map((r) => r.exited));

    const total = 2 * 4 * phones.length;
    const expected = Array.from({ length: total }, (_, i) => before + 1 + i);
    if (dialect === 'postgres') {
      // Heard through NOTIFY as the children committed, before this process asks for anything.
      await expect.poll(() => heard.length, { timeout: 5000 }).toBe(total);
      expect(heard).toEqual(expected);
    }
    const engine = await office.engine(); // catches up with both children's facts (on SQLite, delivers them too)
    expect(engine.lastSeq).toBe(before + total);
    expect(heard).toEqual(expected);
    for (const p of phones) {
      const o = engine.ownership(p, engine.lastAt);
      expect(o.owner).not.toBeNull();
      expect(o.spans.length).toBe(1);
    }
    expect((await verifyLog(db)).ok).toBe(true);
    await offices.close();
  });
});
