// Who may sign in, to which projects, as whom: users, memberships, sessions and login throttling, on the
// shared SQL interface (SQLite or PostgreSQL). Used by the HTTP API, and by the CLI (`anchang user add`)
// and the demo seed. Time comes in as a parameter; nothing here reads configuration.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/sql/db.ts';
import { int } from '../store/sql/db.ts';
import { dummyHash, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword, type HashCost } from './passwords.ts';
import { clearFailures, deviceUser, lockOf, recordFailure, rememberDevice, STANDARD_THROTTLE, throttleKeys, type ThrottlePolicy } from './login-throttle.ts';
import { isProjectRole, type ProjectRole } from './roles.ts';
import { accountChanged, forgetHere } from './account-notices.ts';

export interface User {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly active: boolean;
  /** Installation-wide administrator: sets projects up (roster, brokers, units, policy). */
  readonly admin: boolean;
  readonly createdAt: number;
}

export interface Membership {
  readonly userId: string;
  readonly project: string;
  readonly role: ProjectRole;
  /** The staff id the person acts as in the project's engine (staff roles). */
  readonly staffId: string | null;
  /** The broker id the person acts as (role broker). */
  readonly brokerId: string | null;
  readonly grantedAt: number;
}

/** Bad input to an account function (the CLI prints the message); never a refused login, which is a value. */
export class AccountError extends Error {}

const LOGIN = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function isValidLogin(login: string): boolean {
  return LOGIN.test(normaliseLogin(login));
}

interface UserRow {
  id: string;
  login: string;
  display_name: string;
  password_hash: string;
  active: unknown;
  admin: unknown;
  created_at: unknown;
}

const USER_COLUMNS = 'u.id, u.login, u.display_name, u.password_hash, u.active, u.admin, u.created_at';

function userOf(row: UserRow): User {
  return { id: row.id, login: row.login, displayName: row.display_name, active: int(row.active) === 1, admin: int(row.admin) === 1, createdAt: int(row.created_at) };
}

interface MembershipRow {
  user_id: string;
  project: string;
  role: string;
  staff_id: string | null;
  broker_id: string | null;
  granted_at: unknown;
}

function membershipOf(row: MembershipRow): Membership {
  if (!isProjectRole(row.role)) throw new Error(`membership of ${row.user_id} in ${row.project} has unknown role "${row.role}"`);
  return { userId: row.user_id, project: row.project, role: row.role, staffId: row.staff_id, brokerId: row.broker_id, grantedAt: int(row.granted_at) };
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccountError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new AccountError(`a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}

export interface AccountOptions {
  readonly now?: number;
  readonly hashCost?: HashCost;
}

export interface NewUser {
  readonly login: string;
  readonly displayName: string;
  readonly password: string;
  readonly admin?: boolean;
}

/** Creates an active user; refused (AccountError) when the login is taken or malformed. */
export async function addUser(db: Db, input: NewUser, options: AccountOptions = {}): Promise<User> {
  const login = normaliseLogin(input.login);
  if (!LOGIN.test(login)) throw new AccountError(`login "${input.login}" must be 1–64 letters, digits or . _ @ - (starting with a letter or digit)`);
  const displayName = input.displayName.trim();
  if (displayName === '' || displayName.length > 100) throw new AccountError('a display name has 1–100 characters');
  checkPassword(input.password);
  if (await findUser(db, login)) throw new AccountError(`login "${login}" is taken`);
  const user: User = { id: randomUUID(), login, displayName, active: true, admin: input.admin === true, createdAt: options.now ?? Date.now() };
  const passwordHash = await hashPassword(input.password, options.hashCost);
  await db.run('INSERT INTO users (id, login, display_name, password_hash, active, admin, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)', [
    user.id,
    login,
    displayName,
    passwordHash,
    user.admin ? 1 : 0,
    user.createdAt,
  ]);
  return user;
}

export async function findUser(db: Db, login: string): Promise<User | null> {
  const row = await db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.login = ?`, [normaliseLogin(login)]);
  return row ? userOf(row) : null;
}

async function requireUser(db: Db, login: string): Promise<User> {
  const user = await findUser(db, login);
  if (!user) throw new AccountError(`no user "${normaliseLogin(login)}"`);
  return user;
}

export async function setPassword(db: Db, login: string, password: string, options: AccountOptions = {}): Promise<void> {
  checkPassword(password);
  const user = await requireUser(db, login);
  await db.run('UPDATE users SET password_hash = ? WHERE id = ?', [await hashPassword(password, options.hashCost), user.id]);
  await endSessionsOf(db, user.id);
}

/** Deactivating a user ends their sessions at once. */
export async function setActive(db: Db, login: string, active: boolean): Promise<void> {
  const user = await requireUser(db, login);
  await db.run('UPDATE users SET active = ? WHERE id = ?', [active ? 1 : 0, user.id]);
  if (!active) await endSessionsOf(db, user.id);
  else await accountChanged(db, { user: user.id });
}

