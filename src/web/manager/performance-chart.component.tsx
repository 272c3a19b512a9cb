// The consultants' month as grouped bars (ECharts core + bar chart only, loaded with this tab): parties
// received, valid registrations, follow-ups that reached the customer, orders. The figures are also
// written out as text for tests and screen readers.
import { useMemo } from 'react';
import type { ConsultantMonth } from '../../contracts/index.ts';
import { Chart } from '../charts/chart.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

const SERIES = [
  { key: 'receivedTotal', label: 'perf.received', color: '#1677ff' },
  { key: 'validRegistrations', label: 'perf.validRegistrations', color: '#52c41a' },
  { key: 'reached', label: 'perf.reached', color: '#faad14' },
  { key: 'orders', label: 'perf.orders', color: '#eb2f96' },
] as const;

export function PerformanceChart({ rows }: { readonly rows: readonly ConsultantMonth[] }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => r.name ?? nameOf(r.who)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: SERIES.map((s) => ({ type: 'bar', name: t(s.label), data: rows.map((r) => r[s.key]), itemStyle: { color: s.color }, barMaxWidth: 24 })),
      animationDuration: 300,
    }),
    [rows, nameOf, t],
  );
  return (
    <>
      <Chart option={option} height={300} label={t('perf.chart')} />
      <ul className="visually-hidden" data-testid="perf-chart-list">
        {rows.map((r) => (
          <li key={r.who} data-who={r.who} data-received={r.receivedTotal}>
            {r.name ?? nameOf(r.who)} {SERIES.map((s) => `${t(s.label)} ${r[s.key]}`).join(' ')}
          </li>
        ))}
      </ul>
    </>
  );
}
