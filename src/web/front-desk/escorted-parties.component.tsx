// 今日渠道带访 (CH-6): today's broker-brought parties, each with the time they came, who received them and
// either the exit time the desk logged or a button that logs it now; a settled viewing confirmation (CH-7)
// shows how it ended. Read from GET /channel/escorted-today, which folds the log: after a reload a logged
// exit still shows its time, and nothing settled reappears as pending.
import { App, Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { EscortedParty } from '../../contracts/index.ts';
import { command } from '../api/api-client.ts';
import { getEscortedToday } from '../api/channel-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useCan } from '../session/use-can.ts';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { Panel } from '../shared/panel.component.tsx';
import { useLoad } from '../shared/use-load.ts';

const CONFIRMATION_COLOR = { confirmed: 'green', refused: 'red', fake: 'volcano' } as const;

export function EscortedParties({ refreshKey }: { readonly refreshKey: unknown }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const can = useCan();
  const today = useLoad(() => getEscortedToday(project), [project, refreshKey]);
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const parties = today.data?.parties ?? [];
  if (parties.length === 0) return null;

  const leave = async (arrival: number) => {
    setBusy(arrival);
    setProblem(null);
    try {
      await command(project, 'leave', { arrival }, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('desk.exitLogged'));
      today.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };

  const exit = (r: EscortedParty) =>
    r.leftAtLocal !== null ? (
      <Typography.Text type="secondary" key="left" data-testid="left-at" data-left={r.leftAt ?? ''}>
        {t('desk.leftAt', { time: r.leftAtLocal.slice(11) })}
      </Typography.Text>
    ) : can('leave') ? (
      <Button key="leave" size="small" loading={busy === r.arrival} onClick={() => void leave(r.arrival)} data-testid="log-exit">
        {t('desk.logExit')}
      </Button>
    ) : null;

  return (
    <Panel title={t('desk.escortedToday')} className="escorted-parties" data-testid="escorted-parties">
      <ErrorAlert problem={problem} testId="exit-error" onClose={() => setProblem(null)} />
      {/* A plain list, not antd's List: that brings Pagination into the desk's first load for a day's few parties. */}
      <ul className="plain-list">
        {parties.map((r) => (
          <li key={r.arrival} data-testid={`escorted-${r.arrival}`} data-left={r.leftAt !== null ? 'yes' : 'no'}>
            <Space size={4} wrap>
              <Typography.Text>
                {r.atLocal?.slice(11) ?? ''} · {nameOf(r.broker)} · {r.customer.phone} · {r.receiver ? nameOf(r.receiver) : t('common.nobody')}
              </Typography.Text>
              {r.confirmation !== null && (
                <Tag color={CONFIRMATION_COLOR[r.confirmation]} data-testid="escorted-confirmation">
                  {t(`desk.confirmation.${r.confirmation}`)}
                </Tag>
              )}
            </Space>
            {exit(r)}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
