// Issue 13: the session and SEC-4 checks stay correct when several server processes share one database.
// A departed consultant's next request is refused at once by every process, and a sign-out ends the session
// on every process — whatever any process keeps in memory to answer faster.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../accounts/scratch-db.ts';
import { p, startHarness, type Harness } from './api-harness.ts';

describe.each(DIALECTS)('sessions across two server processes on %s', (dialect) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a consultant who departs on one process is refused by the other at their very next request', async () => {
    h = await startHarness(dialect, { store: 'sql' });
    const other = await h.secondProcess();
    const a = await h.agent('consultant');
    const m = await h.agent('manager');
    // Both processes serve A, and have A's project loaded (and, on PostgreSQL, are listening).
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(200);
    expect((await other.call(a, 'GET', p('/floor'))).statusCode).toBe(200);
    expect((await other.call(a, 'GET', p('/floor'))).statusCode).toBe(200);
    // The departure is recorded through the first process …
    expect((await m.call('POST', p('/commands/depart'), { body: { who: 'A' } })).statusCode).toBe(200);
    // … and the second refuses A's next request, with no waiting for a notice.
    const next = await other.call(a, 'GET', p('/floor'));
    expect(next.statusCode).toBe(401);
    expect(next.json()).toMatchObject({ code: 'unauthenticated' });
    expect((await other.call(a, 'GET', p('/my-customers'))).statusCode).toBe(401);
    // The manager carries on, on both.
    expect((await other.call(m, 'GET', p('/floor'))).statusCode).toBe(200);
  });

  it('a departure recorded through the second process is refused by the first at once', async () => {
    h = await startHarness(dialect, { store: 'sql' });
    const other = await h.secondProcess();
    const a = await h.agent('consultant');
    const m = await h.agent('manager');
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(200);
    expect((await other.call(m, 'POST', p('/commands/depart'), { body: { who: 'A' } })).statusCode).toBe(200);
    expect((await a.call('GET', p('/floor'))).statusCode).toBe(401);
  });

  it('signing out on one process ends the session on the other at once', async () => {
    h = await startHarness(dialect, { store: 'sql' });
    const other = await h.secondProcess();
    const b = await h.agent('consultantB');
    expect((await other.call(b, 'GET', p('/floor'))).statusCode).toBe(200);
    expect((await other.call(b, 'GET', '/api/session')).statusCode).toBe(200);
    expect((await b.call('DELETE', '/api/session')).statusCode).toBeLessThan(300);
    expect((await other.call(b, 'GET', p('/floor'))).statusCode).toBe(401);
    expect((await other.call(b, 'GET', '/api/session')).statusCode).toBe(401);
    // And the other way round.
    const m = await h.agent('manager');
    expect((await m.call('GET', p('/floor'))).statusCode).toBe(200);
    expect((await other.call(m, 'DELETE', '/api/session')).statusCode).toBeLessThan(300);
    expect((await m.call('GET', p('/floor'))).statusCode).toBe(401);
  });
});
