// 项目: the offices (projects) of the sales group, and a new one. On an empty install this is the first
// step of the setup wizard: the form is all the page shows.
import { Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { createProject, type AdminProject } from '../api/admin-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useAction } from '../shared/use-action.ts';

interface NewProject {
  readonly id: string;
  readonly name: string;
  readonly zone: string;
}

export function AdminProjects({ projects, onCreated }: { readonly projects: readonly AdminProject[]; readonly onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewProject>();
  const { run, busy, problem } = useAction();
  const submit = (v: NewProject) =>
    void run(() => createProject({ id: v.id.trim(), name: v.name.trim(), zone: v.zone.trim() || 'Asia/Shanghai' }), t('admin.projectCreated'), () => {
      form.resetFields();
      onCreated(v.id.trim());
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {projects.length > 0 && (
        <Table<AdminProject>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={[...projects]}
          data-testid="admin-projects"
          columns={[
            { title: t('admin.projectId'), dataIndex: 'id' },
            { title: t('admin.projectName'), dataIndex: 'name' },
            { title: t('admin.zone'), dataIndex: 'zone' },
          ]}
        />
      )}
      <Card size="small" title={t('admin.newProject')}>
        {projects.length === 0 && <Typography.Paragraph type="secondary">{t('admin.firstRunHint')}</Typography.Paragraph>}
        <ErrorAlert problem={problem} />
        <Form form={form} layout="inline" onFinish={submit} initialValues={{ zone: 'Asia/Shanghai' }} data-testid="admin-project-form">
          <Form.Item name="id" label={t('admin.projectId')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]*$/, message: t('admin.projectIdRule') }]}>
            <Input data-testid="admin-project-id" />
          </Form.Item>
          <Form.Item name="name" label={t('admin.projectName')} rules={[{ required: true, message: t('check.invalid') }]}>
            <Input data-testid="admin-project-name" />
          </Form.Item>
          <Form.Item name="zone" label={t('admin.zone')}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="admin-project-create">
            {t('admin.create')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
