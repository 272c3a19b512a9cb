// The consultant's place on today's floor and the buttons that change it: sign in to the queue (ROT-1),
// away privately or on business (ROT-5, ROT-6), back, done receiving, sign out.
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { command, type CommandName } from '../api/api-client.ts';
import type { Board } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useProject } from '../session/project.context.tsx';
import { minutesSince } from '../shared/format-time.ts';
import { useProjectTime } from '../shared/project-time.ts';
import { useNow } from '../shared/use-now.ts';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';

type FloorAction = { readonly name: Extract<CommandName, 'signIn' | 'signOut' | 'back' | 'done' | 'reclassify' | 'decline'>; readonly label: MessageKey } | { readonly name: 'away'; readonly reason: 'private' | 'business'; readonly label: MessageKey };

const AWAY_PRIVATE: FloorAction = { name: 'away', reason: 'private', label: 'me.awayPrivate' };
const AWAY_BUSINESS: FloorAction = { name: 'away', reason: 'business', label: 'me.awayBusiness' };
const SIGN_OUT: FloorAction = { name: 'signOut', label: 'me.signOut' };

export function MyFloorCard({ board }: { readonly board: Board | null }) {
  const { t } = useI18n();
  const { clock } = useProjectTime();
  const { project, staffId } = useProject();
  const now = useNow(30_000);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const seat = board?.seats.find((s) => s.who === staffId) ?? null;
  const up = board?.up?.who === staffId;
  const place = seat && board ? board.queue.indexOf(seat.unit) + 1 : 0;

  const actions: readonly FloorAction[] = !seat
    ? [{ name: 'signIn', label: 'me.signIn' }]
    : seat.state === 'busy'
      ? // Receiving: done, or (issue 12.6) the party is no customer (ROT-3), or declined on the turn (ROT-4).
        [{ name: 'done', label: 'me.done' }, { name: 'reclassify', label: 'me.reclassify' }, { name: 'decline', label: 'me.decline' }]
      : seat.state === 'private' || seat.state === 'business'
        ? [{ name: 'back', label: 'me.back' }, SIGN_OUT]
        : seat.state === 'suspended'
          ? [SIGN_OUT]
          : [AWAY_PRIVATE, AWAY_BUSINESS, SIGN_OUT];

  const run = async (a: FloorAction) => {
    setBusy(a.label);
    setProblem(null);
    try {
      const key = { idempotencyKey: newIdempotencyKey() };
      if (a.name === 'away') await command(project, 'away', { reason: a.reason }, key);
      else await command(project, a.name, {}, key);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" className="my-floor" data-testid="my-floor">
      {up && (
        <Alert type="success" showIcon title={t('me.youAreUp')} className="my-up" data-testid="me-up" />
      )}
      <Space wrap align="center" className="my-state">
        <Typography.Text strong data-testid="me-state" data-state={seat?.state ?? 'notSignedIn'}>
          {t('me.state', { state: t(`seat.${seat?.state ?? 'notSignedIn'}`) })}
        </Typography.Text>
        {seat && place > 0 && <Tag>{t('me.position', { n: place })}</Tag>}
        {seat?.busySince != null && <Tag color="blue">{`${clock(seat.busySince)} · ${t('board.since', { minutes: minutesSince(seat.busySince, now) })}`}</Tag>}
        {seat && (board?.makeUps[seat.unit] ?? 0) > 0 && <Tag color="gold">{t('board.owed', { n: board?.makeUps[seat.unit] ?? 0 })}</Tag>}
      </Space>
      <div className="my-actions">
        {actions.map((a) => (
          <Button key={a.label} size="large" type={a.name === 'signIn' || a.name === 'back' || a.name === 'done' ? 'primary' : 'default'} loading={busy === a.label} disabled={busy !== null} onClick={() => void run(a)} data-testid={`me-${a.label.slice(3)}`} data-action={a.name}>
            {t(a.label)}
          </Button>
        ))}
      </div>
      <ErrorAlert problem={problem} testId="me-floor-error" />
    </Card>
  );
}
