// A workspace route: the caller must be a member of the project with a role the workspace serves; the
// page gets the membership from ProjectProvider, inside the header layout unless `bare` (the TV board).
import { useEffect, type ComponentType } from 'react';
import { useParams } from 'react-router';
import { membershipIn, useSignedIn } from '../session/session.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { ProjectProvider } from '../session/project.context.tsx';
import { NotFound } from './not-found.component.tsx';
import { WorkspaceLayout } from './workspace-layout.component.tsx';
import { WORKSPACES, type WorkspaceId } from './workspaces.ts';

export function WorkspaceGate({ workspace, page: Page, bare = false }: { readonly workspace: WorkspaceId; readonly page: ComponentType; readonly bare?: boolean }) {
  const session = useSignedIn();
  const { project = '' } = useParams();
  const membership = membershipIn(session, project);
  const { learn } = useStaffNames();
  const me = membership?.staffId ?? null;
  const brokers = membership?.brokerNames;
  useEffect(() => {
    if (me) learn({ [me]: session.user.displayName });
  }, [me, session.user.displayName, learn]);
  useEffect(() => {
    if (brokers) learn(brokers);
  }, [brokers, learn]);
  const allowed = WORKSPACES.find((w) => w.id === workspace)?.roles ?? [];
  if (!membership) return <NotFound />;
  if (!allowed.includes(membership.role)) return <NotFound forbidden />;
  return <ProjectProvider membership={membership}>{bare ? <Page /> : <WorkspaceLayout current={workspace}><Page /></WorkspaceLayout>}</ProjectProvider>;
}
