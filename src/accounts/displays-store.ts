// Paired floor displays (issue 16.1): a TV that shows the board without anyone's session. The TV asks for a
// 6-digit code and holds a secret in its cookie; a manager enters the code with a name, and from then on the
// TV's secret is its credential — the secret itself never passes through the manager's screen. A credential
// has no expiry: it ends when a manager revokes it.
//
// Why tables beside the accounts and not facts in the project's log: a display is a credential, like a
// session, not something that happened on the office's floor — no rule reads it, and a what-if must not
// replay it. The audit is the two append-only tables themselves: `displays` (who paired which TV, when) and
// `display_revocations` (who revoked it, when), each refusing updates and deletes with a trigger, as the read
// log does (SEC-2). Only the pending codes and the last-seen time are mutable, and neither is audit.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Migration } from '../store/sql/migrate.ts';
import type { Db } from '../store/sql/db.ts';
import { int } from '../store/sql/db.ts';

/** How long a code shown on the TV may be entered (the TV asks for a fresh one after). */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Last-seen is written at most this often per display: a board reads every few seconds. */
export const LAST_SEEN_STEP_MS = 60_000;
export const DISPLAY_NAME_MAX = 40;

const tables = `
CREATE TABLE display_codes (
  code TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE displays (
  id TEXT PRIMARY KEY,
  project TEXT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  paired_by TEXT NOT NULL,
  paired_at BIGINT NOT NULL
);
CREATE INDEX displays_by_project ON displays (project, paired_at);
CREATE TABLE display_revocations (
  display_id TEXT PRIMARY KEY REFERENCES displays(id),
  revoked_by TEXT NOT NULL,
  revoked_at BIGINT NOT NULL
);
CREATE TABLE display_last_seen (
  display_id TEXT PRIMARY KEY REFERENCES displays(id),
  at BIGINT NOT NULL
);
`;

const sqliteGuards = ['displays', 'display_revocations']
  .map(
    (t) => `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;`,
  )
  .join('\n');

const postgresGuards = `
CREATE FUNCTION displays_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER displays_no_change BEFORE UPDATE OR DELETE ON displays FOR EACH ROW EXECUTE FUNCTION displays_append_only();
CREATE TRIGGER display_revocations_no_change BEFORE UPDATE OR DELETE ON display_revocations FOR EACH ROW EXECUTE FUNCTION displays_append_only();
`;

export const DISPLAYS_MIGRATION: Migration = { id: '0116-displays', sql: { sqlite: `${tables}${sqliteGuards}`, postgres: `${tables}${postgresGuards}` } };

export interface PairedDisplay {
  readonly id: string;
  readonly project: string;
  readonly name: string;
  /** The manager's login, and the name they sign in under (the screens show names, not logins). */
  readonly pairedBy: string;
  readonly pairedByName: string | null;
  readonly pairedAt: number;
  readonly revokedBy: string | null;
  readonly revokedByName: string | null;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
}

export interface NewPairing {
  /** The TV's secret (its cookie); stored only as a hash. */
  readonly token: string;
  readonly code: string;
  readonly expiresAt: number;
}

export type PairingState =
  | { readonly state: 'waiting'; readonly code: string; readonly expiresAt: number }
  | { readonly state: 'paired'; readonly display: PairedDisplay }
  | { readonly state: 'none' };

export type PairResult = { readonly ok: true; readonly display: PairedDisplay } | { readonly ok: false; readonly code: 'pairing_code_unknown' | 'pairing_code_used' };
export type RevokeResult = { readonly ok: true; readonly display: PairedDisplay } | { readonly ok: false; readonly code: 'not_found' | 'display_already_revoked' };

