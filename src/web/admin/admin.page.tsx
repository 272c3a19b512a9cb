// 系统管理: the installation administrator's workspace. The offices (projects) of the sales group, and for
// the chosen office its staff and teams, brokers, units (the import wizard), accounts and roles, working
// hours and preset, and the audit with SEC-5 erasures. On an empty install it is a first-run wizard: the
// steps run office → staff → brokers → units → accounts, each one's "next" opening the following tab.
import { Button, Layout, Select, Space, Steps, Tabs, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { listProjects } from '../api/admin-client.ts';
import { SignedInActions } from '../app/workspace-layout.component.tsx';
import { PageLoading } from '../app/page-loading.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ProjectProvider } from '../session/project.context.tsx';
import { useSignedIn } from '../session/session.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useLoad } from '../shared/use-load.ts';
import { AdminAudit } from './admin-audit.component.tsx';
import { AdminBrokers } from './admin-brokers.component.tsx';
import { AdminPolicy } from './admin-policy.component.tsx';
import { AdminProjects } from './admin-projects.component.tsx';
import { AdminStaff } from './admin-staff.component.tsx';
import { AdminUsers } from './admin-users.component.tsx';

const UnitImport = lazy(() => import('../units/unit-import.component.tsx').then((m) => ({ default: m.UnitImport })));

const TABS = ['projects', 'staff', 'brokers', 'units', 'users', 'policy', 'audit'] as const;
type Tab = (typeof TABS)[number];
/** The first-run wizard's steps, in order: the tabs an office needs before its first day. */
const WIZARD: readonly Tab[] = ['projects', 'staff', 'brokers', 'units', 'users'];

export function AdminPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const projects = useLoad(() => listProjects(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('projects');
  const list = projects.data ?? [];
  const project = list.find((p) => p.id === chosen) ?? list[0] ?? null;
  const step = WIZARD.indexOf(tab);
  const needsProject = tab !== 'projects' && tab !== 'users' && tab !== 'audit';

  const body = (() => {
    if (tab === 'projects') return <AdminProjects projects={list} onCreated={(id) => { setChosen(id); projects.reload(); setTab('staff'); }} />;
    if (tab === 'users') return <AdminUsers project={project?.id ?? null} />;
    if (tab === 'audit') return <AdminAudit project={project?.id ?? null} />;
    if (!project) return <Typography.Text type="secondary">{t('admin.chooseProject')}</Typography.Text>;
    if (tab === 'staff') return <AdminStaff key={project.id} project={project.id} onChanged={() => undefined} />;
    if (tab === 'brokers') return <AdminBrokers key={project.id} project={project.id} onChanged={() => undefined} />;
    if (tab === 'policy') return <AdminPolicy key={project.id} project={project.id} />;
    // The unit import wizard works in a project: the admin works in it as the installation's admin.
    return (
      <ProjectProvider membership={{ project: project.id, projectName: project.name, zone: project.zone, brokerNames: {}, role: 'manager', staffId: null, brokerId: null, allowed: ['unitImportPlan', 'unitImportCommit', 'importUnits'] }}>
        <Suspense fallback={<PageLoading />}>
          <UnitImport key={project.id} withGridLink={false} />
        </Suspense>
      </ProjectProvider>
    );
  })();

  return (
    <Layout className="workspace">
      <Layout.Header className="workspace-header">
        <Typography.Text strong className="workspace-brand">
          {t('admin.title')}
        </Typography.Text>
        <Space size={4} className="workspace-user">
          <Typography.Text className="workspace-name">
            {session.user.displayName} · {t('role.admin')}
          </Typography.Text>
          <SignedInActions />
        </Space>
      </Layout.Header>
      <Layout.Content className="workspace-content" data-testid="admin">
        <Space direction="vertical" style={{ width: '100%' }}>
          <ErrorAlert problem={projects.problem} />
          <Space wrap>
            <Typography.Text>{t('admin.project')}</Typography.Text>
            <Select
              style={{ minWidth: 200 }}
              value={project?.id}
              placeholder={t('admin.chooseProject')}
              options={list.map((p) => ({ value: p.id, label: `${p.name}（${p.id}）` }))}
              onChange={(id: string) => setChosen(id)}
              data-testid="admin-project-select"
            />
          </Space>
          <Steps
            size="small"
            current={step}
            onChange={(i) => setTab(WIZARD[i] ?? 'projects')}
            items={WIZARD.map((w) => ({ title: t(`admin.tab.${w}`), disabled: w !== 'projects' && !project }))}
            data-testid="admin-steps"
          />
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as Tab)}
            items={TABS.map((k) => ({ key: k, label: <span data-testid={`admin-tab-${k}`}>{t(`admin.tab.${k}`)}</span>, disabled: k !== 'projects' && k !== 'users' && k !== 'audit' && !project }))}
          />
          {needsProject && project && (
            <Typography.Text type="secondary">
              {t('admin.inProject', { project: project.name })}
            </Typography.Text>
          )}
          {body}
          {step >= 0 && step < WIZARD.length - 1 && project && (
            <Button onClick={() => setTab(WIZARD[step + 1] ?? 'users')} data-testid="admin-next">
              {t('admin.next')}
            </Button>
          )}
        </Space>
      </Layout.Content>
    </Layout>
  );
}
