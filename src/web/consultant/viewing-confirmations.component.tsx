// 看房确认单 (CH-7) on the consultant's phone: after receiving a party a broker brought, the consultant
// shows the slip — the office, the customer, the broker, when they came, who received them — and the
// customer ticks that it is right; the consultant then completes it. Refusing to fill it in is possible,
// with a reason, and is recorded against the consultant. The slips are the confirmations I still owe
// (GET /channel/my-confirmations, folded from the log), so one settled here does not come back on a reload.
import { App, Button, Card, Checkbox, Descriptions, Modal, Space } from 'antd';
import { useState } from 'react';
import type { OutstandingConfirmation } from '../../contracts/index.ts';
import { command } from '../api/api-client.ts';
import { getMyConfirmations } from '../api/channel-client.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { ReasonCommandForm } from '../channel/reason-command-form.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';

function Slip({ party, onDone }: { readonly party: OutstandingConfirmation; readonly onDone: (arrival: number, how: 'confirmed' | 'refused') => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project, projectName, staffId } = useProject();
  const { nameOf } = useStaffNames();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const [key] = useState(newIdempotencyKey);

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await command(project, 'confirmViewing', { arrival: party.arrival, customerConfirmed: true }, { idempotencyKey: key });
      void message.success(t('slip.confirmed'));
      onDone(party.arrival, 'confirmed');
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" className="viewing-slip" title={t('slip.title')} data-testid={`slip-${party.arrival}`}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('slip.project')}>{projectName ?? project}</Descriptions.Item>
        <Descriptions.Item label={t('ch.customer')}>{`${party.customer.name ?? ''} ${party.customer.phone}`.trim()}</Descriptions.Item>
        <Descriptions.Item label={t('broker.broker')}>{nameOf(party.broker)}</Descriptions.Item>
        <Descriptions.Item label={t('ch.arrivedAt')}>{party.atLocal ?? ''}</Descriptions.Item>
        <Descriptions.Item label={t('ch.receiver')}>{nameOf(party.receiver ?? staffId ?? '')}</Descriptions.Item>
      </Descriptions>
      <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="slip-customer-confirms">
          {t('slip.customerConfirms')}
        </Checkbox>
        <ErrorAlert problem={problem} testId="slip-error" />
        <Button type="primary" block size="large" disabled={!agreed} loading={busy} onClick={() => void confirm()} data-testid="slip-confirm">
          {t('slip.complete')}
        </Button>
        <Button type="link" danger block onClick={() => setRefusing(true)} data-testid="slip-refuse">
          {t('slip.refuse')}
        </Button>
      </Space>
      <Modal open={refusing} title={t('slip.refuseTitle')} footer={null} onCancel={() => setRefusing(false)} destroyOnHidden>
        <ReasonCommandForm
          name="refuseConfirmation"
          testId="slip-refuse-form"
          danger
          submitLabel={t('slip.refuse')}
          body={(reason) => ({ arrival: party.arrival, reason })}
          onDone={() => {
            setRefusing(false);
            void message.warning(t('slip.refused'));
            onDone(party.arrival, 'refused');
          }}
        />
      </Modal>
    </Card>
  );
}

export function ViewingConfirmations({ refreshKey }: { readonly refreshKey: unknown }) {
  const { project } = useProject();
  const owed = useLoad(() => getMyConfirmations(project), [project, refreshKey]);
  // A slip settled here leaves at once; the next read (a reload, the floor moving) no longer has it either.
  const [done, setDone] = useState<ReadonlySet<number>>(new Set());
  const mine = (owed.data?.confirmations ?? []).filter((c) => !done.has(c.arrival));
  if (mine.length === 0) return null;
  return (
    <div data-testid="viewing-confirmations">
      {mine.map((p) => (
        <Slip key={p.arrival} party={p} onDone={(arrival) => setDone((s) => new Set(s).add(arrival))} />
      ))}
    </div>
  );
}