const LOCK = 'display-pairing';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sixDigits(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

interface DisplayRow {
  id: string;
  project: string;
  name: string;
  paired_by: string;
  paired_by_name: string | null;
  paired_at: unknown;
  revoked_by: string | null;
  revoked_by_name: string | null;
  revoked_at: unknown;
  last_seen: unknown;
}

const SELECT = `SELECT d.id, d.project, d.name, d.paired_by, pu.display_name AS paired_by_name, d.paired_at, r.revoked_by, ru.display_name AS revoked_by_name, r.revoked_at, s.at AS last_seen
  FROM displays d LEFT JOIN display_revocations r ON r.display_id = d.id LEFT JOIN display_last_seen s ON s.display_id = d.id
  LEFT JOIN users pu ON pu.login = d.paired_by LEFT JOIN users ru ON ru.login = r.revoked_by`;

function displayOf(row: DisplayRow): PairedDisplay {
  const nullable = (v: unknown) => (v === null || v === undefined ? null : int(v));
  return {
    id: row.id,
    project: row.project,
    name: row.name,
    pairedBy: row.paired_by,
    pairedByName: row.paired_by_name,
    pairedAt: int(row.paired_at),
    revokedBy: row.revoked_by,
    revokedByName: row.revoked_by_name,
    revokedAt: nullable(row.revoked_at),
    lastSeenAt: nullable(row.last_seen),
  };
}

/** A fresh code for a TV, unique among the codes still pending; expired ones are cleared first. */
export async function startPairing(db: Db, now: number, token: string = randomBytes(32).toString('base64url')): Promise<NewPairing> {
  return db.transaction(
    async (tx) => {
      await tx.run('DELETE FROM display_codes WHERE expires_at <= ?', [now]);
      for (let attempt = 0; attempt < 50; attempt++) {
        const code = sixDigits();
        if (await tx.get('SELECT code FROM display_codes WHERE code = ?', [code])) continue;
        const expiresAt = now + PAIRING_CODE_TTL_MS;
        await tx.run('INSERT INTO display_codes (code, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)', [code, sha256(token), now, expiresAt]);
        return { token, code, expiresAt };
      }
      throw new Error('no free pairing code');
    },
    { lock: LOCK },
  );
}

export async function displayOfToken(db: Db, token: string): Promise<PairedDisplay | null> {
  if (token.length === 0 || token.length > 200) return null;
  const row = await db.get<DisplayRow>(`${SELECT} WHERE d.token_hash = ?`, [sha256(token)]);
  return row ? displayOf(row) : null;
}

/** What the TV holding `token` is: paired (perhaps revoked since), showing a live code, or neither. */
export async function pairingState(db: Db, token: string, now: number): Promise<PairingState> {
  const display = await displayOfToken(db, token);
  if (display) return { state: 'paired', display };
  if (token.length === 0 || token.length > 200) return { state: 'none' };
  const row = await db.get<{ code: string; expires_at: unknown }>('SELECT code, expires_at FROM display_codes WHERE token_hash = ? AND expires_at > ?', [sha256(token), now]);
  return row ? { state: 'waiting', code: row.code, expiresAt: int(row.expires_at) } : { state: 'none' };
}

/**
 * Pairs the TV showing `code` with `project`. Two managers entering one code at once are decided once: under the
 * pairing lock, and by the unique credential column, the second finds the code used.
 */
export async function pairDisplay(db: Db, input: { readonly project: string; readonly code: string; readonly name: string; readonly by: string; readonly now: number }): Promise<PairResult> {
  return db.transaction(
    async (tx) => {
      const pending = await tx.get<{ token_hash: string }>('SELECT token_hash FROM display_codes WHERE code = ? AND expires_at > ?', [input.code, input.now]);
      if (!pending) return { ok: false, code: 'pairing_code_unknown' } as const;
      if (await tx.get('SELECT id FROM displays WHERE token_hash = ?', [pending.token_hash])) return { ok: false, code: 'pairing_code_used' } as const;
      const id = randomUUID();
      await tx.run('INSERT INTO displays (id, project, name, token_hash, paired_by, paired_at) VALUES (?, ?, ?, ?, ?, ?)', [id, input.project, input.name, pending.token_hash, input.by, input.now]);
      const row = await tx.get<DisplayRow>(`${SELECT} WHERE d.id = ?`, [id]);
      return { ok: true, display: displayOf(row as DisplayRow) } as const;
    },
    { lock: LOCK },
  );
}

/** Revokes a display of `project`; a second revocation (or a race of two) finds it revoked already. */
export async function revokeDisplay(db: Db, input: { readonly project: string; readonly id: string; readonly by: string; readonly now: number }): Promise<RevokeResult> {
  const mine = await db.get(`SELECT id FROM displays WHERE id = ? AND project = ?`, [input.id, input.project]);
  if (!mine) return { ok: false, code: 'not_found' };
  const done = await db.run('INSERT INTO display_revocations (display_id, revoked_by, revoked_at) VALUES (?, ?, ?) ON CONFLICT (display_id) DO NOTHING', [input.id, input.by, input.now]);
  if (done.changes === 0) return { ok: false, code: 'display_already_revoked' };
  const row = await db.get<DisplayRow>(`${SELECT} WHERE d.id = ?`, [input.id]);
  return { ok: true, display: displayOf(row as DisplayRow) };
}

/** Which of these displays were revoked (by any process): the live streams' watch asks it once a second. */
export async function revokedAmong(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<{ display_id: string }>(`SELECT display_id FROM display_revocations WHERE display_id IN (${ids.map(() => '?').join(', ')})`, ids);
  return rows.map((r) => r.display_id);
}

/** A project's displays, the newest pairing first, revoked ones included (they are the audit). */
export async function displaysOf(db: Db, project: string): Promise<PairedDisplay[]> {
  return (await db.all<DisplayRow>(`${SELECT} WHERE d.project = ? ORDER BY d.paired_at DESC, d.id`, [project])).map(displayOf);
}

/** Notes that the display read the board; written at most once a `LAST_SEEN_STEP_MS`. */
export async function touchDisplay(db: Db, id: string, now: number): Promise<void> {
  await db.run(
    'INSERT INTO display_last_seen (display_id, at) VALUES (?, ?) ON CONFLICT (display_id) DO UPDATE SET at = excluded.at WHERE display_last_seen.at <= ?',
    [id, now, now - LAST_SEEN_STEP_MS],
  );
}
