// The header every workspace but the TV board has: the project, the workspaces of the caller's role,
// the language switch and signing out. Narrow screens (the consultant's phone) get a compact header.
import { Button, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useSession, useSignedIn } from '../session/session.context.tsx';
import { workspacePath, workspacesFor, type WorkspaceId } from './workspaces.ts';

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Button size="small" type="text" className="header-button" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')} data-testid="language-switch">
      {t('app.language')}
    </Button>
  );
}

/** The language switch and signing out, at the right of every header. */
export function SignedInActions() {
  const { t } = useI18n();
  const { signOut } = useSession();
  return (
    <>
      <LanguageSwitch />
      <Button size="small" type="text" className="header-button" onClick={() => void signOut()} data-testid="logout">
        {t('app.logout')}
      </Button>
    </>
  );
}

export function WorkspaceLayout({ current, children }: { readonly current: WorkspaceId; readonly children: ReactNode }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const membership = useProject();
  const navigate = useNavigate();
  const items = workspacesFor(membership.role).map((w) => ({ key: w.id, label: t(w.label) }));
  return (
    <Layout className="workspace">
      <Layout.Header className="workspace-header">
        <Typography.Text strong className="workspace-brand">
          {membership.projectName ?? membership.project}
        </Typography.Text>
        {/* Links as buttons, not antd's Menu: a role has one to three workspaces, and Menu would put
            ~13 kB of compressed JavaScript into every screen's first load (issue 13). */}
        <nav className="workspace-nav">
          {items.map((w) => (
            <Button
              key={w.key}
              type="text"
              className={w.key === current ? 'header-button workspace-nav-current' : 'header-button'}
              aria-current={w.key === current ? 'page' : undefined}
              onClick={() => navigate(workspacePath(membership.project, w.key))}
            >
              {w.label}
            </Button>
          ))}
        </nav>
        <Space size={4} className="workspace-user">
          <Typography.Text className="workspace-name">
            {session.user.displayName} · {t(`role.${membership.role}`)}
          </Typography.Text>
          {session.user.admin && (
            <Button size="small" type="text" className="header-button" onClick={() => navigate('/admin')} data-testid="to-admin">
              {t('nav.admin')}
            </Button>
          )}
          <SignedInActions />
        </Space>
      </Layout.Header>
      <Layout.Content className="workspace-content">{children}</Layout.Content>
    </Layout>
  );
}
