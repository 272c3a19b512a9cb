// The channel assistant's three read-only lists, as tables: today's expected broker arrivals (CH-5, with
// whether they came), viewing confirmations still outstanding after reception (CH-7, with the exit time
// the desk logged, CH-6), and reports flagged as natural visits (CH-10: the customer came before any report).
import { Tag } from 'antd';
import type { ExpectedArrival, NaturalVisitFlag, OutstandingConfirmation } from '../../contracts/index.ts';
import { ChannelTable } from './channel-table.component.tsx';

export function ExpectedArrivals({ rows }: { readonly rows: readonly ExpectedArrival[] }) {
  return (
    <ChannelTable
      rows={rows}
      rowKey="report"
      testId="expected-arrivals"
      empty="ch.noExpected"
      rowClassName={(r) => `expected-${r.report}`}
      columns={({ t, broker, customer }) => [
        { title: t('broker.expectedAt'), dataIndex: 'expectedAtLocal', render: (v: string | null) => v?.slice(11) ?? '' },
        broker,
        customer,
        { title: t('ch.arrived'), dataIndex: 'arrived', render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'ch.arrivedYes' : 'ch.arrivedNo')}</Tag> },
      ]}
    />
  );
}

export function OutstandingConfirmations({ rows }: { readonly rows: readonly OutstandingConfirmation[] }) {
  return (
    <ChannelTable
      rows={rows}
      rowKey="arrival"
      testId="outstanding-confirmations"
      empty="ch.noOutstanding"
      columns={({ t, nameOf, broker, customer }) => [
        { title: t('ch.arrivedAt'), dataIndex: 'atLocal' },
        broker,
        customer,
        { title: t('ch.receiver'), dataIndex: 'receiver', render: (r: string | null) => (r ? nameOf(r) : t('common.nobody')) },
        { title: t('ch.leftAt'), dataIndex: 'leftAtLocal', render: (v: string | null) => v ?? t('ch.stillHere') },
      ]}
    />
  );
}

export function NaturalVisits({ rows }: { readonly rows: readonly NaturalVisitFlag[] }) {
  return (
    <ChannelTable
      rows={rows}
      rowKey="report"
      testId="natural-visits"
      empty="ch.noNatural"
      columns={({ t, broker, customer }) => [
        { title: t('broker.reportedAt'), dataIndex: 'atLocal' },
        broker,
        customer,
        { title: t('ch.flag'), key: 'flag', render: () => <Tag color="orange">{t('ch.naturalVisit')}</Tag> },
      ]}
    />
  );
}
