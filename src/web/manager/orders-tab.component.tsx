// 认购/签约台账 (DEAL-2, REP-2): every order, filtered by state (进行中 / 退房 / 违约 / 全部), consultant and
// the days it was first placed; each row shows the unit, customer, closer, stage, paid, list price, the
// credit now (names and percentages, 团奖 for the pool) and the dispute, and opens the order's whole story.
import { DatePicker, Drawer, Segmented, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { OrderSummaryView } from '../../contracts/index.ts';
import { getOrders, type OrderStateFilter } from '../api/orders-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { CreditLine } from '../orders/credit-line.component.tsx';
import { yuan } from '../orders/money.ts';
import { OrderDetail } from '../orders/order-detail.component.tsx';
import { DisputeTag, OrderStateTag, StageTag } from '../orders/order-tags.component.tsx';
import '../orders/orders.css';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { StaffSelect } from './staff-select.component.tsx';

const STATES: readonly OrderStateFilter[] = ['live', 'refund', 'default', 'all'];
const STATE_LABEL = { live: 'ord.filter.live', refund: 'ord.state.refund', default: 'ord.state.default', all: 'ord.filter.all' } as const;

export function OrdersTab({ consultants, version }: { readonly consultants: readonly string[]; readonly version: number }) {
  const { t } = useI18n();
  const { project } = useProject();
  const { learn, nameOf } = useStaffNames();
  const [state, setState] = useState<OrderStateFilter>('live');
  const [of, setOf] = useState<string | undefined>(undefined);
  const [days, setDays] = useState<readonly [string, string] | null>(null);
  const [open, setOpen] = useState<OrderSummaryView | null>(null);
  const register = useLoad(() => getOrders(project, { state, ...(of ? { of } : {}), ...(days ? { from: days[0], to: days[1] } : {}) }), [project, state, of, days?.[0], days?.[1], version]);
  useEffect(() => {
    if (register.data) learn(register.data.names);
  }, [register.data, learn]);
  const orders = register.data?.orders ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="orders-tab">
      <Space wrap>
        <Segmented<OrderStateFilter> value={state} onChange={setState} options={STATES.map((s) => ({ value: s, label: t(STATE_LABEL[s]) }))} data-testid="orders-state" />
        <StaffSelect ids={consultants} value={of ?? null} onChange={(id) => setOf(id ?? undefined)} placeholder={t('ord.consultantFilter')} allowClear testId="orders-of" />
        <DatePicker.RangePicker
          allowClear
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
            const [from, to] = range ?? [null, null];
            setDays(from && to ? [from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')] : null);
          }}
          data-testid="orders-days"
        />
        <Typography.Text type="secondary">{t('ord.count', { n: orders.length, counts: t(`stage.${register.data?.countsFrom ?? 'subscription'}`) })}</Typography.Text>
      </Space>
      <ErrorAlert problem={register.problem} />
      <Table<OrderSummaryView>
        size="small"
        rowKey="id"
        loading={register.loading}
        dataSource={[...orders]}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('ord.noOrders') }}
        rowClassName={() => 'order-row'}
        onRow={(o) => ({ onClick: () => setOpen(o), 'data-testid': `order-row-${o.id}`, 'data-unit': o.unit } as object)}
        data-testid="orders-table"
        columns={[
          { title: t('ord.unit'), dataIndex: 'unit', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('ord.customer'), key: 'customer', render: (_v, o) => `${o.customer.name ?? ''} ${o.customer.phone}`.trim() },
          { title: t('ord.closer'), key: 'closer', render: (_v, o) => nameOf(o.closer) },
          {
            title: t('ord.stage'),
            key: 'stage',
            render: (_v, o) => (
              <Space size={2}>
                <StageTag stage={o.stage} />
                <OrderStateTag state={o.state} />
              </Space>
            ),
          },
          { title: t('ord.paid'), dataIndex: 'paid', align: 'right', render: (v: number) => yuan(v) },
          { title: t('ord.listPrice'), dataIndex: 'listPrice', align: 'right', render: (v: number | null) => yuan(v) },
          { title: t('ord.credit'), key: 'credit', render: (_v, o) => <CreditLine credit={o.credit} testId="order-credit" /> },
          { title: t('ord.disputeCol'), key: 'dispute', render: (_v, o) => (o.dispute === 'none' ? t('common.none') : <DisputeTag dispute={o.dispute} />) },
          { title: t('ord.firstAt'), dataIndex: 'firstAtLocal' },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={880} title={open ? `${t('ord.detailTitle')} · ${open.unit}` : ''} destroyOnHidden>
        {open && <OrderDetail id={open.id} version={version} />}
      </Drawer>
    </Space>
  );
}
