// 人员: today's people with their state, and the manager's two sanctions on them: suspension from new
// parties for some days (ROT-14) and departure (OWN-10, SEC-4: customers to the pool, access ends).
import { App, Button, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { command } from '../api/api-client.ts';
import type { Board, Seat } from '../api/api-types.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';

export function StaffTab({ board }: { readonly board: Board | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const [days, setDays] = useState<Record<string, number>>({});
  const [problem, setProblem] = useState<Problem>(null);

  const act = async (run: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await run();
      void message.success(done);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert problem={problem} onClose={() => setProblem(null)} />
      <Table<Seat>
        size="small"
        rowKey="who"
        loading={board === null}
        dataSource={[...(board?.seats ?? [])]}
        pagination={false}
        data-testid="staff-table"
        columns={[
          { title: t('field.who'), dataIndex: 'who', render: (v: string) => nameOf(v) },
          { title: t('mgr.state'), dataIndex: 'state', render: (v: Seat['state']) => <Tag>{t(`seat.${v}`)}</Tag> },
          { title: t('mgr.newToday'), dataIndex: 'newToday' },
          {
            title: t('mgr.suspend'),
            key: 'suspend',
            render: (_v, s) => (
              <Space.Compact>
                <InputNumber min={1} max={365} value={days[s.who] ?? 1} onChange={(n) => setDays({ ...days, [s.who]: n ?? 1 })} aria-label={t('mgr.suspendDays')} style={{ width: 70 }} />
                <Button onClick={() => void act(() => command(project, 'suspend', { who: s.who, days: days[s.who] ?? 1 }, { idempotencyKey: newIdempotencyKey() }), t('mgr.suspended', { days: days[s.who] ?? 1 }))}>{t('mgr.suspend')}</Button>
              </Space.Compact>
            ),
          },
          {
            title: t('mgr.depart'),
            key: 'depart',
            render: (_v, s) => (
              <Popconfirm title={t('mgr.departConfirm', { who: nameOf(s.who) })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act(() => command(project, 'depart', { who: s.who }, { idempotencyKey: newIdempotencyKey() }), t('mgr.departed'))}>
                <Button danger>{t('mgr.depart')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">{t('mgr.rosterNote')}</Typography.Text>
    </Space>
  );
}
