// 轮排看板: the floor on a TV, full screen, live (ROT-15). Who is up, the next ones, who is busy and for
// how long, who is away and why, suspended, owed make-ups, and today's new parties per consultant.
import { Badge, Tag } from 'antd';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import type { Seat } from '../../contracts/index.ts';
import { LanguageSwitch } from '../app/workspace-layout.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { clock as clockAt, DEFAULT_ZONE, minutesSince } from '../shared/format-time.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useNow } from '../shared/use-now.ts';
import { boardModel, type QueueEntry } from './board-model.ts';
import { useFloorStream } from './use-floor-stream.ts';

const CountsChart = lazy(() => import('./counts-chart.component.tsx').then((m) => ({ default: m.CountsChart })));

function EntryName({ entry }: { readonly entry: QueueEntry }) {
  const { nameOf } = useStaffNames();
  const names = entry.seats.map((s) => nameOf(s.who));
  return <>{names.length > 0 ? names.join('、') : nameOf(entry.unit)}</>;
}

function SeatLine({ seat, extra }: { readonly seat: Seat; readonly extra?: string }) {
  const { nameOf } = useStaffNames();
  return (
    <li className="board-seat" data-testid={`seat-${seat.who}`}>
      <span className="board-seat-name">{nameOf(seat.who)}</span>
      {extra && <span className="board-seat-extra">{extra}</span>}
    </li>
  );
}

/** The board of a staff member's session (/p/:project/board). */
export function FloorBoardPage() {
  const membership = useProject();
  return <FloorBoard project={membership.project} title={membership.projectName ?? membership.project} zone={membership.zone ?? DEFAULT_ZONE} />;
}

/** The board itself, for a session or a paired display (tv-pairing: `onRevoked` when its credential ends). */
export function FloorBoard({ project, title, zone, onRevoked }: { readonly project: string; readonly title: string; readonly zone: string; readonly onRevoked?: () => void }) {
  const { t, locale } = useI18n();
  const clock = (at: number) => clockAt(at, locale, zone);
  const { learn } = useStaffNames();
  const { board, status } = useFloorStream(project, undefined, undefined, onRevoked);
  const now = useNow(15_000);
  useEffect(() => {
    if (board) learn(board.names);
  }, [board, learn]);
  const model = useMemo(() => (board ? boardModel(board) : null), [board]);

  return (
    <div className="board" data-testid="floor-board">
      <header className="board-header">
        <span className="board-title">
          {title} · {t('board.title')}
        </span>
        <span className="board-clock">{clock(now)}</span>
        <span className="board-status" data-testid="board-status" data-status={status}>
          <Badge status={status === 'live' ? 'success' : 'warning'} text={t(status === 'live' ? 'board.live' : 'board.reconnecting')} />
        </span>
        <LanguageSwitch />
      </header>
      {model && board && (
        <main className="board-grid">
          <section className="board-up" data-testid="board-up">
            <h2>{t('board.up')}</h2>
            {model.up ? (
              <div className="board-up-name" data-testid="board-up-name">
                <EntryName entry={model.up} />
                {board.up?.via === 'makeUp' && <Tag color="gold">{t('receiveAs.makeUp')}</Tag>}
              </div>
            ) : (
              <div className="board-up-none">{board.seats.length === 0 ? t('board.empty') : t('board.nobodyUp')}</div>
            )}
          </section>
          <section className="board-next" data-testid="board-next">
            <h2>{t('board.next')}</h2>
            <ol>
              {model.next.map((e) => (
                <li key={e.unit}>
                  <EntryName entry={e} />
                  {e.owed > 0 && <Tag color="gold">{t('board.owed', { n: e.owed })}</Tag>}
                </li>
              ))}
            </ol>
          </section>
          <section className="board-side">
            <div className="board-box" data-testid="board-busy">
              <h3>{t('board.busy')}</h3>
              <ul>
                {model.busy.map((s) => (
                  <SeatLine key={s.who} seat={s} extra={s.busySince === null ? undefined : `${clock(s.busySince)} · ${t('board.since', { minutes: minutesSince(s.busySince, now) })}`} />
                ))}
              </ul>
            </div>
            <div className="board-box" data-testid="board-away">
              <h3>{t('board.away')}</h3>
              <ul>
                {model.away.map((s) => (
                  <SeatLine key={s.who} seat={s} extra={t(`seat.${s.state}`)} />
                ))}
              </ul>
            </div>
            <div className="board-box" data-testid="board-suspended">
              <h3>{t('board.suspended')}</h3>
              <ul>
                {model.suspended.map((s) => (
                  <SeatLine key={s.who} seat={s} />
                ))}
              </ul>
            </div>
            <div className="board-box" data-testid="board-makeups">
              <h3>{t('board.makeUps')}</h3>
              <ul>
                {model.owed.map((e) => (
                  <li key={e.unit} className="board-seat">
                    <span className="board-seat-name">
                      <EntryName entry={e} />
                    </span>
                    <span className="board-seat-extra">{t('board.owed', { n: e.owed })}</span>
                  </li>
                ))}
              </ul>
            </div>
          </section>
          <section className="board-counts" data-testid="board-counts">
            <h3>{t('board.counts')}</h3>
            <Suspense fallback={null}>
              <CountsChart seats={board.seats} />
            </Suspense>
          </section>
        </main>
      )}
    </div>
  );
}
