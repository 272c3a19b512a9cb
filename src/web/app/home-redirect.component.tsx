// "/" and "/p/:project": to the first workspace of the caller's role in the project (the first project
// when none is named).
import { Result } from './lazy-result.component.tsx';
import { Navigate, useParams } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useSignedIn } from '../session/session.context.tsx';
import { landingFor, workspacePath } from './workspaces.ts';

export function HomeRedirect() {
  const session = useSignedIn();
  const { t } = useI18n();
  const { project } = useParams();
  const membership = session.memberships.find((m) => project === undefined || m.project === project);
  const landing = membership ? landingFor(membership.role) : null;
  if (membership && !landing) return <Result status="info" title={t('app.noWorkspace', { role: t(`role.${membership.role}`) })} subTitle={t(`app.noWorkspaceHint.${membership.role === 'broker' ? 'broker' : 'other'}`)} data-testid="landing" />;
  // An administrator who works in no office lands in the admin workspace (its first-run wizard on an empty install).
  if ((!membership || !landing) && session.user.admin) return <Navigate to="/admin" replace />;
  if (!membership || !landing) return <Result status="info" title={t('app.noProject')} data-testid="landing" />;
  return <Navigate to={workspacePath(membership.project, landing)} replace />;
}
