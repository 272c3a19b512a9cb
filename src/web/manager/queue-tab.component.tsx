// 队列调整 (ROT-1): the manager moves people up and down today's queue and says why; the reason is
// recorded with the new order.
import { App, Button, Card, Form, Input, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Board } from '../../contracts/index.ts';
import { useCommandForm } from '../customers/use-command-form.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';

const FIELDS = ['reason'];

export function QueueTab({ board }: { readonly board: Board | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { nameOf } = useStaffNames();
  const [order, setOrder] = useState<readonly string[]>([]);
  const [form] = Form.useForm<{ reason: string }>();
  const queueKey = board?.queue.join('|') ?? '';
  useEffect(() => setOrder(queueKey ? queueKey.split('|') : []), [queueKey]);
  const { submit, busy, problem, clearProblem } = useCommandForm(form, 'reorder', FIELDS, () => {
    form.resetFields();
    void message.success(t('mgr.reordered'));
  });

  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    setOrder(next);
  };

  return (
    <Card size="small" title={t('mgr.reorder')} data-testid="queue-tab">
      <List
        size="small"
        dataSource={[...order]}
        renderItem={(unit, i) => (
          <List.Item
            actions={[
              <Button key="up" size="small" disabled={i === 0} onClick={() => move(i, -1)}>
                {t('mgr.moveUp')}
              </Button>,
              <Button key="down" size="small" disabled={i === order.length - 1} onClick={() => move(i, 1)}>
                {t('mgr.moveDown')}
              </Button>,
            ]}
          >
            {i + 1}. {nameOf(unit)}
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" onFinish={(v) => void submit({ order, reason: v.reason.trim() })} onValuesChange={clearProblem}>
        <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true, whitespace: true, message: t('check.reasonRequired') }, { max: 500, message: t('check.tooLong') }]}>
          <Input data-testid="reorder-reason" />
        </Form.Item>
        <ErrorAlert problem={problem} />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={order.length === 0}>
            {t('mgr.reorder')}
          </Button>
          <Typography.Text type="secondary">{t('mgr.reorderHint')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
