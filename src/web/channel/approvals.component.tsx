// 待审核经纪人 (CH-2): each application waiting for the channel manager — who, which kind, company and
// store, when — approved with one tap, or rejected with a reason the broker will read. Every decision is
// a fact.
import { App, Button, Card, Descriptions, Empty, Modal, Space } from 'antd';
import { useState } from 'react';
import type { BrokerApplication } from '../../contracts/index.ts';
import { command } from '../api/api-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { ReasonCommandForm } from './reason-command-form.component.tsx';

export function Approvals({ pending, onDecided }: { readonly pending: readonly BrokerApplication[]; readonly onDecided: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const [rejecting, setRejecting] = useState<BrokerApplication | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(null);

  const approve = async (a: BrokerApplication) => {
    setBusy(a.broker.id);
    setProblem(null);
    try {
      await command(project, 'approveBroker', { broker: a.broker.id }, { idempotencyKey: newIdempotencyKey() });
      void message.success(t('ch.approved', { name: a.broker.name ?? a.broker.id }));
      onDecided();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };

  if (pending.length === 0) return <Empty description={t('ch.noPending')} data-testid="approvals-empty" />;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="approvals">
      <ErrorAlert problem={problem} testId="approve-error" onClose={() => setProblem(null)} />
      {pending.map((a) => (
        <Card
          key={a.broker.id}
          size="small"
          data-testid={`application-${a.broker.id}`}
          title={a.broker.name ?? ''}
          extra={
            <Space>
              <Button type="primary" loading={busy === a.broker.id} onClick={() => void approve(a)} data-testid="approve">
                {t('ch.approve')}
              </Button>
              <Button danger onClick={() => setRejecting(a)} data-testid="reject">
                {t('ch.reject')}
              </Button>
            </Space>
          }
        >
          <Descriptions column={{ xs: 1, md: 4 }} size="small">
            <Descriptions.Item label={t('broker.kind')}>{t(`broker.kind.${a.broker.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('broker.company')}>{a.broker.company ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('broker.store')}>{a.broker.store ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('broker.appliedAt')}>{a.appliedAtLocal ?? ''}</Descriptions.Item>
          </Descriptions>
        </Card>
      ))}
      <Modal open={rejecting !== null} title={t('ch.rejectTitle', { name: rejecting?.broker.name ?? '' })} footer={null} onCancel={() => setRejecting(null)} destroyOnHidden>
        {rejecting && (
          <ReasonCommandForm
            name="rejectBroker"
            testId="reject-form"
            danger
            submitLabel={t('ch.reject')}
            body={(reason) => ({ broker: rejecting.broker.id, reason })}
            onDone={() => {
              void message.success(t('ch.rejected', { name: rejecting.broker.name ?? rejecting.broker.id }));
              setRejecting(null);
              onDecided();
            }}
          />
        )}
      </Modal>
    </Space>
  );
}
