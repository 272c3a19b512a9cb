// The roles a signed-in person can hold. Project roles are held per project (a membership) together
// with the staff id or broker id the person acts as in that project's engine; `admin` is held by the
// installation's user record and covers setting projects up, not customer data.
import type { Role } from '../core/facts.ts';

export type ProjectRole = Role | 'broker';
export type AccountRole = ProjectRole | 'admin';

export const PROJECT_ROLES: readonly ProjectRole[] = ['consultant', 'supervisor', 'manager', 'frontdesk', 'channelAssistant', 'broker'];
export const ACCOUNT_ROLES: readonly AccountRole[] = [...PROJECT_ROLES, 'admin'];

export function isProjectRole(value: string): value is ProjectRole {
  return (PROJECT_ROLES as readonly string[]).includes(value);
}
