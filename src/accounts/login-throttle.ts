// Sign-in throttling that stops guessing without locking the office out (issue 14 item 6).
// Failures count against (login, address) — the guesser at one place — with a lock that doubles each time
// it is hit again (back-off); against an address across logins and a login across addresses only with far
// higher limits, to stop floods and spread-out guessing, not a colleague's typos. A device that signed in
// before carries a device cookie: its attempts count against that device alone, so the right password from
// a known PC or phone still works while someone elsewhere hammers the same login or the office's address.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/sql/db.ts';
import { int } from '../store/sql/db.ts';
import type { Migration } from '../store/sql/migrate.ts';

export interface ThrottlePolicy {
  /** Failed logins of one login from one address (or one known device) before a lock. */
  readonly maxFailures: number;
  /** Failed logins from one address across logins before it is locked; high, since a sales office shares one address. */
  readonly ipMaxFailures: number;
  /** Failed logins of one login across addresses before it is locked (spread-out guessing). Default 50. */
  readonly loginMaxFailures?: number;
  /** Failures older than this are forgotten, and so are earlier locks. */
  readonly windowMs: number;
  /** The first lock; each further lock of the same key doubles it (back-off). */
  readonly lockMs: number;
  /** The longest lock. Default 16 × lockMs. */
  readonly maxLockMs?: number;
}

export const STANDARD_THROTTLE: ThrottlePolicy = Object.freeze({ maxFailures: 5, ipMaxFailures: 100, loginMaxFailures: 50, windowMs: 15 * 60_000, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000 });

const TABLES = `
ALTER TABLE login_failures ADD COLUMN locks INTEGER NOT NULL DEFAULT 0;
CREATE TABLE known_devices (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at BIGINT NOT NULL, last_at BIGINT NOT NULL);
CREATE INDEX known_devices_by_user ON known_devices (user_id);`;
export const LOGIN_THROTTLE_SCHEMA: Migration = { id: '0102-login-throttle', sql: { sqlite: TABLES, postgres: TABLES } };

export interface ThrottleKey {
  readonly key: string;
  readonly max: number;
}

const hashOf = (token: string): string => createHash('sha256').update(`anchang-device:${token}`).digest('hex');

/** The keys an attempt counts against: its known device's alone, or (login, address), address and login. */
export function throttleKeys(throttle: ThrottlePolicy, login: string, ip: string, knownDevice: string | null): ThrottleKey[] {
  if (knownDevice !== null) return [{ key: `device:${hashOf(knownDevice)}`, max: throttle.maxFailures }];
  return [
    { key: `pair:${ip} ${login}`, max: throttle.maxFailures },
    { key: `ip:${ip}`, max: throttle.ipMaxFailures },
    { key: `login:${login}`, max: throttle.loginMaxFailures ?? 50 },
  ];
}

/** The user whose device this token is, or null (unknown, or another user's device). */
export async function deviceUser(db: Db, token: string | undefined): Promise<string | null> {
  if (token === undefined || token.length > 200) return null;
  return (await db.get<{ user_id: string }>('SELECT user_id FROM known_devices WHERE token_hash = ?', [hashOf(token)]))?.user_id ?? null;
}

/** After a successful sign-in: the device's token (a new one when it had none for this user). */
export async function rememberDevice(db: Db, userId: string, token: string | undefined, now: number): Promise<string> {
  if (token !== undefined && (await deviceUser(db, token)) === userId) {
    await db.run('UPDATE known_devices SET last_at = ? WHERE token_hash = ?', [now, hashOf(token)]);
    return token;
  }
  const fresh = randomBytes(32).toString('base64url');
  await db.run('INSERT INTO known_devices (token_hash, user_id, created_at, last_at) VALUES (?, ?, ?, ?)', [hashOf(fresh), userId, now, now]);
  return fresh;
}

export async function lockOf(db: Db, key: string, now: number): Promise<number> {
  const row = await db.get<{ locked_until: unknown }>('SELECT locked_until FROM login_failures WHERE key = ?', [key]);
  const until = row?.locked_until === null || row?.locked_until === undefined ? 0 : int(row.locked_until);
  return until > now ? until : 0;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.run('DELETE FROM login_failures WHERE key = ?', [key]);
}

/** Counts one failure; returns the instant the key is locked until (0 when not locked). */
export async function recordFailure(db: Db, { key, max }: ThrottleKey, throttle: ThrottlePolicy, now: number): Promise<number> {
  return db.transaction(
    async (tx) => {
      const row = await tx.get<{ failures: unknown; first_at: unknown; locked_until: unknown; locks: unknown }>('SELECT failures, first_at, locked_until, locks FROM login_failures WHERE key = ?', [key]);
      const lastLock = row?.locked_until === null || row?.locked_until === undefined ? null : int(row.locked_until);
      const lockOver = lastLock !== null && lastLock <= now;
      // A quiet window after the last failure or lock forgets everything, earlier locks included.
      const quiet = !row || Math.max(int(row.first_at), lastLock ?? 0) + throttle.windowMs <= now;
      const fresh = quiet || lockOver;
      const locks = quiet ? 0 : int(row.locks);
      const failures = fresh ? 1 : int(row.failures) + 1;
      const firstAt = fresh ? now : int(row.first_at);
      const lockFor = Math.min(throttle.lockMs * 2 ** locks, throttle.maxLockMs ?? throttle.lockMs * 16);
      const lockedUntil = failures >= max ? now + lockFor : null;
      await tx.run(
        `INSERT INTO login_failures (key, failures, first_at, locked_until, locks) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at, locked_until = excluded.locked_until, locks = excluded.locks`,
        [key, lockedUntil === null ? failures : 0, firstAt, lockedUntil ?? (lockOver ? null : lastLock), lockedUntil === null ? locks : locks + 1],
      );
      return lockedUntil ?? 0;
    },
    { lock: `anchang:login:${key}` },
  );
}
