// The desk's glance at the floor: the queue in order with each person's state (live).
import { Badge, Tag } from 'antd';
import { Panel } from '../shared/panel.component.tsx';
import type { Board, SeatState } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

const STATE_COLOUR: Readonly<Record<SeatState, string>> = { available: 'green', busy: 'blue', private: 'default', business: 'purple', suspended: 'red' };

export function FloorMini({ board, live }: { readonly board: Board | null; readonly live: boolean }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const order = board ? [...board.seats].sort((a, b) => board.queue.indexOf(a.unit) - board.queue.indexOf(b.unit)) : [];
  return (
    <Panel title={t('desk.seatsTitle')} extra={<Badge status={live ? 'success' : 'warning'} text={t(live ? 'board.live' : 'board.reconnecting')} />} data-testid="floor-mini">
      <ol className="floor-mini">
        {order.map((s) => (
          <li key={s.who} data-testid={`mini-${s.who}`} data-state={s.state}>
            <span className={board?.up?.who === s.who ? 'floor-mini-up' : undefined}>{nameOf(s.who)}</span>
            <Tag color={STATE_COLOUR[s.state]}>{t(`seat.${s.state}`)}</Tag>
            {(board?.makeUps[s.unit] ?? 0) > 0 && <Tag color="gold">{t('board.owed', { n: board?.makeUps[s.unit] ?? 0 })}</Tag>}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
