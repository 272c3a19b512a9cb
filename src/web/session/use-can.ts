// Whether the signed-in person may take an action here: the server's role × endpoint table, as the session
// sent it for this project (issue 16.4). Screens show an action's button only when this says yes, so a
// button is never one the server then refuses; the web keeps no copy of the table.
import { useCallback } from 'react';
import { useProject } from './project.context.tsx';

/** `can('reassign')`: the endpoint (a command's action, or a read) is open to the caller's role here. */
export function useCan(): (endpoint: string) => boolean {
  const { allowed } = useProject();
  return useCallback((endpoint: string) => allowed.includes(endpoint), [allowed]);
}
