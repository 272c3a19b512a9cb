// Issue 14 item 6: lockouts that do not lock people out. Failures count against (login, address) with a
// back-off; the right password from a known device signs in while an attacker elsewhere hammers the login
// or the office's shared address; behind a trusted proxy the client's address and HTTPS are the proxy's word.
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type Harness } from './api-harness.ts';

const THROTTLE = { maxFailures: 5, ipMaxFailures: 20, loginMaxFailures: 30, windowMs: 15 * 60_000, lockMs: 60_000, maxLockMs: 8 * 60_000 };

describe('sign-in throttling', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const signIn = (password: string, ip: string, extra: { login?: string; cookie?: string; headers?: Record<string, string> } = {}) =>
    h!.anonymous('POST', '/api/session', { body: { login: extra.login ?? 'a', password }, remoteAddress: ip, headers: { ...(extra.cookie ? { cookie: extra.cookie } : {}), ...(extra.headers ?? {}) } });

  it('backs off: each further lock of the same (login, address) lasts twice as long, up to the cap', async () => {
    h = await startHarness('sqlite', { throttle: THROTTLE });
    const locks: unknown[] = [];
    for (let round = 0; round < 5; round++) {
      let last;
      for (let i = 0; i < 5; i++) last = await signIn('wrong', '10.1.1.1');
      locks.push(last?.json().retryAfterSeconds);
      h.clock.now += Number(last?.json().retryAfterSeconds) * 1000;
    }
    expect(locks).toEqual([60, 120, 240, 480, 480]);
  });

  it('the right password from a known device signs in while the login and the shared address are locked', async () => {
    h = await startHarness('sqlite', { throttle: THROTTLE });
    const first = await signIn(PASSWORD, '10.5.5.5');
    const device = first.cookies.find((c) => c.name === 'anchang_device');
    expect(device).toMatchObject({ httpOnly: true, path: '/api/session', sameSite: 'Strict' });
    // An attacker spreads guesses at login a over many addresses, and floods the office's own address.
    for (let i = 0; i < 30; i++) await signIn('wrong', `10.6.0.${i}`);
    for (let i = 0; i < 20; i++) await signIn('wrong', '10.5.5.5', { login: `nobody${i}` });
    expect((await signIn(PASSWORD, '10.7.7.7')).json()).toMatchObject({ code: 'login_locked' });
    expect((await signIn(PASSWORD, '10.5.5.5', { login: 'b' })).json()).toMatchObject({ code: 'login_locked' });
    // The known device is its own count: the right password signs in.
    const known = await signIn(PASSWORD, '10.5.5.5', { cookie: `anchang_device=${device?.value}` });
    expect(known.statusCode).toBe(200);
    // Another user's device cookie is no key for this login.
    expect((await signIn(PASSWORD, '10.5.5.5', { login: 'b', cookie: `anchang_device=${device?.value}` })).statusCode).toBe(429);
  });

  it('behind a trusted proxy: the forwarded address is throttled, and the cookie is Secure over forwarded HTTPS', async () => {
    h = await startHarness('sqlite', { throttle: THROTTLE, trustProxy: '127.0.0.1', cookieSecure: 'auto' });
    const via = (password: string, client: string) => signIn(password, '127.0.0.1', { headers: { 'x-forwarded-for': client, 'x-forwarded-proto': 'https' } });
    for (let i = 0; i < 5; i++) await via('wrong', '203.0.113.9');
    expect((await via(PASSWORD, '203.0.113.9')).statusCode).toBe(429);
    const other = await via(PASSWORD, '198.51.100.4');
    expect(other.statusCode).toBe(200);
    expect(other.cookies.find((c) => c.name === 'anchang_session')).toMatchObject({ secure: true });
    expect(other.headers['strict-transport-security']).toMatch(/max-age=/);
  });
});
