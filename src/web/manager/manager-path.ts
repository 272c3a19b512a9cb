import { workspacePath } from '../app/workspaces.ts';

/** A page of the manager's workspace: register, customer/:phone, staff, queue, reads. */
export function managerPath(project: string, sub: string): string {
  return `${workspacePath(project, 'manager')}/${sub}`;
}