export type GrantInput =
  | { readonly login: string; readonly role: 'admin' }
  | { readonly login: string; readonly project: string; readonly role: ProjectRole; readonly staffId?: string; readonly brokerId?: string };

/**
 * Gives a user a role: `admin` installation-wide, any other role in one project, acting there as a staff
 * id (staff roles) or a broker id (broker). A user holds one role per project; granting again replaces it.
 */
export async function grant(db: Db, input: GrantInput, options: AccountOptions = {}): Promise<void> {
  const user = await requireUser(db, input.login);
  if (input.role === 'admin') {
    await db.run('UPDATE users SET admin = 1 WHERE id = ?', [user.id]);
    await accountChanged(db, { user: user.id });
    return;
  }
  if (!isProjectRole(input.role)) throw new AccountError(`unknown role "${String(input.role)}"`);
  const project = input.project.trim();
  if (project === '') throw new AccountError('a membership names its project');
  const staffId = input.role === 'broker' ? null : (input.staffId?.trim() ?? '');
  const brokerId = input.role === 'broker' ? (input.brokerId?.trim() ?? '') : null;
  if (staffId === '') throw new AccountError(`a ${input.role} acts as a staff id of the project (staffId)`);
  if (brokerId === '') throw new AccountError('a broker acts as a broker id of the project (brokerId)');
  await db.run(
    `INSERT INTO memberships (user_id, project, role, staff_id, broker_id, granted_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (user_id, project) DO UPDATE SET role = excluded.role, staff_id = excluded.staff_id, broker_id = excluded.broker_id,
       granted_at = excluded.granted_at, ended_at = NULL`,
    [user.id, project, input.role, staffId, brokerId, options.now ?? Date.now()],
  );
  await accountChanged(db, { user: user.id });
}

/** Ends a membership (the history stays in the row's `ended_at`). */
export async function revoke(db: Db, login: string, project: string, options: AccountOptions = {}): Promise<void> {
  const user = await requireUser(db, login);
  await db.run('UPDATE memberships SET ended_at = ? WHERE user_id = ? AND project = ? AND ended_at IS NULL', [options.now ?? Date.now(), user.id, project]);
  await accountChanged(db, { user: user.id });
}

export async function membershipsOf(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db.all<MembershipRow>(
    'SELECT user_id, project, role, staff_id, broker_id, granted_at FROM memberships WHERE user_id = ? AND ended_at IS NULL ORDER BY project',
    [userId],
  );
  return rows.map(membershipOf);
}

/**
 * The display names of the brokers with accounts in a project, by broker id (the domain knows a broker by
 * id only; its people sign in under a name), so a screen says 链家经纪人, not lianjia.
 */
export async function brokerNames(db: Db, project: string): Promise<Record<string, string>> {
  const rows = await db.all<{ broker_id: string; display_name: string }>(
    'SELECT m.broker_id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project = ? AND m.broker_id IS NOT NULL AND m.ended_at IS NULL ORDER BY m.granted_at, u.login',
    [project],
  );
  const names: Record<string, string> = {};
  for (const r of rows) names[r.broker_id] ??= r.display_name;
  return names;
}

// ---- login throttling ----

export { STANDARD_THROTTLE, type ThrottlePolicy } from './login-throttle.ts';

export type LoginResult =
  /** `device`: the token of the device signed in from, for its cookie (a known device keeps its own). */
  | { readonly ok: true; readonly user: User; readonly device: string }
  | { readonly ok: false; readonly code: 'invalid_credentials' }
  | { readonly ok: false; readonly code: 'login_locked'; readonly retryAfterMs: number };

export interface LoginAttempt {
  readonly login: string;
  readonly password: string;
  /** The client's address, for the per-address lock. */
  readonly ip: string;
  /** The device cookie, when the browser has one: a device known for this login counts its failures alone. */
  readonly device?: string;
}

export interface LoginOptions {
  readonly now: number;
  readonly throttle?: ThrottlePolicy;
  /** The cost of the hash an unknown login is checked against (equal timing). */
  readonly hashCost?: HashCost;
}

/**
 * Checks a login. A locked key is refused without looking at the password; a failure counts against every
 * key of the attempt (login-throttle.ts); a success clears the (login, address) or device count.
 * Unknown logins and inactive users fail exactly like a wrong password.
 */
