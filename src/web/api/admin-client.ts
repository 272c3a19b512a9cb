// The admin workspace's calls (/api/admin/…, /api/projects): users and roles, the audit, SEC-5 erasures.
// The projects' own setup goes through `command` (addStaff, addBroker, setPolicy) and the unit import.
import type { AccountChangeView, DirectoryEntry, ProjectInfo, ProjectRole } from '../../contracts/index.ts';
import { request, seg } from './http.ts';

export type AdminProject = ProjectInfo & { readonly role: string };

export function listProjects(): Promise<readonly AdminProject[]> {
  return request<{ projects: readonly AdminProject[] }>('GET', '/api/projects').then((r) => r.projects);
}

export function createProject(body: { readonly id: string; readonly name: string; readonly zone?: string }): Promise<ProjectInfo> {
  return request<ProjectInfo>('POST', '/api/projects', body);
}

export function listUsers(): Promise<readonly DirectoryEntry[]> {
  return request<{ users: readonly DirectoryEntry[] }>('GET', '/api/admin/users').then((r) => r.users);
}

export function createUser(body: { readonly login: string; readonly displayName: string; readonly password: string }): Promise<DirectoryEntry> {
  return request<DirectoryEntry>('POST', '/api/admin/users', body);
}

export interface RoleGrant {
  readonly project: string;
  readonly role: ProjectRole;
  readonly staffId?: string;
  readonly brokerId?: string;
}

export function grantRole(login: string, body: RoleGrant): Promise<unknown> {
  return request('POST', `/api/admin/users/${seg(login)}/roles`, body);
}

export function endRole(login: string, project: string): Promise<unknown> {
  return request('POST', `/api/admin/users/${seg(login)}/roles/end`, { project });
}

export function setUserActive(login: string, active: boolean): Promise<unknown> {
  return request('POST', `/api/admin/users/${seg(login)}/active`, { active });
}

export function resetPassword(login: string, password: string): Promise<unknown> {
  return request('POST', `/api/admin/users/${seg(login)}/password`, { password });
}

export function accountChanges(): Promise<readonly AccountChangeView[]> {
  return request<{ changes: readonly AccountChangeView[] }>('GET', '/api/admin/changes').then((r) => r.changes);
}

export function pendingErasures(): Promise<readonly AccountChangeView[]> {
  return request<{ pending: readonly AccountChangeView[] }>('GET', '/api/admin/erasures').then((r) => r.pending);
}

export function requestErasure(body: { readonly project: string; readonly phone: string; readonly reason: string }): Promise<unknown> {
  return request('POST', '/api/admin/erasures', body);
}

export function approveErasure(id: number, phone: string): Promise<unknown> {
  return request('POST', `/api/admin/erasures/${id}/approve`, { phone });
}

/** Whether the install is empty and needs its first administrator (asked before signing in). */
export function firstRun(): Promise<{ readonly needsAdmin: boolean }> {
  return request<{ needsAdmin: boolean }>('GET', '/api/setup');
}

export function createFirstAdmin(body: { readonly login: string; readonly displayName: string; readonly password: string }): Promise<DirectoryEntry> {
  return request<DirectoryEntry>('POST', '/api/setup/admin', body);
}
