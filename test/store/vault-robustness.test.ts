// Issue 14 item 2: one corrupted vault byte degrades one customer, not the office; a wrong secret stops
// start-up with a clear message; `anchang verify` opens every sealed value and never creates a secret.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { SYSTEM } from '../../src/store/offices.ts';
import { openSqlOffices } from '../../src/store/sql-offices.ts';
import { openSqlite } from '../../src/store/sql/sqlite-db.ts';
import type { Db } from '../../src/store/sql/db.ts';
import { PersonalDataUnreadable } from '../../src/store/vault/personal-vault.ts';
import { WrongSecretError } from '../../src/store/vault/secret-check.ts';
import { p, startHarness, type Harness } from '../api/api-harness.ts';
import { runCli, type StorePlace } from '../server/server-process.ts';

const INFO = { id: 'p1', name: '一号项目', zone: 'Asia/Shanghai' };
const register = (phone: string, name: string) => ({ do: 'register' as const, by: 'A', via: 'visit' as const, phone, name, needs: '三房' });

/** Flips one byte in the middle of a base64 column value (as a bad disk sector would). */
async function corrupt(db: Db, table: 'personal_values' | 'personal_keys', column: 'sealed' | 'wrapped', where: string): Promise<void> {
  const row = await db.get<{ v: string }>(`SELECT ${column} AS v FROM ${table} WHERE ${where}`);
  if (!row) throw new Error('nothing to corrupt');
  const raw = Buffer.from(row.v, 'base64');
  raw[raw.length - 2] = (raw[raw.length - 2] as number) ^ 0x01;
  await db.run(`UPDATE ${table} SET ${column} = ? WHERE ${where}`, [raw.toString('base64')]);
}

describe('vault robustness', () => {
  const dirs: string[] = [];
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const scratch = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'anchang-vault-'));
    dirs.push(d);
    return d;
  };

  it('a corrupted sealed value: the office answers 200, that customer alone reads masked', async () => {
    h = await startHarness('sqlite', { store: 'sql' });
    await h.run({ do: 'addStaff', staff: { id: 'Z', role: 'consultant' } });
    await h.run(register('13800138000', '张先生'));
    await h.run(register('13900139000', '李女士'));
    const seq = (await h.handle.facts(0)).find((f) => f.type === 'registered' && 'name' in f && f.name === '张先生')?.seq;
    await corrupt(h.scratch.db, 'personal_values', 'sealed', `seq = ${seq}`);
    const a = await h.agent('consultant');
    const mine = await a.call('GET', p('/my-customers'));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.body).toContain('13900139000');
    expect(mine.body).not.toContain('张先生');
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(200);
  });

  it('a corrupted data key: that customer degrades, a write for them is refused, others work; verify names it', async () => {
    const dir = scratch();
    const file = join(dir, 'anchang.db');
    const secret = randomBytes(32);
    let db = openSqlite(file);
    let offices = await openSqlOffices(db, { secret });
    const office = await offices.create(INFO, STANDARD_POLICY, SYSTEM);
    await office.execute({ do: 'addStaff', staff: { id: 'A', role: 'consultant' } }, SYSTEM);
    await office.execute(register('13800138000', '张先生'), SYSTEM);
    await office.execute(register('13900139000', '李女士'), SYSTEM);
    const subjects = await db.all<{ subject: string }>('SELECT subject FROM personal_keys ORDER BY created_at, subject');
    await offices.close();
    // The first registered customer's key is damaged.
    const first = await db.get<{ subject: string }>("SELECT subject FROM personal_values WHERE seq = 3");
    await corrupt(db, 'personal_keys', 'wrapped', `subject = '${first?.subject}'`);
    await db.close();
    expect(subjects.length).toBe(2);

    db = openSqlite(file);
    const told: string[] = [];
    offices = await openSqlOffices(db, { secret, onUnreadable: (_p, subject) => told.push(subject) });
    const again = (await offices.open('p1'))!;
    const engine = await again.engine();
    expect(engine.customers.has('13900139000')).toBe(true);
    expect(engine.customers.has('13800138000')).toBe(false);
    expect(told).toEqual([first?.subject]);
    // A write that needs the damaged key is refused as such; another customer's write goes through.
    await expect(again.execute({ do: 'followUp', by: 'A', phone: '13800138000', via: 'phone', reached: true } as never, SYSTEM)).rejects.toBeInstanceOf(PersonalDataUnreadable);
    expect((await again.execute(register('13700137000', '王先生'), SYSTEM)).ok).toBe(true);
    await offices.close();
    await db.close();

    const place: StorePlace = { dialect: 'sqlite', dataDir: dir, databaseUrl: null, secret: secret.toString('base64'), drop: async () => undefined };
    const verified = await runCli(place, ['verify']);
    expect(verified.status, verified.output).toBe(1);
    expect(verified.output).toMatch(/FAIL vault p1: customer tk_\S+: the data key does not open/);
    expect(verified.output).toMatch(/^ok {3}p1: /m);
  });

  it('a wrong secret stops start-up with a clear message', async () => {
    const file = join(scratch(), 'anchang.db');
    let db = openSqlite(file);
    let offices = await openSqlOffices(db, { secret: randomBytes(32) });
    const created = await offices.create(INFO, STANDARD_POLICY, SYSTEM);
    await created.execute({ do: 'addStaff', staff: { id: 'A', role: 'consultant' } }, SYSTEM);
    expect((await created.execute(register('13800138000', '张先生'), SYSTEM)).ok).toBe(true);
    await offices.close();
    await db.close();
    db = openSqlite(file);
    try {
      const wrong = openSqlOffices(db, { secret: randomBytes(32) });
      await expect(wrong).rejects.toBeInstanceOf(WrongSecretError);
      await expect(wrong).rejects.toThrow(/does not open this database's personal-data vault/);
    } finally {
      await db.close();
    }
  });

  it('verify on a folder without secret.key creates none and says so; a clean store verifies its vault', async () => {
    const dir = scratch();
    const secret = randomBytes(32).toString('base64');
    const db = openSqlite(join(dir, 'anchang.db'));
    const offices = await openSqlOffices(db, { secret: Buffer.from(secret, 'base64') });
    const created = await offices.create(INFO, STANDARD_POLICY, SYSTEM);
    await created.execute({ do: 'addStaff', staff: { id: 'A', role: 'consultant' } }, SYSTEM);
    expect((await created.execute(register('13800138000', '张先生'), SYSTEM)).ok).toBe(true);
    await offices.close();
    await db.close();
    const place: StorePlace = { dialect: 'sqlite', dataDir: dir, databaseUrl: null, secret, drop: async () => undefined };
    const clean = await runCli(place, ['verify']);
    expect(clean.status, clean.output).toBe(0);
    expect(clean.output).toMatch(/ok {3}vault: 1 customer keys, 1 sealed values open/);
    const noSecret = await runCli(place, ['verify'], { ANCHANG_SECRET: '' });
    expect(noSecret.status).toBe(2);
    expect(noSecret.output).toMatch(/no secret\.key/);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });
});
