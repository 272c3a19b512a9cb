// The security behaviour of the API, with accounts on SQLite and on PostgreSQL: (c) CSRF, (d) login
// throttling, (e) SEC-1 masking and SEC-2 read logging, (f) SEC-4 departure ends a session at once,
// (g) idempotent writes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSession } from '../../src/accounts/accounts-store.ts';
import { SYSTEM, type Offices } from '../../src/store/offices.ts';
import { DIALECTS } from '../accounts/scratch-db.ts';
import { p, PASSWORD, startHarness, wrapped, type Harness } from './api-harness.ts';

const PHONE = '13800138000';

// Accounts on both dialects; the store in memory and, as deployed, the SQL Offices on the same database.
const SETUPS = DIALECTS.flatMap((dialect) => (['memory', 'sql'] as const).map((store) => ({ dialect, store })));

describe.each(SETUPS)('API security, accounts on $dialect, offices $store', ({ dialect, store }) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** A's customer: received on A's turn and validly registered by A. */
  async function customerOfA(harness: Harness): Promise<void> {
    await harness.run({ do: 'signIn', who: 'A' });
    await harness.run({ do: 'arrive', phone: '138 0013 8000', name: '张先生' });
    await harness.run({ do: 'register', by: 'A', via: 'visit', phone: PHONE, name: '张先生', needs: '三房' });
    await harness.run({ do: 'done', who: 'A' });
  }

  it('(c) a write without the session CSRF token is refused 403; reads and sign-in need none', async () => {
    h = await startHarness(dialect, { store });
    const a = await h.agent('consultant');
    const b = await h.agent('consultantB');
    const signIn = p('/commands/signIn');
    expect((await a.call('POST', signIn, { body: {}, noCsrf: true })).json()).toMatchObject({ code: 'csrf_failed' });
    expect((await a.call('POST', signIn, { body: {}, noCsrf: true })).statusCode).toBe(403);
    expect((await a.call('POST', signIn, { body: {}, headers: { 'x-csrf-token': 'guess' } })).statusCode).toBe(403);
    // Another session's token does not fit this session.
    expect((await a.call('POST', signIn, { body: {}, headers: { 'x-csrf-token': b.csrf } })).statusCode).toBe(403);
    expect((await a.call('DELETE', '/api/session', { noCsrf: true })).statusCode).toBe(403);
    expect((await h.handle.engine()).floor.seats.has('A')).toBe(false);
    expect((await a.call('POST', signIn, { body: {} })).statusCode).toBe(200);
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(200);
    // The token is the one GET /api/session returns, and the cookie is HttpOnly and SameSite.
    expect((await a.call('GET', '/api/session')).json()).toMatchObject({ csrfToken: a.csrf, user: { login: 'a' }, memberships: [{ project: 'p1', role: 'consultant', staffId: 'A' }] });
    const login = await h.anonymous('POST', '/api/session', { body: { login: 'b', password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api/);
  });

  it('(d) 5 failed sign-ins lock the login at that address for 15 minutes; the address has its own limit', async () => {
    h = await startHarness(dialect, { store, throttle: { maxFailures: 5, ipMaxFailures: 12, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } });
    const attempt = (password: string, ip = '10.1.1.1', login = 'a') => h!.anonymous('POST', '/api/session', { body: { login, password }, remoteAddress: ip });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).json()).toMatchObject({ code: 'invalid_credentials' });
    const locked = await attempt('wrong');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'login_locked', retryAfterSeconds: 900 });
    expect(locked.headers['retry-after']).toBe('900');
    // Issue 14: the lock is on (login, address): the right password from elsewhere still signs in.
    expect((await attempt(PASSWORD, '10.2.2.2')).statusCode).toBe(200);
    h.clock.now += 15 * 60_000;
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
    // Per address: failures against many logins lock the address, not the logins.
    for (let i = 0; i < 11; i++) expect((await attempt('wrong', '10.3.3.3', `nobody${i}`)).statusCode).toBe(401);
    expect((await attempt('wrong', '10.3.3.3', 'nobody11')).statusCode).toBe(429);
    expect((await attempt(PASSWORD, '10.3.3.3', 'b')).statusCode).toBe(429);
    expect((await attempt(PASSWORD, '10.4.4.4', 'b')).statusCode).toBe(200);
    // zh-CN message for the web app's fallback.
    const zh = await h.anonymous('POST', '/api/session', { body: { login: 'b', password: PASSWORD }, remoteAddress: '10.3.3.3', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    expect(zh.json()).toMatchObject({ code: 'login_locked', message: '登录失败次数过多，请稍后再试' });
  });

  it('(d) the login route is rate-limited per address before any password is checked', async () => {
    h = await startHarness(dialect, { store, loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await h.anonymous('POST', '/api/session', { body: { login: 'a', password: 'wrong' }, remoteAddress: '10.9.0.1' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const limited = await h.anonymous('POST', '/api/session', { body: { login: 'a', password: PASSWORD }, remoteAddress: '10.9.0.1' });
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    expect((await h.anonymous('POST', '/api/session', { body: { login: 'a', password: PASSWORD }, remoteAddress: '10.9.0.2' })).statusCode).toBe(200);
  });

  it("(e) SEC-1: a consultant sees another's customer masked with the owner's name; the owner and managers see it in full", async () => {
    h = await startHarness(dialect, { store });
    await customerOfA(h);
    const judge = p(`/judge?phone=${encodeURIComponent('+86 138-0013-8000')}`);
    const seenByB = (await (await h.agent('consultantB')).call('GET', judge)).json();
    expect(seenByB).toMatchObject({ status: 'owned', customer: { phone: '138****8000', name: '张**', masked: true }, owner: { id: 'A', name: '王磊' } });
    expect(JSON.stringify(seenByB)).not.toContain('13800138000');
    expect(JSON.stringify(seenByB)).not.toContain('张先生');
    const seenByDesk = (await (await h.agent('frontdesk')).call('GET', judge)).json();
    expect(seenByDesk.customer).toEqual({ phone: '138****8000', name: '张**', masked: true });
    expect((await (await h.agent('consultant')).call('GET', judge)).json().customer).toEqual({ phone: PHONE, name: '张先生', masked: false });
    expect((await (await h.agent('manager')).call('GET', judge)).json().customer).toEqual({ phone: PHONE, name: '张先生', masked: false });
    expect((await (await h.agent('supervisor')).call('GET', judge)).json().customer.masked).toBe(false);
    // The timeline: B gets the masked customer and the owner, without the records.
    const timelineByB = (await (await h.agent('consultantB')).call('GET', p(`/customers/${PHONE}/timeline`))).json();
    expect(timelineByB).toMatchObject({ customer: { phone: '138****8000', masked: true }, owner: { id: 'A' }, records: null, spans: null });
    expect(JSON.stringify(timelineByB)).not.toContain('三房');
    const timelineByA = (await (await h.agent('consultant')).call('GET', p(`/customers/${PHONE}/timeline`))).json();
    expect(timelineByA.records.map((r: { type: string }) => r.type)).toEqual(['partyArrived', 'registered']);
    expect(timelineByA.records[1]).toMatchObject({ by: 'A', needs: '三房', atLocal: '2026-03-02 09:00' });
    expect(timelineByA.rules).toContain('OWN-1');
  });

  it('(e) SEC-2: every full read is logged with who, when, which customer and endpoint; a manager lists them', async () => {
    h = await startHarness(dialect, { store });
    await customerOfA(h);
    await (await h.agent('consultantB')).call('GET', p(`/judge?phone=${PHONE}`)); // masked: not a full read
    await (await h.agent('frontdesk')).call('GET', p(`/judge?phone=${PHONE}`)); // masked
    h.clock.now += 60_000;
    await (await h.agent('consultant')).call('GET', p(`/customers/${PHONE}/timeline`));
    h.clock.now += 60_000;
    await (await h.agent('consultant')).call('GET', p('/my-customers'));
    await (await h.agent('manager')).call('GET', p(`/judge?phone=${PHONE}`));
    const m = await h.agent('manager');
    const reads = (await m.call('GET', p('/record-reads'))).json().reads;
    expect(reads.map((r: { login: string; endpoint: string; customer: string }) => [r.login, r.endpoint, r.customer])).toEqual([
      ['m', 'judge', PHONE],
      ['a', 'myCustomers', PHONE],
      ['a', 'timeline', PHONE],
    ]);
    expect(reads[2].at).toBe(reads[1].at - 60_000);
    expect((await m.call('GET', p(`/record-reads?customer=${PHONE}&limit=1`))).json().reads).toHaveLength(1);
    expect((await m.call('GET', p('/record-reads?customer=13900139000'))).json().reads).toEqual([]);
    // Only the manager may read the log.
    expect((await (await h.agent('supervisor')).call('GET', p('/record-reads'))).statusCode).toBe(403);
  });

  it('(f) SEC-4: when a consultant departs, their session ends at once and they cannot sign in again', async () => {
    h = await startHarness(dialect, { store });
    const a = await h.agent('consultant');
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(200);
    const m = await h.agent('manager');
    expect((await m.call('POST', p('/commands/depart'), { body: { who: 'A' } })).statusCode).toBe(200);
    // The departure notice alone ends the session, before A asks for anything.
    await vi.waitFor(async () => expect(await findSession(h!.scratch.db, a.token, h!.clock.now)).toBeNull(), { timeout: 1000, interval: 10 });
    const after = await a.call('GET', p('/floor'));
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await findSession(h.scratch.db, a.token, h.clock.now)).toBeNull();
    expect((await a.call('GET', '/api/session')).statusCode).toBe(401);
    expect((await h.anonymous('POST', '/api/session', { body: { login: 'a', password: PASSWORD } })).json()).toMatchObject({ code: 'invalid_credentials' });
    // Everyone else carries on.
    expect((await m.call('GET', p('/floor'))).statusCode).toBe(200);
    expect((await (await h.agent('consultantB')).call('GET', p('/floor'))).statusCode).toBe(200);
  });

  it('(f) SEC-4 is also checked on each request, should the departure notice be missed', async () => {
    // An Offices whose notices never arrive (another process recorded the departure and the notice was lost).
    const deaf = (offices: Offices): Offices => wrapped(offices, { subscribe: () => () => undefined });
    h = await startHarness(dialect, { store, wrapOffices: deaf });
    const a = await h.agent('consultant');
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(200);
    await h.handle.execute({ do: 'depart', who: 'A' }, SYSTEM);
    expect(await findSession(h.scratch.db, a.token, h.clock.now)).not.toBeNull();
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(401);
    expect(await findSession(h.scratch.db, a.token, h.clock.now)).toBeNull();
    expect((await (await h.agent('consultantB')).call('GET', p('/floor'))).statusCode).toBe(200);
  });

  it('(g) a retried write with the same Idempotency-Key records one fact and gets the first answer', async () => {
    h = await startHarness(dialect, { store });
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
    const desk = await h.agent('frontdesk');
    const arrive = (key: string) => desk.call('POST', p('/commands/arrive'), { body: { phone: '139 0013 9000' }, headers: { 'idempotency-key': key } });
    const before = (await h.handle.facts(0)).length;
    const first = (await arrive('retry-1')).json();
    const again = (await arrive('retry-1')).json();
    expect(first).toMatchObject({ answer: { receiver: 'A', as: 'turn' }, replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
    expect((await h.handle.facts(0)).length).toBe(before + 1);
    // A new key is a new party: B receives.
    expect((await arrive('retry-2')).json()).toMatchObject({ answer: { receiver: 'B' }, replayed: false });
    expect((await h.handle.facts(0)).length).toBe(before + 2);
    // Keys are per caller: the same key from another person is another request.
    const m = await h.agent('manager');
    const other = await m.call('POST', p('/commands/arrive'), { body: { phone: '139 0013 9001', nonCustomer: true }, headers: { 'idempotency-key': 'retry-1' } });
    expect(other.json()).toMatchObject({ replayed: false });
  });
});
