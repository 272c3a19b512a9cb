// 账号: every user, their roles per project; create one, give or end a role, disable or enable, reset a
// password. Each is an audited account change (GET /api/admin/changes lists them).
import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { createUser, endRole, grantRole, listUsers, resetPassword, setUserActive } from '../api/admin-client.ts';
import type { DirectoryEntry, ProjectRole } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useLoad } from '../shared/use-load.ts';
import { AccountFields, type AccountValues } from './account-fields.component.tsx';
import { useAction } from '../shared/use-action.ts';

const ROLES: readonly ProjectRole[] = ['consultant', 'supervisor', 'manager', 'frontdesk', 'channelAssistant', 'broker'];

interface RoleValues {
  readonly role: ProjectRole;
  readonly actsAs: string;
}

export function AdminUsers({ project }: { readonly project: string | null }) {
  const { t } = useI18n();
  const users = useLoad(() => listUsers(), []);
  const { run, busy, problem } = useAction();
  const [newForm] = Form.useForm<Required<AccountValues>>();
  const [roleForm] = Form.useForm<RoleValues>();
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const [granting, setGranting] = useState<string | null>(null);

  const grant = (login: string, v: RoleValues) =>
    project &&
    void run(() => grantRole(login, { project, role: v.role, ...(v.role === 'broker' ? { brokerId: v.actsAs.trim() } : { staffId: v.actsAs.trim() }) }), t('admin.roleGranted'), () => {
      setGranting(null);
      users.reload();
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert problem={problem ?? users.problem} />
      <Table<DirectoryEntry>
        size="small"
        rowKey="login"
        pagination={false}
        loading={users.loading && users.data === null}
        dataSource={[...(users.data ?? [])]}
        data-testid="admin-users-table"
        columns={[
          { title: t('admin.login'), dataIndex: 'login', render: (v: string) => <span data-testid={`admin-user-${v}`}>{v}</span> },
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.roles'),
            key: 'roles',
            render: (_v, u) => (
              <Space size={4} wrap>
                {u.admin && <Tag color="gold">{t('role.admin')}</Tag>}
                {u.memberships.map((m) => (
                  <Tag key={m.project} closable={m.project === project} onClose={() => void run(() => endRole(u.login, m.project), t('admin.roleEnded'), users.reload)}>
                    {m.project} · {t(`role.${m.role}`)} · {m.staffId ?? m.brokerId}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('admin.state'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('admin.active')}</Tag> : <Tag>{t('admin.disabled')}</Tag>) },
          {
            title: t('admin.actions'),
            key: 'actions',
            render: (_v, u) => (
              <Space wrap>
                <Popconfirm title={t(u.active ? 'admin.disableConfirm' : 'admin.enableConfirm')} onConfirm={() => void run(() => setUserActive(u.login, !u.active), t('admin.saved'), users.reload)}>
                  <Button size="small" data-testid={`admin-toggle-${u.login}`}>
                    {t(u.active ? 'admin.disable' : 'admin.enable')}
                  </Button>
                </Popconfirm>
                <Space.Compact size="small">
                  <Input.Password size="small" placeholder={t('admin.newPassword')} value={passwords[u.login] ?? ''} onChange={(e) => setPasswords((p) => ({ ...p, [u.login]: e.target.value }))} style={{ width: 140 }} />
                  <Button size="small" disabled={(passwords[u.login] ?? '').length === 0} onClick={() => void run(() => resetPassword(u.login, passwords[u.login] ?? ''), t('admin.passwordReset'), () => setPasswords((p) => ({ ...p, [u.login]: '' })))}>
                    {t('admin.resetPassword')}
                  </Button>
                </Space.Compact>
                {project && (
                  <Button size="small" onClick={() => setGranting(granting === u.login ? null : u.login)}>
                    {t('admin.grantRole')}
                  </Button>
                )}
                {granting === u.login && (
                  <Form form={roleForm} layout="inline" onFinish={(v) => grant(u.login, v)} initialValues={{ role: 'consultant' }}>
                    <Form.Item name="role">
                      <Select style={{ width: 120 }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
                    </Form.Item>
                    <Form.Item name="actsAs" rules={[{ required: true, message: t('check.invalid') }]}>
                      <Input placeholder={t('admin.actsAs')} style={{ width: 120 }} />
                    </Form.Item>
                    <Button size="small" htmlType="submit" type="primary" loading={busy}>
                      {t('admin.save')}
                    </Button>
                  </Form>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Card size="small" title={t('admin.newUser')}>
        <Form form={newForm} layout="inline" onFinish={(v) => void run(() => createUser(v), t('admin.userCreated'), () => { newForm.resetFields(); users.reload(); })}>
          <AccountFields prefix="admin-user" />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="admin-user-create">
            {t('admin.create')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
