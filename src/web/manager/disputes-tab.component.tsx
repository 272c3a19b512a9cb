// 业绩异议 (DEAL-4, DEAL-5): every open dispute with its dossier — the closer's and the claimant's records side
// by side and the outcome they give — and the manager's two ways to decide: 按记录裁决 (the records'
// outcome becomes the credit) or 改判 (shares summing to 100% with a written reason). Decided, the dispute
// leaves the inbox and the register shows the new credit.
import { App, Button, Card, Empty, Modal, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Answer, DisputeDossier } from '../../contracts/index.ts';
import { command } from '../api/api-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { getDisputes } from '../api/orders-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { creditText } from '../orders/credit.ts';
import { Dossier } from '../orders/dossier.component.tsx';
import '../orders/orders.css';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { OverrideForm } from './override-form.component.tsx';
import { useCan } from '../session/use-can.ts';

export function DisputesTab({ version, onDecided }: { readonly version: number; readonly onDecided: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { learn, nameOf } = useStaffNames();
  const inbox = useLoad(() => getDisputes(project), [project, version]);
  const [overriding, setOverriding] = useState<DisputeDossier | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  // Deciding is the manager's (DEAL-5); a supervisor reads the inbox — as the server's role table says.
  const can = useCan();
  const manager = can('resolve');
  useEffect(() => {
    if (inbox.data) learn(inbox.data.names);
  }, [inbox.data, learn]);

  const decided = (unit: string, answer: Answer) => {
    void message.success(t('disp.decided', { unit, credit: creditText(answer.credit ?? {}, t, nameOf) }));
    inbox.reload();
    onDecided();
  };
  const byRecords = async (d: DisputeDossier) => {
    setBusy(d.unit);
    setProblem(null);
    try {
      decided(d.unit, await command(project, 'resolve', { unit: d.unit }, { idempotencyKey: newIdempotencyKey() }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
    }
  };

  const disputes = inbox.data?.disputes ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="disputes-tab">
      <Typography.Text type="secondary">{t('disp.inboxHint')}</Typography.Text>
      <ErrorAlert problem={inbox.problem} />
      <ErrorAlert problem={problem} testId="resolve-error" onClose={() => setProblem(null)} />
      {inbox.data && disputes.length === 0 && <Empty description={t('disp.none')} data-testid="disputes-empty" />}
      {disputes.map((d) => (
        <Card
          key={d.orderId}
          className="dispute-card"
          data-testid={`dispute-${d.orderId}`}
          data-unit={d.unit}
          title={t('disp.cardTitle', { unit: d.unit, claimant: nameOf(d.claimant), at: d.raisedAtLocal ?? '' })}
          extra={
            manager && (
              <Space>
                <Popconfirm title={t('disp.byRecordsConfirm', { credit: creditText(d.computed, t, nameOf) })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => void byRecords(d)}>
                  <Button type="primary" loading={busy === d.unit} data-testid="resolve-by-records" data-action="resolve">
                    {t('disp.byRecords')}
                  </Button>
                </Popconfirm>
                <Button danger onClick={() => setOverriding(d)} data-testid="resolve-override" data-action="resolve">
                  {t('disp.override')}
                </Button>
              </Space>
            )
          }
        >
          <Dossier dossier={d} />
        </Card>
      ))}
      <Modal open={overriding !== null} title={overriding ? `${t('disp.override')} · ${overriding.unit}` : ''} footer={null} onCancel={() => setOverriding(null)} destroyOnHidden>
        {overriding && (
          <OverrideForm
            dossier={overriding}
            onDone={(answer) => {
              const unit = overriding.unit;
              setOverriding(null);
              decided(unit, answer);
            }}
          />
        )}
      </Modal>
    </Space>
  );
}
