// 渠道排行: brokers by reports → visits → deals (the funnel the channel is paid on), with violations (a
// fake customer, CH-7) beside them, as a table and a chart (its own chunk); and the brokers whose refused
// reports in the last hour look like probing for protected numbers (CH-3), held back or not.
import { Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import type { BrokerRankRow, ProbeRow } from '../../contracts/index.ts';
import { PageLoading } from '../app/page-loading.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ChannelTable } from './channel-table.component.tsx';

const RankingChart = lazy(() => import('./ranking-chart.component.tsx').then((m) => ({ default: m.RankingChart })));

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');

export function Ranking({ rows, probes }: { readonly rows: readonly BrokerRankRow[]; readonly probes: readonly ProbeRow[] }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="ranking">
      <Suspense fallback={<PageLoading />}>{rows.length > 0 && <RankingChart rows={rows} />}</Suspense>
      <ChannelTable
        rows={rows}
        rowKey="broker"
        testId="ranking-table"
        empty="ch.noRanking"
        columns={({ t, broker }) => [
          { title: '#', key: 'rank', width: 48, render: (_v, _r, i) => i + 1 },
          broker,
          { title: t('broker.company'), dataIndex: 'company', render: (c: string | null) => c ?? t('broker.kind.individual') },
          { title: t('ch.rank.reports'), dataIndex: 'reports' },
          { title: t('ch.rank.accepted'), dataIndex: 'accepted' },
          { title: t('ch.rank.visits'), dataIndex: 'visits', render: (v: number, r) => `${v}（${percent(v, r.accepted)}）` },
          { title: t('ch.rank.deals'), dataIndex: 'deals', render: (v: number, r) => `${v}（${percent(v, r.visits)}）` },
          { title: t('ch.rank.violations'), dataIndex: 'violations', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0) },
        ]}
      />
      {probes.length > 0 && (
        <>
          <Typography.Title level={5}>{t('ch.probes')}</Typography.Title>
          <ChannelTable
            rows={probes}
            rowKey="broker"
            testId="probes-table"
            columns={({ t, broker }) => [
              broker,
              { title: t('ch.refusedLastHour'), dataIndex: 'refusedLastHour' },
              { title: t('ch.limited'), dataIndex: 'limited', render: (l: boolean) => <Tag color={l ? 'red' : 'default'}>{t(l ? 'ch.limitedYes' : 'ch.limitedNo')}</Tag> },
            ]}
          />
        </>
      )}
    </Space>
  );
}
