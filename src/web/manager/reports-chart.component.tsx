// 来人来电 by hour as stacked bars (ECharts, loaded with the reports tab): new and returning visits, and calls.
// The figures are also written out as text for tests and screen readers.
import { useMemo } from 'react';
import type { VisitCellView } from '../../contracts/index.ts';
import { Chart } from '../charts/chart.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';

export function ReportsChart({ hours }: { readonly hours: readonly VisitCellView[] }) {
  const { t } = useI18n();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: hours.map((h) => `${h.key ?? ''}:00`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', stack: 'v', name: t('rep.newVisits'), data: hours.map((h) => h.newVisits.length), itemStyle: { color: '#1677ff' } },
        { type: 'bar', stack: 'v', name: t('rep.returningVisits'), data: hours.map((h) => h.visits.length - h.newVisits.length), itemStyle: { color: '#69b1ff' } },
        { type: 'bar', name: t('rep.calls'), data: hours.map((h) => h.calls.length), itemStyle: { color: '#faad14' } },
      ],
      animationDuration: 300,
    }),
    [hours, t],
  );
  return (
    <>
      <Chart option={option} height={260} label={t('rep.byHour')} />
      <ul className="visually-hidden" data-testid="rep-chart-list">
        {hours.map((h) => (
          <li key={String(h.key)}>
            {h.key}:00 {t('rep.visits')} {h.visits.length} {t('rep.calls')} {h.calls.length}
          </li>
        ))}
      </ul>
    </>
  );
}
