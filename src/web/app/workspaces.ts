// The workspaces of the app, the roles that use each, and where a role lands after signing in.
import type { AccountRole } from '../../contracts/index.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

export type WorkspaceId = 'desk' | 'board' | 'me' | 'manager' | 'broker' | 'channel';

export interface Workspace {
  readonly id: WorkspaceId;
  readonly label: MessageKey;
  readonly roles: readonly AccountRole[];
}

export const WORKSPACES: readonly Workspace[] = [
  { id: 'desk', label: 'nav.desk', roles: ['frontdesk', 'channelAssistant', 'supervisor', 'manager'] },
  { id: 'me', label: 'nav.me', roles: ['consultant'] },
  { id: 'manager', label: 'nav.manager', roles: ['manager', 'supervisor'] },
  { id: 'board', label: 'nav.board', roles: ['frontdesk', 'channelAssistant', 'consultant', 'supervisor', 'manager'] },
  // ---- the channel (issue 10): the broker's own portal, the channel assistant's workspace ----
  { id: 'broker', label: 'nav.broker', roles: ['broker'] },
  { id: 'channel', label: 'nav.channel', roles: ['channelAssistant', 'manager'] },
];

export function workspacesFor(role: AccountRole): Workspace[] {
  return WORKSPACES.filter((w) => w.roles.includes(role));
}

/** Where a role starts: its own workspace (the manager's desk is the register, not the front desk). */
const LANDING: Readonly<Partial<Record<AccountRole, WorkspaceId>>> = { manager: 'manager', supervisor: 'manager', consultant: 'me', frontdesk: 'desk', channelAssistant: 'channel', broker: 'broker' };

export function landingFor(role: AccountRole): WorkspaceId | null {
  return LANDING[role] ?? null;
}

export function workspacePath(project: string, id: WorkspaceId): string {
  return `/p/${encodeURIComponent(project)}/${id}`;
}
