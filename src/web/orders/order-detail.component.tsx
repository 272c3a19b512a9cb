// One order's whole story (GET /orders/:id): what it is now, its stages with amounts, swaps and name changes
// in time order, its credit with the reasons, and the dispute's dossier when a colleague objected.
import { Descriptions, Divider, Space, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { getOrder } from '../api/orders-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { CreditLine } from './credit-line.component.tsx';
import { Dossier } from './dossier.component.tsx';
import { yuan } from './money.ts';
import { orderEvents } from './order-events.ts';
import { DisputeTag, OrderStateTag, StageTag } from './order-tags.component.tsx';

export function OrderDetail({ id, version = 0 }: { readonly id: number; readonly version?: number }) {
  const { t } = useI18n();
  const { project } = useProject();
  const { learn, nameOf } = useStaffNames();
  const detail = useLoad(() => getOrder(project, id), [project, id, version]);
  const d = detail.data;
  useEffect(() => {
    if (d) learn(d.names);
  }, [d, learn]);
  if (!d) return <ErrorAlert problem={detail.problem} />;
  const o = d.order;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="order-detail">
      <ErrorAlert problem={detail.problem} />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('ord.unit')}>{o.unit}</Descriptions.Item>
        <Descriptions.Item label={t('ord.customer')}>{`${o.customer.name ?? ''} ${o.customer.phone}`.trim()}</Descriptions.Item>
        <Descriptions.Item label={t('ord.closer')}>{nameOf(o.closer)}</Descriptions.Item>
        <Descriptions.Item label={t('ord.stage')}>
          <StageTag stage={o.stage} />
          <OrderStateTag state={o.state} />
          <DisputeTag dispute={o.dispute} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ord.paid')}>{yuan(o.paid)}</Descriptions.Item>
        <Descriptions.Item label={t('ord.listPrice')}>{yuan(o.listPrice)}</Descriptions.Item>
        <Descriptions.Item label={t('ord.credit')}>
          <CreditLine credit={o.credit} testId="order-detail-credit" />
        </Descriptions.Item>
        <Descriptions.Item label={t('ord.disputeDeadline')}>{d.disputeDeadlineLocal ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Divider titlePlacement="start">{t('ord.history')}</Divider>
      <Timeline
        data-testid="order-timeline"
        items={orderEvents(d, t, nameOf).map((e, i) => ({
          key: `${e.kind}-${i}`,
          color: e.colour,
          content: (
            <span data-testid={`order-event-${e.kind}`}>
              <Typography.Text type="secondary">{e.at}</Typography.Text> {e.text}
            </span>
          ),
        }))}
      />
      <Divider titlePlacement="start">{t('ord.creditWhy')}</Divider>
      <ReasonList reasons={d.reasons} testId="order-credit-reasons" />
      {d.dossier && (
        <>
          <Divider titlePlacement="start">{t('disp.dossier')}</Divider>
          <Dossier dossier={d.dossier} />
        </>
      )}
    </Space>
  );
}
