// 我的订单: the orders that credit me (GET /orders; the server lists only mine), each with its stage, what was
// paid, my share and the whole credit, and its dispute; a live one can move to a later stage, swap to
// another free unit (换房), change or add a buyer's name (换名/加名), or end (退房/违约) with a reason.
import { Button, Drawer, Empty, List, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Answer, OrderSummaryView } from '../../contracts/index.ts';
import { getOrders, type OrderStateFilter } from '../api/orders-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { AdvanceStageForm } from '../orders/advance-stage-form.component.tsx';
import { ChangeBuyerForm } from '../orders/change-buyer-form.component.tsx';
import { CreditLine } from '../orders/credit-line.component.tsx';
import { EndOrderForm } from '../orders/end-order-form.component.tsx';
import { yuan } from '../orders/money.ts';
import { OrderDetail } from '../orders/order-detail.component.tsx';
import { DisputeTag, OrderStateTag, StageTag } from '../orders/order-tags.component.tsx';
import { nextStages } from '../orders/stages.ts';
import { SwapForm } from '../orders/swap-form.component.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import '../orders/orders.css';

type SheetKind = 'advance' | 'swap' | 'buyer' | 'end' | 'detail';
type Sheet = { readonly kind: SheetKind; readonly order: OrderSummaryView } | null;

const SHEET_TITLES: Readonly<Record<SheetKind, MessageKey>> = { advance: 'ord.advance', swap: 'ord.swap', buyer: 'ord.buyerChange', end: 'ord.end', detail: 'common.details' };

export function MyOrders({ version, onAnswer }: { readonly version: number; readonly onAnswer: (kind: Exclude<SheetKind, 'detail'>, answer: Answer, order: OrderSummaryView, to?: string) => void }) {
  const { t } = useI18n();
  const { project, staffId } = useProject();
  const { learn } = useStaffNames();
  const [state, setState] = useState<OrderStateFilter>('live');
  const [sheet, setSheet] = useState<Sheet>(null);
  const orders = useLoad(() => getOrders(project, { state }), [project, state, version]);
  useEffect(() => {
    if (orders.data) learn(orders.data.names);
  }, [orders.data, learn]);
  const done = (kind: Exclude<SheetKind, 'detail'>, order: OrderSummaryView) => (answer: Answer, to?: string) => {
    setSheet(null);
    onAnswer(kind, answer, order, to);
    orders.reload();
  };
  const mine = (o: OrderSummaryView) => Math.round((o.credit[staffId ?? ''] ?? 0) * 1000) / 10;
  return (
    <>
      <Segmented<OrderStateFilter>
        block
        value={state}
        onChange={setState}
        options={[
          { value: 'live', label: t('ord.filter.live') },
          { value: 'all', label: t('ord.filter.all') },
        ]}
        data-testid="my-orders-filter"
      />
      <ErrorAlert problem={orders.problem} />
      <List<OrderSummaryView>
        loading={orders.loading && orders.data === null}
        dataSource={[...(orders.data?.orders ?? [])]}
        locale={{ emptyText: <Empty description={t('ord.noOrders')} /> }}
        data-testid="my-orders"
        renderItem={(o) => (
          <List.Item key={o.id} className="my-order" data-testid={`my-order-${o.id}`} data-unit={o.unit} data-stage={o.stage} data-state={o.state}>
            <div className="my-customer-main">
              <Space size={4} wrap>
                <Typography.Text strong data-testid="my-order-unit">
                  {o.unit}
                </Typography.Text>
                <StageTag stage={o.stage} />
                <OrderStateTag state={o.state} />
                <DisputeTag dispute={o.dispute} />
              </Space>
              <Typography.Text type="secondary" className="my-customer-phone">{`${o.customer.name ?? ''} ${o.customer.phone} · ${o.firstAtLocal ?? ''}`}</Typography.Text>
              <Typography.Text className="my-customer-phone">{t('ord.paidOfPrice', { paid: yuan(o.paid), price: yuan(o.listPrice) })}</Typography.Text>
              <Space size={4} wrap>
                <Typography.Text data-testid="my-share">{t('ord.myShare', { percent: mine(o) })}</Typography.Text>
                <CreditLine credit={o.credit} />
              </Space>
              {o.state === 'live' && (
                <div className="my-order-actions">
                  <Button size="small" type="primary" disabled={nextStages(o.stage).length === 0} onClick={() => setSheet({ kind: 'advance', order: o })} data-testid="order-advance">
                    {t('ord.advance')}
                  </Button>
                  <Button size="small" onClick={() => setSheet({ kind: 'swap', order: o })} data-testid="order-swap">
                    {t('ord.swap')}
                  </Button>
                  <Button size="small" onClick={() => setSheet({ kind: 'buyer', order: o })} data-testid="order-buyer">
                    {t('ord.buyerChange')}
                  </Button>
                  <Button size="small" danger onClick={() => setSheet({ kind: 'end', order: o })} data-testid="order-end">
                    {t('ord.end')}
                  </Button>
                </div>
              )}
              <Button size="small" type="link" onClick={() => setSheet({ kind: 'detail', order: o })} data-testid="order-open">
                {t('common.details')}
              </Button>
            </div>
          </List.Item>
        )}
      />
      <Drawer
        placement="bottom"
        size={sheet?.kind === 'detail' ? '85vh' : 'auto'}
        open={sheet !== null}
        onClose={() => setSheet(null)}
        title={sheet ? `${t(SHEET_TITLES[sheet.kind])} · ${sheet.order.unit}` : ''}
        destroyOnHidden
      >
        {sheet?.kind === 'advance' && <AdvanceStageForm order={sheet.order} onDone={done('advance', sheet.order)} />}
        {sheet?.kind === 'swap' && <SwapForm order={sheet.order} onDone={done('swap', sheet.order)} />}
        {sheet?.kind === 'buyer' && <ChangeBuyerForm order={sheet.order} onDone={done('buyer', sheet.order)} />}
        {sheet?.kind === 'end' && <EndOrderForm order={sheet.order} onDone={done('end', sheet.order)} />}
        {sheet?.kind === 'detail' && <OrderDetail id={sheet.order.id} />}
      </Drawer>
    </>
  );
}
