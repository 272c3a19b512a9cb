// The admin workspace's API (issue 12): the first administrator of an empty install, users and roles per
// project with the audit of every change, disabling and password resets ending sessions, the project
// setup an admin may do (staff, broker, policy, unit import with no staff id), and SEC-5's two-person
// erasure on the SQL store. Runs on SQLite and the machine's PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, p, startHarness, type Harness } from './api-harness.ts';

describe.each(['sqlite', 'postgres'] as const)('the admin workspace on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect, { store: 'sql' });
  });
  afterAll(async () => h?.close());

  it('an install with users needs no first administrator, and the first-run route refuses', async () => {
    expect((await h.anonymous('GET', '/api/setup')).json()).toEqual({ needsAdmin: false });
    const res = await h.anonymous('POST', '/api/setup/admin', { body: { login: 'intruder', displayName: '某人', password: 'long-enough-1' } });
    expect(res.statusCode).toBe(403);
  });

  it('only administrators reach /api/admin', async () => {
    const manager = await h.agent('manager');
    expect((await manager.call('GET', '/api/admin/users')).statusCode).toBe(403);
    expect((await h.anonymous('GET', '/api/admin/users')).statusCode).toBe(401);
  });

  it('creates a user, gives a role acting as an existing staff id, and audits both; a role naming nobody is refused', async () => {
    const admin = await h.agent('admin');
    const created = await admin.call('POST', '/api/admin/users', { body: { login: 'newbie', displayName: '新顾问', password: 'newbie-pass-1' } });
    expect(created.statusCode).toBe(201);
    expect((await admin.call('POST', '/api/admin/users', { body: { login: 'newbie', displayName: '重复', password: 'newbie-pass-1' } })).json()).toMatchObject({ code: 'account_refused' });
    expect((await admin.call('POST', '/api/admin/users', { body: { login: 'short', displayName: '短', password: 'x' } })).json()).toMatchObject({ code: 'account_refused' });
    const nobody = await admin.call('POST', '/api/admin/users/newbie/roles', { body: { project: 'p1', role: 'consultant', staffId: 'NOBODY' } });
    expect(nobody.statusCode).toBe(422);
    expect((await admin.call('POST', p('/commands/addStaff'), { body: { staff: { id: 'N', role: 'consultant', name: '新顾问', team: 'T1' } } })).statusCode).toBe(200);
    expect((await admin.call('POST', '/api/admin/users/newbie/roles', { body: { project: 'p1', role: 'consultant', staffId: 'N' } })).statusCode).toBe(200);
    const users = (await admin.call('GET', '/api/admin/users')).json() as { users: { login: string; memberships: { project: string; role: string; staffId: string }[] }[] };
    expect(users.users.find((u) => u.login === 'newbie')?.memberships).toEqual([{ project: 'p1', role: 'consultant', staffId: 'N', brokerId: null }]);
    const changes = (await admin.call('GET', '/api/admin/changes')).json() as { changes: { action: string; login: string; byLogin: string }[] };
    expect(changes.changes.slice(0, 2).map((c) => [c.action, c.login, c.byLogin])).toEqual([
      ['roleGranted', 'newbie', 'admin'],
      ['userCreated', 'newbie', 'admin'],
    ]);
    // The new consultant signs in and lands as the staff id given.
    const session = await h.anonymous('POST', '/api/session', { body: { login: 'newbie', password: 'newbie-pass-1' } });
    expect(session.json()).toMatchObject({ memberships: [{ project: 'p1', role: 'consultant', staffId: 'N' }] });
  });

  it('disabling ends the sessions at once and refuses signing in; a reset password works and the old one does not', async () => {
    const admin = await h.agent('admin');
    const signIn = (password: string) => h.anonymous('POST', '/api/session', { body: { login: 'newbie', password } });
    const before = await signIn('newbie-pass-1');
    const cookie = before.cookies.find((c) => c.name === 'anchang_session')?.value ?? '';
    expect((await admin.call('POST', '/api/admin/users/newbie/active', { body: { active: false } })).statusCode).toBe(200);
    expect((await h.anonymous('GET', '/api/session', { headers: { cookie: `anchang_session=${cookie}` } })).statusCode).toBe(401);
    expect((await signIn('newbie-pass-1')).statusCode).toBe(401);
    await admin.call('POST', '/api/admin/users/newbie/active', { body: { active: true } });
    expect((await admin.call('POST', '/api/admin/users/newbie/password', { body: { password: 'second-pass-2' } })).statusCode).toBe(200);
    expect((await signIn('newbie-pass-1')).statusCode).toBe(401);
    expect((await signIn('second-pass-2')).statusCode).toBe(200);
    expect((await admin.call('POST', '/api/admin/users/admin/active', { body: { active: false } })).json()).toMatchObject({ code: 'account_refused' });
    const actions = ((await admin.call('GET', '/api/admin/changes')).json() as { changes: { action: string }[] }).changes.map((c) => c.action);
    expect(actions.slice(0, 3)).toEqual(['passwordReset', 'userEnabled', 'userDisabled']);
    // The audit never holds a password.
    expect(JSON.stringify(await admin.call('GET', '/api/admin/changes').then((r) => r.json()))).not.toContain('second-pass-2');
  });

  it('the admin lists a broker, sets working hours and imports units, recorded with no staff id', async () => {
    const admin = await h.agent('admin');
    expect((await admin.call('POST', p('/commands/addBroker'), { body: { broker: { id: 'FD', kind: 'agency', approved: true } } })).statusCode).toBe(200);
    await admin.call('POST', '/api/admin/users', { body: { login: 'fd', displayName: '房多多', password: 'fd-pass-123' } });
    expect((await admin.call('POST', '/api/admin/users/fd/roles', { body: { project: 'p1', role: 'broker', brokerId: 'FD' } })).statusCode).toBe(200);
    const policy = (await admin.call('GET', p('/policy'))).json() as { policy: { rotation: Record<string, unknown> } };
    const next = { ...policy.policy, rotation: { ...policy.policy.rotation, hours: [['09:00', '18:00']] } };
    expect((await admin.call('POST', p('/commands/setPolicy'), { body: { policy: next } })).statusCode).toBe(200);
    const csv = Buffer.from('楼栋,单元,楼层,房号,面积,单价,总价\n1栋,1单元,1,101,89,30000,2670000\n1栋,1单元,1,102,89,30000,2670000\n', 'utf8').toString('base64');
    const commit = await admin.call('POST', p('/units/import/commit'), { body: { fileName: 'units.csv', contentBase64: csv } });
    expect(commit.statusCode).toBe(200);
    const facts = await h.handle.facts(0);
    const imported = facts.find((f) => f.type === 'unitsImported');
    expect(imported && 'by' in imported ? imported.by : undefined).toBeUndefined();
    expect(facts.find((f) => f.type === 'policySet')).toBeDefined();
  });

  it('SEC-5: an erasure needs a second administrator who types the phone again', async () => {
    const admin = await h.agent('admin');
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138111', name: '赵女士', needs: '三房' });
    await admin.call('POST', '/api/admin/users', { body: { login: 'admin2', displayName: '第二管理员', password: 'admin2-pass', admin: true } });
    const asked = await admin.call('POST', '/api/admin/erasures', { body: { project: 'p1', phone: '138 0013 8111', reason: '客户要求删除（PIPL）' } });
    expect(asked.statusCode).toBe(201);
    const { request } = asked.json() as { request: number };
    const pending = (await admin.call('GET', '/api/admin/erasures')).json() as { pending: { id: number; detail: Record<string, string> }[] };
    expect(pending.pending.map((x) => x.id)).toContain(request);
    expect(JSON.stringify(pending)).not.toContain('13800138111');
    expect((await admin.call('POST', `/api/admin/erasures/${request}/approve`, { body: { phone: '13800138111' } })).json()).toMatchObject({ code: 'same_approver' });
    const second = await h.anonymous('POST', '/api/session', { body: { login: 'admin2', password: 'admin2-pass' } });
    const token = second.cookies.find((c) => c.name === 'anchang_session')?.value ?? '';
    const csrf = (second.json() as { csrfToken: string }).csrfToken;
    const as2 = (phone: string) => h.anonymous('POST', `/api/admin/erasures/${request}/approve`, { body: { phone }, headers: { cookie: `anchang_session=${token}`, 'x-csrf-token': csrf } });
    expect((await as2('13900000000')).json()).toMatchObject({ code: 'erasure_refused' });
    const approved = await as2('13800138111');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ request, approved: true });
    expect((await h.handle.facts(0)).some((f) => f.type === 'personalDataErased')).toBe(true);
    expect((await as2('13800138111')).json()).toMatchObject({ code: 'erasure_refused' });
    expect(((await admin.call('GET', '/api/admin/erasures')).json() as { pending: unknown[] }).pending).toEqual([]);
  });

  it('a password never reaches the audit and the audit cannot be changed', async () => {
    await expect(h.scratch.db.run('DELETE FROM account_changes')).rejects.toThrow(/append-only/);
    await expect(h.scratch.db.run("UPDATE account_changes SET by_login = 'x'")).rejects.toThrow(/append-only/);
    expect(PASSWORD.length).toBeGreaterThan(0);
  });
});

describe('the first run of an empty install', () => {
  it('makes exactly one first administrator, even when two ask at once', async () => {
    const h = await startHarness('sqlite');
    try {
      await h.scratch.db.run('DELETE FROM memberships');
      await h.scratch.db.run('DELETE FROM sessions');
      await h.scratch.db.run('DELETE FROM users');
      expect((await h.anonymous('GET', '/api/setup')).json()).toEqual({ needsAdmin: true });
      const [a, b] = await Promise.all(
        ['first', 'second'].map((login) => h.anonymous('POST', '/api/setup/admin', { body: { login, displayName: login, password: `${login}-password` } })),
      );
      expect([a?.statusCode, b?.statusCode].sort()).toEqual([201, 403]);
      expect((await h.anonymous('GET', '/api/setup')).json()).toEqual({ needsAdmin: false });
      const signedIn = await h.anonymous('POST', '/api/session', { body: { login: a?.statusCode === 201 ? 'first' : 'second', password: `${a?.statusCode === 201 ? 'first' : 'second'}-password` } });
      expect(signedIn.json()).toMatchObject({ user: { admin: true } });
    } finally {
      await h.close();
    }
  });
});
