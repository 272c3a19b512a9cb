// RISK-2 kept until read: my customers who walked in while I was not looking, newest first, each with who
// received them; I mark each read (an append-only read mark) and it goes. Reloads with the floor stream.
import { App, Button, Card, List, Typography } from 'antd';
import { useState } from 'react';
import type { OwnerAlert } from '../../contracts/index.ts';
import { command } from '../api/api-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { getMyAlerts } from '../api/ownership-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';

export function UnreadAlerts({ refreshKey }: { readonly refreshKey: unknown }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const alerts = useLoad(() => getMyAlerts(project), [project, refreshKey]);
  const [problem, setProblem] = useState<Problem>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const list = alerts.data?.alerts ?? [];
  if (list.length === 0 && !alerts.problem && !problem) return null;
  const markRead = async (a: OwnerAlert) => {
    setBusy(a.seq);
    setProblem(null);
    try {
      await command(project, 'markAlertRead', { arrival: a.seq }, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('alerts.markRead'));
      alerts.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title={`${t('alerts.title')} (${list.length})`} data-testid="unread-alerts">
      <List<OwnerAlert>
        size="small"
        dataSource={[...list]}
        locale={{ emptyText: t('alerts.none') }}
        renderItem={(a) => (
          <List.Item
            key={a.seq}
            data-testid={`unread-alert-${a.seq}`}
            actions={[
              <Button key="read" size="small" loading={busy === a.seq} onClick={() => void markRead(a)} data-testid={`alert-read-${a.seq}`} data-action="markAlertRead">
                {t('alerts.markRead')}
              </Button>,
            ]}
          >
            <Typography.Text>
              {t('alerts.line', {
                at: a.atLocal ?? '',
                customer: `${a.customer.name ?? ''} ${a.customer.phone}`.trim(),
                receiver: a.receiver ? (a.receiver.name ?? nameOf(a.receiver.id)) : t('common.nobody'),
              })}
            </Typography.Text>
          </List.Item>
        )}
      />
      <ErrorAlert problem={alerts.problem} />
      <ErrorAlert problem={problem} />
    </Card>
  );
}
