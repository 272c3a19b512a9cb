// A read asks the database nothing when no other process has committed (issue 13). PostgreSQL: while no commit
// is announced, and another process's commit is seen once its notice arrives; without LISTEN every read catches
// up. SQLite: while the database's count of other connections' commits stands still (`PRAGMA data_version`),
// and another process's commit is seen by the very next read.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/sql/db.ts';
import { scratch } from './support/dialects.ts';
import { createProject, must, openOffices, phone, registration } from './support/store-fixture.ts';

/** The same connection, counting the statements sent through it. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const counted = new Set(['all', 'get', 'run', 'exec', 'transaction']);
  const proxy = new Proxy(db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (counted.has(String(key))) n++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: proxy, count: () => n };
}

async function until(condition: () => Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('reads on PostgreSQL between notices', () => {
  const place = scratch('postgres');

  it('ask nothing while no commit is announced, and see another process commit once it is', async () => {
    const { db, place: where } = await place.fresh();
    const writer = await openOffices(db);
    const a = await createProject(writer, 'p1');
    const b = counting(place.open(where));
    const reader = await openOffices(b.db, undefined, { listen: true });
    const office = (await reader.open('p1'))!;
    const start = (await office.engine()).lastSeq;
    await new Promise((r) => setTimeout(r, 200)); // the notices of the project's creation have arrived
    await office.engine();

    const before = b.count();
    for (let i = 0; i < 100; i++) await office.engine();
    expect(b.count() - before).toBe(0);

    const seq = await must(a, registration('c1', phone(1)));
    expect(seq).toBeGreaterThan(start);
    await until(async () => (await office.engine()).lastSeq === seq);
    const engine = await office.engine();
    expect(engine.ownership(phone(1), engine.lastAt).owner).toBe('c1');

    const after = b.count();
    for (let i = 0; i < 100; i++) await office.engine();
    expect(b.count() - after).toBe(0);
    await Promise.all([writer.close(), reader.close()]);
  });

  it('catch up on every read when the process does not listen', async () => {
    const { db, place: where } = await place.fresh();
    const writer = await openOffices(db);
    await createProject(writer, 'p1');
    const b = counting(place.open(where));
    const reader = await openOffices(b.db, undefined, { listen: false });
    const office = (await reader.open('p1'))!;
    await office.engine();
    const before = b.count();
    for (let i = 0; i < 10; i++) await office.engine();
    expect(b.count() - before).toBe(10);
    await Promise.all([writer.close(), reader.close()]);
  });
});

describe('reads on SQLite while no other connection commits', () => {
  const place = scratch('sqlite');

  it('ask nothing while only this connection writes, and see another connection commit at the very next read', async () => {
    const { db, place: where } = await place.fresh();
    const writer = await openOffices(db);
    const a = await createProject(writer, 'p1');
    const b = counting(place.open(where));
    const reader = await openOffices(b.db);
    const office = (await reader.open('p1'))!;
    await office.engine();

    const before = b.count();
    for (let i = 0; i < 100; i++) await office.engine();
    expect(b.count() - before).toBe(0);

    // This process's own command is in its engine without a catch-up after it.
    await must(office, registration('c2', phone(2)));
    const own = b.count();
    for (let i = 0; i < 10; i++) {
      const e = await office.engine();
      expect(e.ownership(phone(2), e.lastAt).owner).toBe('c2');
    }
    expect(b.count() - own).toBe(0);

    // Another connection — another process — commits: the next read catches up, with no notice to wait for.
    const seq = await must(a, registration('c1', phone(1)));
    const engine = await office.engine();
    expect(engine.lastSeq).toBe(seq);
    expect(engine.ownership(phone(1), engine.lastAt).owner).toBe('c1');
    const after = b.count();
    for (let i = 0; i < 100; i++) await office.engine();
    expect(b.count() - after).toBe(0);
    await Promise.all([writer.close(), reader.close()]);
  });

  it('share one look at the commit count among the reads of a request, and see a commit made before the request arrived', async () => {
    const { db, place: where } = await place.fresh();
    const writer = await openOffices(db);
    const a = await createProject(writer, 'p1');
    const native = place.open(where);
    let looks = 0;
    const looking = new Proxy(native, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'commitsElsewhere' || typeof value !== 'function') return typeof value === 'function' ? (value as (...x: unknown[]) => unknown).bind(target) : value;
        return (readSince?: number) => {
          const before = (target as unknown as { lastVersionAt: number }).lastVersionAt;
          const n = (value as (r?: number) => number).call(target, readSince);
          if ((target as unknown as { lastVersionAt: number }).lastVersionAt !== before) looks++;
          return n;
        };
      },
    });
    const reader = await openOffices(looking);
    const office = (await reader.open('p1'))!;
    await office.engine();

    // A request arrives; its reads share one look.
    let arrived = performance.now();
    looks = 0;
    for (let i = 0; i < 5; i++) await office.engine({ readSince: arrived });
    expect(looks).toBe(1);

    // Another process commits, then a request arrives: its first read looks again, and catches up.
    const seq = await must(a, registration('c1', phone(1)));
    arrived = performance.now();
    looks = 0;
    const engine = await office.engine({ readSince: arrived });
    expect(engine.lastSeq).toBe(seq);
    expect(engine.ownership(phone(1), engine.lastAt).owner).toBe('c1');
    // Without readSince each read looks.
    looks = 0;
    for (let i = 0; i < 3; i++) await office.engine();
    expect(looks).toBe(3);
    await Promise.all([writer.close(), reader.close()]);
  });
});
