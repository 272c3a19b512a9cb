// Every user of the installation with their live memberships: the admin workspace's user list.
import type { Db } from '../store/sql/db.ts';
import { int } from '../store/sql/db.ts';
import type { ProjectRole } from './roles.ts';

export interface DirectoryEntry {
  readonly login: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly admin: boolean;
  readonly memberships: readonly { readonly project: string; readonly role: ProjectRole; readonly staffId: string | null; readonly brokerId: string | null }[];
}

export async function userDirectory(db: Db): Promise<DirectoryEntry[]> {
  const users = await db.all<{ id: string; login: string; display_name: string; active: unknown; admin: unknown }>('SELECT id, login, display_name, active, admin FROM users ORDER BY login');
  const rows = await db.all<{ user_id: string; project: string; role: string; staff_id: string | null; broker_id: string | null }>(
    'SELECT user_id, project, role, staff_id, broker_id FROM memberships WHERE ended_at IS NULL ORDER BY project',
  );
  return users.map((u) => ({
    login: u.login,
    displayName: u.display_name,
    active: int(u.active) === 1,
    admin: int(u.admin) === 1,
    memberships: rows.filter((r) => r.user_id === u.id).map((r) => ({ project: r.project, role: r.role as ProjectRole, staffId: r.staff_id, brokerId: r.broker_id })),
  }));
}
