// 员工与团队: the project's staff (a fact, staffJoined, per person) with their role and team, and the
// person's sign-in account in the same step (an audited account change) when they need one.
import { Button, Card, Form, Input, Select, Space, Table } from 'antd';
import { command, getStaff } from '../api/api-client.ts';
import { createUser, grantRole } from '../api/admin-client.ts';
import type { RosterMember, StaffRole } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useLoad } from '../shared/use-load.ts';
import { AccountFields, hasAccount, type AccountValues } from './account-fields.component.tsx';
import { useAction } from '../shared/use-action.ts';

const STAFF_ROLES: readonly StaffRole[] = ['consultant', 'supervisor', 'manager', 'frontdesk', 'channelAssistant'];

interface NewStaff extends AccountValues {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly team?: string;
}

export function AdminStaff({ project, onChanged }: { readonly project: string; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewStaff>();
  const staff = useLoad(() => getStaff(project), [project]);
  const { run, busy, problem } = useAction();
  const submit = (v: NewStaff) =>
    void run(
      async () => {
        const id = v.id.trim();
        const team = v.team?.trim();
        await command(project, 'addStaff', { staff: { id, role: v.role, name: v.name.trim(), ...(team ? { team } : {}) } });
        if (hasAccount(v)) {
          await createUser({ login: v.login.trim(), displayName: v.displayName.trim(), password: v.password });
          await grantRole(v.login.trim(), { project, role: v.role, staffId: id });
        }
      },
      t('admin.staffAdded'),
      () => {
        form.resetFields();
        staff.reload();
        onChanged();
      },
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert problem={problem ?? staff.problem} />
      <Table<RosterMember>
        size="small"
        rowKey="id"
        pagination={false}
        loading={staff.loading && staff.data === null}
        dataSource={[...(staff.data ?? [])]}
        data-testid="admin-staff-table"
        columns={[
          { title: t('admin.staffId'), dataIndex: 'id' },
          { title: t('admin.staffName'), dataIndex: 'name' },
          { title: t('mgr.role'), dataIndex: 'role', render: (r: StaffRole) => t(`role.${r}`) },
          { title: t('admin.team'), dataIndex: 'team', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Card size="small" title={t('admin.newStaff')}>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'consultant' }} data-testid="admin-staff-form" style={{ maxWidth: 480 }}>
          <Form.Item name="id" label={t('admin.staffId')} rules={[{ required: true, message: t('check.invalid') }]}>
            <Input data-testid="admin-staff-id" />
          </Form.Item>
          <Form.Item name="name" label={t('admin.staffName')} rules={[{ required: true, message: t('check.invalid') }]}>
            <Input data-testid="admin-staff-name" />
          </Form.Item>
          <Form.Item name="role" label={t('mgr.role')}>
            <Select data-testid="admin-staff-role" options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="team" label={t('admin.team')}>
            <Input />
          </Form.Item>
          <AccountFields optional prefix="admin-staff" />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="admin-staff-add">
            {t('admin.add')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
