// 顾问业绩 (REP-1, REP-3 light): each consultant's month — parties received by ground, registrations,
// follow-ups, customers owned now, orders and performance credit — as bars and as a table, best first.
import { Select, Space, Table, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { getPerformance } from '../api/api-client.ts';
import type { ConsultantMonth } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { recentMonths } from '../shared/months.ts';
import { useProjectTime } from '../shared/project-time.ts';
import { receivedBreakdown } from '../shared/received-breakdown.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';

const PerformanceChart = lazy(() => import('./performance-chart.component.tsx').then((m) => ({ default: m.PerformanceChart })));

export function PerformanceTab() {
  const { t } = useI18n();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const { zone } = useProjectTime();
  const [months] = useState(() => recentMonths(Date.now(), 12, zone));
  const [month, setMonth] = useState(months[0] as string);
  const { data, problem, loading } = useLoad(() => getPerformance(project, { month }), [project, month]);
  const rows = data?.consultants ?? [];

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="performance-tab">
      <Space>
        <Typography.Text>{t('perf.month')}</Typography.Text>
        <Select<string> value={month} onChange={setMonth} options={months.map((m) => ({ value: m, label: m }))} style={{ width: 120 }} data-testid="perf-month" />
      </Space>
      <ErrorAlert problem={problem} />
      {rows.length > 0 && (
        <Suspense fallback={<div style={{ height: 300 }} />}>
          <PerformanceChart rows={rows} />
        </Suspense>
      )}
      <Table<ConsultantMonth>
        size="small"
        rowKey="who"
        loading={loading}
        dataSource={[...rows]}
        pagination={false}
        data-testid="perf-table"
        columns={[
          { title: t('field.who'), key: 'who', render: (_v, r) => r.name ?? nameOf(r.who) },
          {
            title: t('perf.received'),
            key: 'received',
            render: (_v, r) => (
              <Tooltip title={receivedBreakdown(t, r.received)}>
                <span>{r.receivedTotal}</span>
              </Tooltip>
            ),
          },
          { title: t('perf.declined'), dataIndex: 'declined' },
          { title: t('perf.validRegistrations'), key: 'reg', render: (_v, r) => `${r.validRegistrations} / ${r.registrations}` },
          { title: t('perf.reached'), key: 'fu', render: (_v, r) => `${r.reached} / ${r.followUps}` },
          { title: t('perf.owned'), dataIndex: 'owned' },
          { title: t('perf.orders'), dataIndex: 'orders' },
          { title: t('perf.credit'), dataIndex: 'credit' },
        ]}
      />
      {data && <Typography.Text data-testid="perf-pool">{t('perf.pool', { credit: data.pool })}</Typography.Text>}
      <Typography.Text type="secondary">{t('perf.note')}</Typography.Text>
    </Space>
  );
}
