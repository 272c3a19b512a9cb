// Today's new parties per consultant as bars (a TV reads bars faster than a table). Plain elements, not
// ECharts: the board is a TV's only screen and its first load stays small (issue 13: ECharts alone is
// ~140 kB compressed); each bar is a list item with its name and number as text, for tests and screen readers.
import { useMemo, type CSSProperties } from 'react';
import type { Seat } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

export function CountsChart({ seats }: { readonly seats: readonly Seat[] }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const rows = useMemo(() => [...seats].sort((a, b) => b.newToday - a.newToday || a.who.localeCompare(b.who)), [seats]);
  const most = Math.max(1, ...rows.map((s) => s.newToday));
  return (
    <ul className="board-bars" aria-label={t('board.chart')} data-testid="board-counts-list">
      {rows.map((s) => (
        <li key={s.who} data-who={s.who} data-count={s.newToday} title={t('board.newToday', { n: s.newToday })}>
          <span className="board-bar-name">{nameOf(s.who)}</span>
          <span className="board-bar-track">
            <span className="board-bar" style={{ '--share': s.newToday / most } as CSSProperties} />
          </span>
          <span className="board-bar-count">{s.newToday}</span>
        </li>
      ))}
    </ul>
  );
}
