// 显示屏 (tv-pairing, issue 16.1): the manager pairs a floor TV by the code it shows on /pair and names it,
// sees every display paired here (who paired it, when, when it was last seen — revoked ones stay listed, as the
// audit) and unpairs one: its board stops at once.
import { Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { DisplayRecord } from '../../contracts/index.ts';
import { listDisplays, pairDisplay, revokeDisplay } from '../api/display-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useAction } from '../shared/use-action.ts';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useProjectTime } from '../shared/project-time.ts';
import { useLoad } from '../shared/use-load.ts';

interface PairValues {
  readonly code: string;
  readonly name: string;
}

export function DisplaysTab() {
  const { t } = useI18n();
  const { project } = useProject();
  const { dateTime } = useProjectTime();
  const displays = useLoad(() => listDisplays(project), [project]);
  const [form] = Form.useForm<PairValues>();
  // One write at a time, its message after, its problem on the page.
  const { run, busy, problem, clearProblem } = useAction();

  const pair = async (v: PairValues) => {
    const name = v.name.trim();
    if (await run(() => pairDisplay(project, { code: v.code.trim(), name }), t('displays.pairedDone', { name }), displays.reload)) form.resetFields();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="displays-tab">
      <Card size="small" title={t('displays.pairTitle')}>
        <Typography.Paragraph type="secondary">{t('displays.pairHelp', { url: `${window.location.origin}/pair` })}</Typography.Paragraph>
        <Form form={form} layout="inline" initialValues={{ name: t('displays.namePlaceholder') }} onFinish={(v) => void pair(v)} onValuesChange={clearProblem}>
          <Form.Item name="code" label={t('displays.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('displays.codeInvalid') }]}>
            <Input data-testid="display-code" inputMode="numeric" maxLength={6} placeholder="000000" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="name" label={t('displays.name')} rules={[{ required: true, whitespace: true, message: t('displays.nameRequired') }, { max: 40, message: t('check.tooLong') }]}>
            <Input data-testid="display-name" placeholder={t('displays.namePlaceholder')} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="display-pair" data-action="pairDisplay">
            {t('displays.pair')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert problem={problem ?? displays.problem} testId="displays-error" />
      <Table<DisplayRecord>
        size="small"
        rowKey="id"
        pagination={{ hideOnSinglePage: true }}
        title={() => t('displays.listTitle')}
        loading={displays.loading && displays.data === null}
        dataSource={[...(displays.data ?? [])]}
        locale={{ emptyText: t('displays.empty') }}
        data-testid="displays-table"
        onRow={(d) => ({ 'data-testid': `display-row-${d.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('displays.colName'), dataIndex: 'name' },
          { title: t('displays.colPairedBy'), key: 'pairedBy', render: (_: unknown, d) => d.pairedByName ?? d.pairedBy },
          { title: t('displays.colPairedAt'), dataIndex: 'pairedAt', render: (at: number) => dateTime(at) },
          { title: t('displays.colLastSeen'), dataIndex: 'lastSeenAt', render: (at: number | null) => (at === null ? t('displays.neverSeen') : dateTime(at)) },
          {
            title: t('displays.colState'),
            key: 'state',
            render: (_: unknown, d) =>
              d.revokedAt === null ? (
                <Space>
                  <Tag color="green">{t('displays.active')}</Tag>
                  <Popconfirm title={t('displays.revokeConfirm', { name: d.name })} onConfirm={() => void run(() => revokeDisplay(project, d.id), t('displays.revokedDone', { name: d.name }), displays.reload)}>
                    <Button size="small" danger data-testid="display-revoke" data-action="revokeDisplay">
                      {t('displays.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Tag>{t('displays.revokedAt', { time: dateTime(d.revokedAt), by: d.revokedByName ?? d.revokedBy ?? '' })}</Tag>
              ),
          },
        ]}
      />
    </Space>
  );
}
