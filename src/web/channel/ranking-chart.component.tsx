// Broker ranking as a funnel per broker (ECharts bars, loaded with the ranking tab only): reports
// accepted → visits → deals. The figures are also written out as text for tests and screen readers.
import { useMemo } from 'react';
import type { BrokerRankRow } from '../../contracts/index.ts';
import { Chart } from '../charts/chart.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

const FUNNEL = [
  { key: 'accepted', label: 'ch.rank.accepted', color: '#1677ff' },
  { key: 'visits', label: 'ch.rank.visits', color: '#52c41a' },
  { key: 'deals', label: 'ch.rank.deals', color: '#eb2f96' },
] as const;

export function RankingChart({ rows }: { readonly rows: readonly BrokerRankRow[] }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const option = useMemo(() => {
    const names = rows.map((r) => nameOf(r.broker));
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      // Horizontal bars: broker names are long (company · store), and the best broker reads first.
      yAxis: { type: 'category', data: names, inverse: true },
      xAxis: { type: 'value', minInterval: 1 },
      series: FUNNEL.map((f) => ({ type: 'bar', name: t(f.label), data: rows.map((r) => r[f.key]), itemStyle: { color: f.color }, barMaxWidth: 16 })),
      animationDuration: 300,
    };
  }, [rows, nameOf, t]);
  return (
    <>
      <Chart option={option} height={Math.max(200, 60 + rows.length * 48)} label={t('ch.rankChart')} />
      <ul className="visually-hidden" data-testid="rank-chart-list">
        {rows.map((r) => (
          <li key={r.broker} data-broker={r.broker} data-visits={r.visits}>
            {nameOf(r.broker)} {FUNNEL.map((f) => `${t(f.label)} ${r[f.key]}`).join(' ')}
          </li>
        ))}
      </ul>
    </>
  );
}
