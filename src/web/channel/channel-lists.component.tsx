// The channel assistant's three read-only lists, as tables: today's expected broker arrivals (CH-5, with
// whether they came), viewing confirmations still outstanding after reception (CH-7, with the exit time
// the desk logged, CH-6), and reports flagged as natural visits (CH-10: the customer came before any report).
import { Table, Tag } from 'antd';
import type { ExpectedArrival, NaturalVisitFlag, OutstandingConfirmation, ShownCustomer } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';

const customerText = (c: ShownCustomer) => `${c.name ?? ''} ${c.phone}`.trim();

export function ExpectedArrivals({ rows }: { readonly rows: readonly ExpectedArrival[] }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  return (
    <Table<ExpectedArrival>
      size="small"
      rowKey="report"
      data-testid="expected-arrivals"
      dataSource={[...rows]}
      pagination={false}
      locale={{ emptyText: t('ch.noExpected') }}
      rowClassName={(r) => `expected-${r.report}`}
      columns={[
        { title: t('broker.expectedAt'), dataIndex: 'expectedAtLocal', render: (v: string | null) => v?.slice(11) ?? '' },
        { title: t('broker.broker'), dataIndex: 'broker', render: (b: string) => nameOf(b) },
        { title: t('ch.customer'), dataIndex: 'customer', render: customerText },
        { title: t('ch.arrived'), dataIndex: 'arrived', render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'ch.arrivedYes' : 'ch.arrivedNo')}</Tag> },
      ]}
    />
  );
}

export function OutstandingConfirmations({ rows }: { readonly rows: readonly OutstandingConfirmation[] }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  return (
    <Table<OutstandingConfirmation>
      size="small"
      rowKey="arrival"
      data-testid="outstanding-confirmations"
      dataSource={[...rows]}
      pagination={false}
      locale={{ emptyText: t('ch.noOutstanding') }}
      columns={[
        { title: t('ch.arrivedAt'), dataIndex: 'atLocal' },
        { title: t('broker.broker'), dataIndex: 'broker', render: (b: string) => nameOf(b) },
        { title: t('ch.customer'), dataIndex: 'customer', render: customerText },
        { title: t('ch.receiver'), dataIndex: 'receiver', render: (r: string | null) => (r ? nameOf(r) : t('common.nobody')) },
        { title: t('ch.leftAt'), dataIndex: 'leftAtLocal', render: (v: string | null) => v ?? t('ch.stillHere') },
      ]}
    />
  );
}

export function NaturalVisits({ rows }: { readonly rows: readonly NaturalVisitFlag[] }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  return (
    <Table<NaturalVisitFlag>
      size="small"
      rowKey="report"
      data-testid="natural-visits"
      dataSource={[...rows]}
      pagination={false}
      locale={{ emptyText: t('ch.noNatural') }}
      columns={[
        { title: t('broker.reportedAt'), dataIndex: 'atLocal' },
        { title: t('broker.broker'), dataIndex: 'broker', render: (b: string) => nameOf(b) },
        { title: t('ch.customer'), dataIndex: 'customer', render: customerText },
        { title: t('ch.flag'), key: 'flag', render: () => <Tag color="orange">{t('ch.naturalVisit')}</Tag> },
      ]}
    />
  );
}
