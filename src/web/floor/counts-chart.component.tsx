// Today's new parties per consultant as bars (a TV reads bars faster than a table); the numbers are
// also written as text for tests and screen readers.
import { useMemo } from 'react';
import type { Seat } from '../../contracts/index.ts';
import { Chart } from '../charts/chart.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

export function CountsChart({ seats }: { readonly seats: readonly Seat[] }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const rows = useMemo(() => [...seats].sort((a, b) => b.newToday - a.newToday || a.who.localeCompare(b.who)), [seats]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#cbd5e1', fontSize: 14 }, splitLine: { lineStyle: { color: '#334155' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((s) => nameOf(s.who)), axisLabel: { color: '#f8fafc', fontSize: 18 } },
      tooltip: { trigger: 'axis' },
      series: [{ type: 'bar', data: rows.map((s) => s.newToday), itemStyle: { color: '#e0a33a' }, label: { show: true, position: 'right', color: '#f8fafc', fontSize: 16 }, barMaxWidth: 28 }],
      animationDuration: 300,
    }),
    [rows, nameOf],
  );
  return (
    <>
      <Chart option={option} height={Math.max(120, rows.length * 40)} label={t('board.chart')} />
      <ul className="visually-hidden" data-testid="board-counts-list">
        {rows.map((s) => (
          <li key={s.who} data-who={s.who} data-count={s.newToday}>
            {nameOf(s.who)} {t('board.newToday', { n: s.newToday })}
          </li>
        ))}
      </ul>
    </>
  );
}
