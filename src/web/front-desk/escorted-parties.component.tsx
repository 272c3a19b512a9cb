// 渠道带访离场 (CH-6): today's broker-brought parties, each with the time they came and a button that logs
// when they leave. The list is today's receptions (GET /today) that a broker brought; a departure logged
// here is a `leave` fact against that arrival.
import { App, Button, Card, List, Typography } from 'antd';
import { useState } from 'react';
import { command, getToday } from '../api/api-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useProjectTime } from '../shared/project-time.ts';

export function EscortedParties({ refreshKey }: { readonly refreshKey: unknown }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const { clock } = useProjectTime();
  const today = useLoad(() => getToday(project), [project, refreshKey]);
  const [left, setLeft] = useState<ReadonlyMap<number, string>>(new Map());
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const parties = (today.data?.receptions ?? []).filter((r) => r.kind === 'arrival' && r.broker !== null);
  if (parties.length === 0) return null;

  const leave = async (arrival: number) => {
    setBusy(arrival);
    setProblem(null);
    try {
      await command(project, 'leave', { arrival }, { idempotencyKey: newIdempotencyKey() });
      setLeft((m) => new Map(m).set(arrival, clock(Date.now())));
      void message.success(t('desk.exitLogged'));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('desk.escortedToday')} className="escorted-parties" data-testid="escorted-parties">
      <ErrorAlert problem={problem} testId="exit-error" onClose={() => setProblem(null)} />
      <List
        size="small"
        dataSource={parties}
        renderItem={(r) => (
          <List.Item
            data-testid={`escorted-${r.seq}`}
            actions={[
              left.has(r.seq) ? (
                <Typography.Text type="secondary" key="left">
                  {t('desk.leftAt', { time: left.get(r.seq) ?? '' })}
                </Typography.Text>
              ) : (
                <Button key="leave" size="small" loading={busy === r.seq} onClick={() => void leave(r.seq)} data-testid="log-exit">
                  {t('desk.logExit')}
                </Button>
              ),
            ]}
          >
            <Typography.Text>
              {r.atLocal?.slice(11) ?? ''} · {nameOf(r.broker ?? '')} · {r.phone ?? ''} · {r.receiver ? nameOf(r.receiver) : t('common.nobody')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
