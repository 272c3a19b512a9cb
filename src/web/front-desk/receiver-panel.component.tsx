// Who would receive the party now and why (turn, make-up, owner, cover, designated), with the one key
// that admits them (F2), "asks for …" a named consultant (ROT-12), and "not a customer" (ROT-3).
import { Button, Select, Space, Tag, Typography } from 'antd';
import { Panel } from '../shared/panel.component.tsx';
import type { Judgement, ReceiveAs } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

export type Admission = { readonly kind: 'admit' } | { readonly kind: 'asksFor'; readonly who: string } | { readonly kind: 'nonCustomer' };

export function asLabel(t: ReturnType<typeof useI18n>['t'], as: ReceiveAs | null | undefined): string {
  return as ? t(`receiveAs.${as}`) : t('common.none');
}

export function ReceiverPanel({
  judgement,
  consultants,
  busy,
  onAdmit,
}: {
  readonly judgement: Judgement;
  readonly consultants: readonly string[];
  readonly busy: boolean;
  readonly onAdmit: (admission: Admission) => void;
}) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const s = judgement.suggested;
  const receiver = s.receiver ? (s.receiver.name ?? nameOf(s.receiver.id)) : null;
  return (
    <Panel className="receiver-panel" title={t('desk.receiver')} data-testid="receiver-panel">
      <div className="receiver-name" data-testid="suggested-receiver">
        {receiver ? (
          <>
            <Typography.Text strong>{receiver}</Typography.Text> <Tag color="red">{asLabel(t, s.as)}</Tag>
          </>
        ) : (
          <Typography.Text type="warning">{t('desk.nobody')}</Typography.Text>
        )}
      </div>
      <ReasonList reasons={s.reasons} testId="receiver-reasons" />
      <Space wrap className="receiver-actions">
        <Button type="primary" size="large" loading={busy} onClick={() => onAdmit({ kind: 'admit' })} data-testid="admit" data-action="arrive">
          {t('desk.admit')}
        </Button>
        <Select<string>
          className="asks-for"
          placeholder={t('desk.asksFor')}
          disabled={busy}
          value={null}
          options={consultants.map((id) => ({ value: id, label: nameOf(id) }))}
          onChange={(who) => onAdmit({ kind: 'asksFor', who })}
          data-testid="asks-for"
          style={{ minWidth: 140 }}
        />
        <Space.Compact>
          {(['desk.nonCustomerDirections', 'desk.nonCustomerSales', 'desk.nonCustomerPeer'] as const).map((key) => (
            <Button key={key} disabled={busy} onClick={() => onAdmit({ kind: 'nonCustomer' })} data-testid={`non-customer-${key.slice(16).toLowerCase()}`} data-action="arrive">
              {t(key)}
            </Button>
          ))}
        </Space.Compact>
      </Space>
    </Panel>
  );
}
