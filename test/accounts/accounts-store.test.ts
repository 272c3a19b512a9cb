// The accounts store on every dialect: users and argon2id hashes, memberships, login throttling,
// sessions and CSRF tokens, SEC-4 departures, and the append-only SEC-2 read log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountError,
  addUser,
  brokerNames,
  createSession,
  csrfMatches,
  endSession,
  endStaffAccess,
  findSession,
  findUser,
  grant,
  membershipsOf,
  revoke,
  setActive,
  setPassword,
  verifyLogin,
  type ThrottlePolicy,
} from '../../src/accounts/accounts-store.ts';
import { listReads, logReads } from '../../src/accounts/record-reads-store.ts';
import { DIALECTS, scratchDb, type ScratchDb } from './scratch-db.ts';

const COST = { memoryCost: 1024, timeCost: 1 };
const T0 = Date.UTC(2026, 2, 2, 1, 0);
const MIN = 60_000;
const THROTTLE: ThrottlePolicy = { maxFailures: 5, ipMaxFailures: 8, windowMs: 15 * MIN, lockMs: 15 * MIN };

describe.each(DIALECTS)('accounts store on %s', (dialect) => {
  let scratch: ScratchDb;
  beforeAll(async () => {
    scratch = await scratchDb(dialect);
  });
  afterAll(async () => {
    await scratch?.drop();
  });
  const db = () => scratch.db;

  it('stores users with argon2id hashes and normalised logins', async () => {
    const user = await addUser(db(), { login: ' Wang.Lei ', displayName: '王磊', password: 'password-1' }, { hashCost: COST, now: T0 });
    expect(user).toMatchObject({ login: 'wang.lei', displayName: '王磊', active: true, admin: false, createdAt: T0 });
    const row = await db().get<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain('password-1');
    expect(await findUser(db(), 'WANG.LEI')).toMatchObject({ id: user.id });
    await expect(addUser(db(), { login: 'wang.lei', displayName: 'x', password: 'password-2' }, { hashCost: COST })).rejects.toThrow(AccountError);
    await expect(addUser(db(), { login: 'bad login', displayName: 'x', password: 'password-2' }, { hashCost: COST })).rejects.toThrow(/login/);
    await expect(addUser(db(), { login: 'shorty', displayName: 'x', password: 'short' }, { hashCost: COST })).rejects.toThrow(/at least 8/);
  });

  it('names the brokers with accounts in a project, by broker id', async () => {
    await addUser(db(), { login: 'lj-zhang', displayName: '链家 张经纪', password: 'password-1' }, { hashCost: COST });
    await addUser(db(), { login: 'wo-li', displayName: '我爱我家 李经纪', password: 'password-1' }, { hashCost: COST });
    await grant(db(), { login: 'lj-zhang', project: 'pb', role: 'broker', brokerId: 'lianjia' }, { now: T0 });
    await grant(db(), { login: 'wo-li', project: 'pb', role: 'broker', brokerId: '5i5j' }, { now: T0 });
    expect(await brokerNames(db(), 'pb')).toEqual({ lianjia: '链家 张经纪', '5i5j': '我爱我家 李经纪' });
    await revoke(db(), 'wo-li', 'pb', { now: T0 + 1 });
    expect(await brokerNames(db(), 'pb')).toEqual({ lianjia: '链家 张经纪' });
    expect(await brokerNames(db(), 'elsewhere')).toEqual({});
  });

  it('grants one role per project, admin installation-wide, and revokes', async () => {
    await addUser(db(), { login: 'li', displayName: '李娜', password: 'password-1' }, { hashCost: COST });
    await grant(db(), { login: 'li', project: 'p1', role: 'consultant', staffId: 'B' }, { now: T0 });
    await grant(db(), { login: 'li', project: 'p2', role: 'manager', staffId: 'M2' }, { now: T0 });
    const user = await findUser(db(), 'li');
    expect((await membershipsOf(db(), user?.id ?? '')).map((m) => [m.project, m.role, m.staffId])).toEqual([
      ['p1', 'consultant', 'B'],
      ['p2', 'manager', 'M2'],
    ]);
    // Granting again replaces the role in that project.
    await grant(db(), { login: 'li', project: 'p1', role: 'supervisor', staffId: 'B' }, { now: T0 });
    await revoke(db(), 'li', 'p2', { now: T0 });
    expect((await membershipsOf(db(), user?.id ?? '')).map((m) => [m.project, m.role])).toEqual([['p1', 'supervisor']]);
    await expect(grant(db(), { login: 'li', project: 'p1', role: 'consultant' })).rejects.toThrow(/staffId/);
    await expect(grant(db(), { login: 'li', project: 'p1', role: 'broker' })).rejects.toThrow(/brokerId/);
    await expect(grant(db(), { login: 'nobody', role: 'admin' })).rejects.toThrow(/no user/);
    await grant(db(), { login: 'li', role: 'admin' });
    expect((await findUser(db(), 'li'))?.admin).toBe(true);
  });

  it('verifies logins; unknown and inactive users fail like a wrong password', async () => {
    await addUser(db(), { login: 'zhao', displayName: '赵敏', password: 'password-1' }, { hashCost: COST });
    const opts = { now: T0, throttle: THROTTLE, hashCost: COST };
    expect(await verifyLogin(db(), { login: 'ZHAO', password: 'password-1', ip: '10.0.0.1' }, opts)).toMatchObject({ ok: true, user: { login: 'zhao' } });
    expect(await verifyLogin(db(), { login: 'zhao', password: 'wrong-one', ip: '10.0.0.1' }, opts)).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await verifyLogin(db(), { login: 'ghost', password: 'password-1', ip: '10.0.0.1' }, opts)).toEqual({ ok: false, code: 'invalid_credentials' });
    await setActive(db(), 'zhao', false);
    expect(await verifyLogin(db(), { login: 'zhao', password: 'password-1', ip: '10.0.0.1' }, opts)).toEqual({ ok: false, code: 'invalid_credentials' });
    await setActive(db(), 'zhao', true);
    await setPassword(db(), 'zhao', 'password-2', { hashCost: COST });
    expect(await verifyLogin(db(), { login: 'zhao', password: 'password-2', ip: '10.0.0.1' }, opts)).toMatchObject({ ok: true });
  });

  it('locks a login at one address after 5 failures for 15 minutes, even for the right password', async () => {
    await addUser(db(), { login: 'chen', displayName: '陈静', password: 'password-1' }, { hashCost: COST });
    const attempt = (password: string, now: number, ip = '10.0.1.1') => verifyLogin(db(), { login: 'chen', password, ip }, { now, throttle: THROTTLE, hashCost: COST });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong', T0 + i)).ok).toBe(false);
    expect(await attempt('wrong', T0 + 4)).toEqual({ ok: false, code: 'login_locked', retryAfterMs: 15 * MIN });
    // Issue 14: the lock is on (login, address): the right password from another address signs in,
    // while this address stays locked.
    expect(await attempt('password-1', T0 + 5 * MIN, '10.9.9.9')).toMatchObject({ ok: true });
    expect(await attempt('password-1', T0 + 5 * MIN)).toMatchObject({ ok: false, code: 'login_locked', retryAfterMs: 10 * MIN + 4 });
    expect(await attempt('password-1', T0 + 4 + 15 * MIN)).toMatchObject({ ok: true });
    // A success clears the count: four more failures do not lock.
    for (let i = 0; i < 4; i++) expect(await attempt('wrong', T0 + 16 * MIN + i)).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await attempt('password-1', T0 + 17 * MIN)).toMatchObject({ ok: true });
  });

  it('forgets failures older than the window', async () => {
    await addUser(db(), { login: 'sun', displayName: '孙', password: 'password-1' }, { hashCost: COST });
    const attempt = (now: number) => verifyLogin(db(), { login: 'sun', password: 'nope', ip: `10.0.2.${now % 200}` }, { now, throttle: THROTTLE, hashCost: COST });
    for (let i = 0; i < 4; i++) await attempt(T0 + i);
    expect(await attempt(T0 + 16 * MIN)).toEqual({ ok: false, code: 'invalid_credentials' });
  });

  it('locks an address after its own limit of failures across logins', async () => {
    const ip = '192.168.7.7';
    for (let i = 0; i < 7; i++) expect(await verifyLogin(db(), { login: `guess${i}`, password: 'x', ip }, { now: T0, throttle: THROTTLE, hashCost: COST })).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await verifyLogin(db(), { login: 'guess7', password: 'x', ip }, { now: T0, throttle: THROTTLE, hashCost: COST })).toMatchObject({ code: 'login_locked' });
    expect(await verifyLogin(db(), { login: 'zhao', password: 'password-2', ip }, { now: T0 + MIN, throttle: THROTTLE, hashCost: COST })).toMatchObject({ code: 'login_locked' });
    expect(await verifyLogin(db(), { login: 'zhao', password: 'password-2', ip: '192.168.7.8' }, { now: T0 + MIN, throttle: THROTTLE, hashCost: COST })).toMatchObject({ ok: true });
  });

  it('keeps sessions hashed, expires them, and derives the CSRF token from the secret', async () => {
    const user = await addUser(db(), { login: 'zhou', displayName: '周', password: 'password-1' }, { hashCost: COST });
    await grant(db(), { login: 'zhou', project: 'p1', role: 'frontdesk', staffId: 'F' });
    const s = await createSession(db(), user.id, { now: T0, ttlMs: 60 * MIN });
    expect(await db().get('SELECT id FROM sessions WHERE id = ?', [s.token])).toBeUndefined();
    const found = await findSession(db(), s.token, T0 + MIN);
    expect(found).toMatchObject({ user: { login: 'zhou' }, expiresAt: T0 + 60 * MIN, memberships: [{ project: 'p1', role: 'frontdesk', staffId: 'F' }] });
    expect(await findSession(db(), s.token, T0 + 60 * MIN)).toBeNull();
    expect(await findSession(db(), 'not-a-token', T0)).toBeNull();
    expect(csrfMatches(s.token, s.csrfToken)).toBe(true);
    expect(csrfMatches(s.token, `${s.csrfToken}x`)).toBe(false);
    expect(csrfMatches(s.token, undefined)).toBe(false);
    const other = await createSession(db(), user.id, { now: T0, ttlMs: 60 * MIN });
    expect(csrfMatches(s.token, other.csrfToken)).toBe(false);
    await endSession(db(), s.token);
    expect(await findSession(db(), s.token, T0)).toBeNull();
    expect(await findSession(db(), other.token, T0)).not.toBeNull();
    await setActive(db(), 'zhou', false);
    expect(await findSession(db(), other.token, T0)).toBeNull();
  });

  it('SEC-4: ends the access of everyone acting as a departed staff id', async () => {
    const wu = await addUser(db(), { login: 'wu', displayName: '吴', password: 'password-1' }, { hashCost: COST });
    const liu = await addUser(db(), { login: 'liu', displayName: '刘', password: 'password-1' }, { hashCost: COST });
    await grant(db(), { login: 'wu', project: 'p1', role: 'consultant', staffId: 'W' });
    await grant(db(), { login: 'liu', project: 'p1', role: 'consultant', staffId: 'L' });
    await grant(db(), { login: 'liu', project: 'p9', role: 'consultant', staffId: 'L9' });
    const sw = await createSession(db(), wu.id, { now: T0, ttlMs: 60 * MIN });
    const sl = await createSession(db(), liu.id, { now: T0, ttlMs: 60 * MIN });
    expect(await endStaffAccess(db(), 'p1', 'W', { now: T0 })).toEqual([wu.id]);
    expect(await findSession(db(), sw.token, T0)).toBeNull();
    expect(await findSession(db(), sl.token, T0)).not.toBeNull();
    // Left with no membership: deactivated, so signing in again is refused.
    expect((await findUser(db(), 'wu'))?.active).toBe(false);
    await endStaffAccess(db(), 'p1', 'L', { now: T0 });
    expect(await findSession(db(), sl.token, T0)).toBeNull();
    expect((await findUser(db(), 'liu'))?.active).toBe(true);
    expect((await membershipsOf(db(), liu.id)).map((m) => m.project)).toEqual(['p9']);
  });

  it('SEC-2: the read log is append-only and lists newest first', async () => {
    const read = (customer: string, at: number) => ({ at, userId: 'u1', login: 'm', project: 'p1', customer, endpoint: 'timeline' });
    await logReads(db(), [read('13800138000', T0), read('13900139000', T0 + 1), read('13800138000', T0 + 2)]);
    await logReads(db(), [{ ...read('13800138000', T0 + 3), project: 'p2' }]);
    const all = await listReads(db(), { project: 'p1', limit: 10 });
    expect(all.map((r) => r.at)).toEqual([T0 + 2, T0 + 1, T0]);
    expect(all[0]?.name).toBeNull(); // 'u1' is no account: the log still lists the read, by login
    expect((await listReads(db(), { project: 'p1', customer: '13800138000', limit: 10 })).map((r) => r.at)).toEqual([T0 + 2, T0]);
    expect((await listReads(db(), { project: 'p1', before: all[0]?.id ?? 0, limit: 1 })).map((r) => r.at)).toEqual([T0 + 1]);
    await expect(db().run('UPDATE record_reads SET login = ?', ['someone-else'])).rejects.toThrow(/append-only/);
    await expect(db().run('DELETE FROM record_reads')).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(db().exec('TRUNCATE record_reads')).rejects.toThrow(/append-only/);
    expect(await listReads(db(), { project: 'p1', limit: 10 })).toHaveLength(3);
  });
});
