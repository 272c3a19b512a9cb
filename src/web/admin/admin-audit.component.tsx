// 审计与删除: the audit of account changes, and the two-person erasure of a customer's personal data
// (SEC-5): one administrator asks, naming the phone and the reason; a second one approves by typing the
// same phone again. The server refuses the asker approving their own request.
import { Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { accountChanges, approveErasure, pendingErasures, requestErasure } from '../api/admin-client.ts';
import type { AccountChangeView } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { dateTime } from '../shared/format-time.ts';
import { useLoad } from '../shared/use-load.ts';
import { useAction } from '../shared/use-action.ts';

/** The audit is installation-wide, not one office's: its times are shown in the group's zone. */
const ZONE = 'Asia/Shanghai';

interface ErasureValues {
  readonly phone: string;
  readonly reason: string;
}

export function AdminAudit({ project }: { readonly project: string | null }) {
  const { t } = useI18n();
  const changes = useLoad(() => accountChanges(), []);
  const pending = useLoad(() => pendingErasures(), []);
  const { run, busy, problem } = useAction();
  const [form] = Form.useForm<ErasureValues>();
  const [phones, setPhones] = useState<Record<number, string>>({});
  const reload = () => {
    changes.reload();
    pending.reload();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert problem={problem ?? changes.problem ?? pending.problem} />
      {project && (
        <Card size="small" title={t('admin.erasure')}>
          <Form form={form} layout="inline" onFinish={(v) => void run(() => requestErasure({ project, ...v }), t('admin.erasureRequested'), () => { form.resetFields(); reload(); })}>
            <Form.Item name="phone" label={t('field.phone')} rules={[{ required: true, message: t('check.invalid') }]}>
              <Input />
            </Form.Item>
            <Form.Item name="reason" label={t('admin.reason')} rules={[{ required: true, message: t('check.invalid') }]}>
              <Input />
            </Form.Item>
            <Button htmlType="submit" danger loading={busy}>
              {t('admin.requestErasure')}
            </Button>
          </Form>
        </Card>
      )}
      <Table<AccountChangeView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...(pending.data ?? [])]}
        locale={{ emptyText: t('admin.noPending') }}
        title={() => t('admin.pendingErasures')}
        columns={[
          { title: t('admin.when'), dataIndex: 'at', render: (at: number) => dateTime(at, ZONE) },
          { title: t('admin.by'), dataIndex: 'byLogin' },
          { title: t('admin.project'), dataIndex: 'project' },
          { title: t('field.phone'), key: 'phone', render: (_v, c) => c.detail.phone },
          { title: t('admin.reason'), key: 'reason', render: (_v, c) => c.detail.reason },
          {
            title: t('admin.actions'),
            key: 'approve',
            render: (_v, c) => (
              <Space.Compact size="small">
                <Input size="small" placeholder={t('admin.retypePhone')} value={phones[c.id] ?? ''} onChange={(e) => setPhones((p) => ({ ...p, [c.id]: e.target.value }))} />
                <Button size="small" danger onClick={() => void run(() => approveErasure(c.id, phones[c.id] ?? ''), t('admin.erased'), reload)}>
                  {t('admin.approveErasure')}
                </Button>
              </Space.Compact>
            ),
          },
        ]}
      />
      <Table<AccountChangeView>
        size="small"
        rowKey="id"
        dataSource={[...(changes.data ?? [])]}
        title={() => t('admin.changes')}
        data-testid="admin-changes"
        columns={[
          { title: t('admin.when'), dataIndex: 'at', render: (at: number) => dateTime(at, ZONE) },
          { title: t('admin.by'), dataIndex: 'byLogin' },
          { title: t('admin.change'), dataIndex: 'action', render: (a: AccountChangeView['action']) => <Tag>{t(`accountChange.${a}`)}</Tag> },
          { title: t('admin.login'), dataIndex: 'login', render: (v: string | null) => v ?? '—' },
          { title: t('admin.project'), dataIndex: 'project', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}
