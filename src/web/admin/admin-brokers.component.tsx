// 渠道: a broker is listed in the project (addBroker, a fact) and given the account its people sign in
// with (an audited account change). The report rules themselves are not set here.
import { Button, Card, Form, Input, Select, Space, Switch } from 'antd';
import { command } from '../api/api-client.ts';
import { createUser, grantRole } from '../api/admin-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { AccountFields, type AccountValues } from './account-fields.component.tsx';
import { useAction } from '../shared/use-action.ts';

type BrokerKind = 'agency' | 'distributor' | 'individual';
const KINDS: readonly BrokerKind[] = ['agency', 'distributor', 'individual'];

interface NewBroker extends Required<AccountValues> {
  readonly id: string;
  readonly kind: BrokerKind;
  readonly approved: boolean;
}

export function AdminBrokers({ project, onChanged }: { readonly project: string; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewBroker>();
  const { run, busy, problem } = useAction();
  const submit = (v: NewBroker) =>
    void run(
      async () => {
        const id = v.id.trim();
        await command(project, 'addBroker', { broker: { id, kind: v.kind, approved: v.approved } });
        await createUser({ login: v.login.trim(), displayName: v.displayName.trim(), password: v.password });
        await grantRole(v.login.trim(), { project, role: 'broker', brokerId: id });
      },
      t('admin.brokerAdded'),
      () => {
        form.resetFields();
        onChanged();
      },
    );
  return (
    <Card size="small" title={t('admin.newBroker')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ErrorAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'agency', approved: true }} data-testid="admin-broker-form" style={{ maxWidth: 480 }}>
          <Form.Item name="id" label={t('admin.brokerId')} rules={[{ required: true, message: t('check.invalid') }]}>
            <Input data-testid="admin-broker-id" />
          </Form.Item>
          <Form.Item name="kind" label={t('admin.brokerKind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`admin.brokerKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="approved" label={t('admin.brokerApproved')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <AccountFields prefix="admin-broker" />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="admin-broker-add">
            {t('admin.add')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
