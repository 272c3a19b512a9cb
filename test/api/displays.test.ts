// tv-pairing (issue 16.1): a floor TV paired by the manager reads the board with its own credential — across a
// 13-hour clock jump and a rebuilt server, names and states only — until the manager revokes it: its stream is
// told and closed at once, and its next read is refused. Two managers on one code, or on one revocation, are
// decided once. On SQLite and PostgreSQL.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/build-api.ts';
import { PAIRING_CODE_TTL_MS } from '../../src/accounts/displays-store.ts';
import { DIALECTS } from '../accounts/scratch-db.ts';
import { p, startHarness, TEST_HASH_COST, type Harness } from './api-harness.ts';
import { pairedDisplay, waitingDisplay } from './display-agent.ts';
import { connectStreamWithCookie, SseClient } from './sse-client.ts';

const HOUR = 60 * 60_000;

describe.each(DIALECTS)('paired floor displays on %s', (dialect) => {
  let h: Harness;
  let port: number;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    h = await startHarness(dialect, { store: 'sql', heartbeatMs: 200 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    port = (h.app.server.address() as AddressInfo).port;
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生' });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await h?.close();
  });

  it('a TV shows a 6-digit code and waits; the manager pairs it under a name; it reads the board', async () => {
    const tv = await waitingDisplay(h);
    expect(tv.code).toMatch(/^\d{6}$/);
    expect((await tv.call('GET', '/api/display-pairing')).json()).toMatchObject({ state: 'waiting', code: tv.code });
    // Before pairing its cookie opens nothing.
    expect((await tv.call('GET', p('/floor'))).statusCode).toBe(401);
    expect((await tv.call('GET', '/api/display')).json()).toMatchObject({ code: 'display_unpaired' });

    const m = await h.agent('manager');
    const paired = await m.call('POST', p('/displays'), { body: { code: tv.code, name: ' 大厅电视 ' } });
    expect(paired.statusCode).toBe(201);
    expect(paired.json()).toMatchObject({ name: '大厅电视', pairedBy: 'm', pairedAt: h.clock.now, revokedAt: null });
    expect((await tv.call('GET', '/api/display-pairing')).json()).toEqual({ state: 'paired', project: 'p1', name: '大厅电视' });
    expect((await tv.call('GET', '/api/display')).json()).toMatchObject({ name: '大厅电视', project: 'p1', projectName: '一号项目', zone: 'Asia/Shanghai' });
    const floor = await tv.call('GET', p('/floor'));
    expect(floor.statusCode).toBe(200);
    expect(floor.json().queue).toEqual(['A']);
    // Names and states only: no customer's phone or name reaches the TV.
    expect(floor.body).not.toContain('13800138000');
    expect(floor.body).not.toContain('张先生');
    // The code was used: entering it again pairs nothing.
    expect((await m.call('POST', p('/displays'), { body: { code: tv.code, name: '再来' } })).json()).toMatchObject({ code: 'pairing_code_used' });
  });

  it('a code nobody shows, or one that expired, is refused with its own code', async () => {
    const m = await h.agent('manager');
    const tv = await waitingDisplay(h);
    const unknown = String((Number(tv.code) + 1) % 1_000_000).padStart(6, '0');
    const res = await m.call('POST', p('/displays'), { body: { code: unknown, name: '电视' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'pairing_code_unknown' });
    h.clock.now += PAIRING_CODE_TTL_MS;
    expect((await m.call('POST', p('/displays'), { body: { code: tv.code, name: '电视' } })).json()).toMatchObject({ code: 'pairing_code_unknown' });
    expect((await tv.call('GET', '/api/display-pairing')).json()).toEqual({ state: 'none' });
  });

  it("the manager's list names each display, who paired it, when, and when it was last seen", async () => {
    const tv = await pairedDisplay(h, '前台电视');
    h.clock.now += 5 * 60_000;
    await tv.call('GET', p('/floor'));
    const list = await (await h.agent('manager')).call('GET', p('/displays'));
    expect(list.statusCode).toBe(200);
    const mine = (list.json().displays as { id: string }[]).find((d) => d.id === tv.id);
    expect(mine).toEqual({ id: tv.id, name: '前台电视', pairedBy: 'm', pairedByName: 'manager', pairedAt: h.clock.now - 5 * 60_000, revokedBy: null, revokedByName: null, revokedAt: null, lastSeenAt: h.clock.now });
    // A supervisor may not see or manage displays; the TV itself least of all.
    expect((await (await h.agent('supervisor')).call('GET', p('/displays'))).statusCode).toBe(403);
    expect((await tv.call('GET', p('/displays'))).statusCode).toBe(403);
  });

  it('a revocation closes the live stream within a second and refuses the next read', async () => {
    const tv = await pairedDisplay(h, '将被解除的电视');
    const stream = await connectStreamWithCookie(port, `anchang_display=${tv.token}`);
    if (typeof stream === 'number') throw new Error(`stream answered ${stream}`);
    clients.push(stream);
    expect(String(stream.response.headers['set-cookie'])).toContain('anchang_display=');
    const opening = await stream.waitFor((e) => e.event === 'update', 1000);
    expect(JSON.parse(opening.data ?? '{}').floor.queue).toBeDefined();
    // It updates live like anyone's board.
    await h.run({ do: 'signIn', who: 'B' });
    await stream.waitFor((e) => e.event === 'update' && JSON.parse(e.data ?? '{}').facts.some((f: { type: string }) => f.type === 'signedIn'), 1000);

    const m = await h.agent('manager');
    const started = Date.now();
    const revoked = await m.call('POST', p(`/displays/${tv.id}/revoke`));
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: tv.id, revokedBy: 'm', revokedByName: 'manager', revokedAt: h.clock.now });
    await stream.waitFor((e) => e.event === 'revoked', 1000);
    await stream.waitForEnd(1000);
    expect(Date.now() - started).toBeLessThan(1000);
    const next = await tv.call('GET', p('/floor'));
    expect(next.statusCode).toBe(401);
    expect(next.json()).toMatchObject({ code: 'display_revoked' });
    expect(await connectStreamWithCookie(port, `anchang_display=${tv.token}`)).toBe(401);
    expect((await tv.call('GET', '/api/display-pairing')).json()).toEqual({ state: 'revoked' });
    // Revoked, it stays listed: the list is the audit.
    const listed = (await m.call('GET', p('/displays'))).json().displays.find((d: { id: string }) => d.id === tv.id);
    expect(listed).toMatchObject({ revokedBy: 'm', revokedAt: h.clock.now });
    expect((await m.call('POST', p(`/displays/${tv.id}/revoke`))).json()).toMatchObject({ code: 'display_already_revoked' });
    // Asking for a new code is how it pairs again.
    const fresh = await h.anonymous('POST', '/api/display-pairing', { headers: { cookie: `anchang_display=${tv.token}` } });
    expect(fresh.statusCode).toBe(201);
  });

  it('a revocation recorded through another server process closes the stream here within a second too', async () => {
    // The second process keeps the standard 15 s heartbeat: what stops its stream is the revocation watch.
    const other = await h.secondProcess({ heartbeatMs: 15_000 });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const otherPort = (other.app.server.address() as AddressInfo).port;
    const tv = await pairedDisplay(h, '二号进程的电视');
    const stream = await connectStreamWithCookie(otherPort, `anchang_display=${tv.token}`);
    if (typeof stream === 'number') throw new Error(`stream answered ${stream}`);
    clients.push(stream);
    await stream.waitFor((e) => e.event === 'update', 1000);
    const m = await h.agent('manager');
    const started = Date.now();
    expect((await m.call('POST', p(`/displays/${tv.id}/revoke`))).statusCode).toBe(200);
    await stream.waitFor((e) => e.event === 'revoked', 2000);
    await stream.waitForEnd(1000);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('two managers entering one code at once pair one display; two revoking one display at once revoke it once', async () => {
    const tv = await waitingDisplay(h);
    const m = await h.agent('manager');
    const pairs = await Promise.all([1, 2, 3].map((n) => m.call('POST', p('/displays'), { body: { code: tv.code, name: `并发${n}` } })));
    expect(pairs.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const list = (await m.call('GET', p('/displays'))).json().displays as { name: string }[];
    expect(list.filter((d) => d.name.startsWith('并发'))).toHaveLength(1);
    const id = (pairs.find((r) => r.statusCode === 201)?.json() as { id: string }).id;
    const revokes = await Promise.all([1, 2, 3].map(() => m.call('POST', p(`/displays/${id}/revoke`))));
    expect(revokes.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('the audit cannot be rewritten: pairings and revocations refuse updates and deletes', async () => {
    const db = h.scratch.db;
    await expect(db.run("UPDATE displays SET name = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM displays')).rejects.toThrow(/append-only/);
    await expect(db.run("UPDATE display_revocations SET revoked_by = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM display_revocations')).rejects.toThrow(/append-only/);
  });

  it('keeps reading across a 13-hour clock jump that ends every staff session, and on a server rebuilt on the same database', async () => {
    const tv = await pairedDisplay(h, '洽谈区电视');
    h.clock.now += 13 * HOUR;
    // The staff session signed in before the jump has ended (12 hours); the display's credential has not.
    const m = await h.agent('manager');
    expect((await m.call('GET', p('/floor'))).statusCode).toBe(401);
    expect((await tv.call('GET', p('/floor'))).statusCode).toBe(200);
    const rebuilt = buildApi({ db: h.scratch.db, offices: h.offices, clock: () => h.clock.now, hashCost: TEST_HASH_COST, cookieSecure: false });
    await rebuilt.ready();
    try {
      const again = await rebuilt.inject({ method: 'GET', url: p('/floor'), headers: { cookie: `anchang_display=${tv.token}` } });
      expect(again.statusCode).toBe(200);
    } finally {
      await rebuilt.close();
    }
  });
});
