// The audit of account changes made from the admin workspace: users created, disabled and enabled,
// passwords reset, roles granted and ended, erasures requested and approved (SEC-5). Accounts live outside
// the projects' fact logs, so this table is their record: append-only like the read log (SEC-2), with a
// trigger on each engine refusing updates and deletes.
import type { Migration } from '../store/sql/migrate.ts';
import type { Db } from '../store/sql/db.ts';
import { int } from '../store/sql/db.ts';

export type AccountChangeAction =
  | 'userCreated'
  | 'userDisabled'
  | 'userEnabled'
  | 'passwordReset'
  | 'roleGranted'
  | 'roleEnded'
  | 'erasureRequested'
  | 'erasureApproved';

export interface AccountChange {
  readonly id: number;
  readonly at: number;
  /** The admin who made the change. */
  readonly byLogin: string;
  readonly action: AccountChangeAction;
  /** The login the change is about (the requester, for an erasure). */
  readonly login: string | null;
  readonly project: string | null;
  /** Further particulars (the role granted; an erasure's phone key and reason) — never a password. */
  readonly detail: Readonly<Record<string, string>>;
}

const table = (id: string) => `
CREATE TABLE account_changes (
  id ${id},
  at BIGINT NOT NULL,
  by_login TEXT NOT NULL,
  action TEXT NOT NULL,
  login TEXT,
  project TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX account_changes_by_action ON account_changes (action, id);
`;

const sqlite = `${table('INTEGER PRIMARY KEY AUTOINCREMENT')}
CREATE TRIGGER account_changes_no_update BEFORE UPDATE ON account_changes BEGIN SELECT RAISE(ABORT, 'account_changes is append-only'); END;
CREATE TRIGGER account_changes_no_delete BEFORE DELETE ON account_changes BEGIN SELECT RAISE(ABORT, 'account_changes is append-only'); END;
`;

const postgres = `${table('BIGSERIAL PRIMARY KEY')}
CREATE FUNCTION account_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'account_changes is append-only';
END
$$;
CREATE TRIGGER account_changes_no_change BEFORE UPDATE OR DELETE ON account_changes FOR EACH ROW EXECUTE FUNCTION account_changes_append_only();
`;

export const ACCOUNT_CHANGES_MIGRATION: Migration = { id: '0103-account-changes', sql: { sqlite, postgres } };

export async function recordAccountChange(db: Db, change: Omit<AccountChange, 'id'>): Promise<number> {
  const row = await db.get<{ id: unknown }>('INSERT INTO account_changes (at, by_login, action, login, project, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING id', [
    change.at,
    change.byLogin,
    change.action,
    change.login,
    change.project,
    JSON.stringify(change.detail),
  ]);
  return int(row?.id);
}

interface ChangeRow {
  id: unknown;
  at: unknown;
  by_login: string;
  action: string;
  login: string | null;
  project: string | null;
  detail: string;
}

function changeOf(row: ChangeRow): AccountChange {
  return { id: int(row.id), at: int(row.at), byLogin: row.by_login, action: row.action as AccountChangeAction, login: row.login, project: row.project, detail: JSON.parse(row.detail) as Record<string, string> };
}

/** The newest changes first. */
export async function accountChanges(db: Db, limit = 200): Promise<AccountChange[]> {
  const rows = await db.all<ChangeRow>('SELECT id, at, by_login, action, login, project, detail FROM account_changes ORDER BY id DESC LIMIT ?', [limit]);
  return rows.map(changeOf);
}

export async function accountChange(db: Db, id: number): Promise<AccountChange | null> {
  const row = await db.get<ChangeRow>('SELECT id, at, by_login, action, login, project, detail FROM account_changes WHERE id = ?', [id]);
  return row ? changeOf(row) : null;
}

/** Whether an erasure request has been approved already (its approval names it in `detail.request`). */
export async function erasureApproved(db: Db, requestId: number): Promise<boolean> {
  const rows = await db.all<ChangeRow>("SELECT id, at, by_login, action, login, project, detail FROM account_changes WHERE action = 'erasureApproved'", []);
  return rows.map(changeOf).some((c) => c.detail.request === String(requestId));
}