export async function verifyLogin(db: Db, attempt: LoginAttempt, options: LoginOptions): Promise<LoginResult> {
  const throttle = options.throttle ?? STANDARD_THROTTLE;
  const now = options.now;
  const login = normaliseLogin(attempt.login).slice(0, 100);
  const row = await db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.login = ?`, [login]);
  const user = row ? userOf(row) : null;
  const known = user && attempt.device !== undefined && (await deviceUser(db, attempt.device)) === user.id ? (attempt.device as string) : null;
  const keys = throttleKeys(throttle, login, attempt.ip, known);
  const lockedUntil = Math.max(0, ...(await Promise.all(keys.map((k) => lockOf(db, k.key, now)))));
  if (lockedUntil > now) return { ok: false, code: 'login_locked', retryAfterMs: lockedUntil - now };

  // An unknown login is checked against a dummy hash, so it takes as long as a wrong password.
  const passwordOk = await verifyPassword(row?.password_hash ?? (await dummyHash(options.hashCost)), attempt.password);
  if (user && user.active && passwordOk) {
    await clearFailures(db, keys[0]?.key ?? '');
    return { ok: true, user, device: await rememberDevice(db, user.id, attempt.device, now) };
  }
  let locked = 0;
  for (const k of keys) locked = Math.max(locked, await recordFailure(db, k, throttle, now));
  return locked > now ? { ok: false, code: 'login_locked', retryAfterMs: locked - now } : { ok: false, code: 'invalid_credentials' };
}

// ---- sessions ----

export interface NewSession {
  /** The secret for the cookie; only its hash is stored. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export interface Session {
  /** The stored id: the token's hash. */
  readonly id: string;
  readonly user: User;
  readonly memberships: readonly Membership[];
  readonly expiresAt: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The CSRF token of a session, derived from its secret token: the page gets it from the login answer or
 * GET /api/session and echoes it in `X-CSRF-Token`; a cross-site form can send the cookie but cannot
 * know this value. Derived rather than stored, so there is nothing more to keep or leak.
 */
export function csrfTokenFor(token: string): string {
  return createHash('sha256').update(`anchang-csrf:${token}`).digest('base64url');
}

export function csrfMatches(token: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(token));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function createSession(db: Db, userId: string, options: { readonly now: number; readonly ttlMs: number }): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = options.now + options.ttlMs;
  await db.run('DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?', [userId, options.now]);
  await db.run('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [sha256(token), userId, options.now, expiresAt]);
  return { token, csrfToken: csrfTokenFor(token), expiresAt };
}

/** The live session of a token: unexpired, of an active user, with the user's live memberships. */
/** The id a token's session is stored under (its hash: the table never holds a usable token). */
export const sessionIdOf = (token: string): string => sha256(token);

export async function findSession(db: Db, token: string, now: number): Promise<Session | null> {
  if (token.length === 0 || token.length > 100) return null;
  const id = sessionIdOf(token);
  // One statement, one row per live membership: every request asks this, and on PostgreSQL each statement is a
  // round trip (issue 13).
  const rows = await db.all<UserRow & { expires_at: unknown; m_project: string | null; m_role: string; m_staff_id: string | null; m_broker_id: string | null; m_granted_at: unknown }>(
    `SELECT ${USER_COLUMNS}, s.expires_at, m.project AS m_project, m.role AS m_role, m.staff_id AS m_staff_id, m.broker_id AS m_broker_id, m.granted_at AS m_granted_at
       FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN memberships m ON m.user_id = u.id AND m.ended_at IS NULL
      WHERE s.id = ? AND s.expires_at > ? AND u.active = 1 ORDER BY m.project`,
    [id, now],
  );
  const row = rows[0];
  if (!row) return null;
  const user = userOf(row);
  const memberships = rows
    .filter((r) => r.m_project !== null)
    .map((r) => membershipOf({ user_id: user.id, project: r.m_project as string, role: r.m_role, staff_id: r.m_staff_id, broker_id: r.m_broker_id, granted_at: r.m_granted_at }));
  return { id, user, memberships, expiresAt: int(row.expires_at) };
}

export async function endSession(db: Db, token: string): Promise<void> {
  const id = sessionIdOf(token);
  await db.run('DELETE FROM sessions WHERE id = ?', [id]);
  await accountChanged(db, { session: id });
}

export async function endSessionsOf(db: Db, userId: string): Promise<number> {
  const ended = (await db.run('DELETE FROM sessions WHERE user_id = ?', [userId])).changes;
  await accountChanged(db, { user: userId });
  return ended;
}

/**
 * SEC-4: a consultant who left loses access at once. Ends the memberships acting as `staffId` in the
 * project and every session of those users; a user left with no membership (and not an admin) is
 * deactivated, so signing in again is refused. Returns the users affected.
 */
export async function endStaffAccess(db: Db, project: string, staffId: string, options: { readonly now: number }): Promise<string[]> {
  const users = await db.transaction(async (tx) => {
    const rows = await tx.all<{ user_id: string }>('SELECT user_id FROM memberships WHERE project = ? AND staff_id = ? AND ended_at IS NULL', [project, staffId]);
    const affected = rows.map((r) => r.user_id);
    for (const userId of affected) {
      await tx.run('UPDATE memberships SET ended_at = ? WHERE user_id = ? AND project = ? AND ended_at IS NULL', [options.now, userId, project]);
      await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
      const left = await tx.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM memberships WHERE user_id = ? AND ended_at IS NULL', [userId]);
      if (int(left?.n) === 0) await tx.run('UPDATE users SET active = 0 WHERE id = ? AND admin = 0', [userId]);
      await accountChanged(tx, { user: userId });
    }
    return affected;
  });
  for (const user of users) forgetHere({ user }); // again now that it is committed: a request may have read the old rows meanwhile
  return users;
}
