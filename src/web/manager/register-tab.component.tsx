// 客户总表: every customer of the office, unmasked for the manager and supervisor (SEC-1; every customer
// shown is logged, SEC-2), searched by phone fragment or name, filtered by consultant and by owned /
// protection running out within 7 days / public pool, a page at a time — all answered by the server.
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { getRegister } from '../api/api-client.ts';
import type { RegisterCustomer, RegisterStatus } from '../../contracts/index.ts';
import { ProtectionCountdown } from '../consultant/protection-countdown.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useProjectTime } from '../shared/project-time.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { useNow } from '../shared/use-now.ts';
import { customerColumns, SearchBox, TimelineLink } from './customer-columns.tsx';
import { StaffSelect } from './staff-select.component.tsx';
import { FreezeRegister } from './freeze-register.component.tsx';
import { useCan } from '../session/use-can.ts';

export const PAGE_SIZE = 20;
type Filter = RegisterStatus | 'all';
const FILTERS: readonly Filter[] = ['all', 'owned', 'lapsing', 'pool'];
const FILTER_LABEL = { all: 'mgr.statusAll', owned: 'mgr.statusOwned', lapsing: 'mgr.statusLapsing', pool: 'mgr.statusPool' } as const;

export function RegisterTab({ consultants }: { readonly consultants: readonly string[] }) {
  const { t } = useI18n();
  const { dateTime } = useProjectTime();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const now = useNow(60_000);
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') ?? undefined;
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const { data, problem, loading } = useLoad(() => getRegister(project, { q, owner, status: status === 'all' ? undefined : status, page, size: PAGE_SIZE }), [project, q, owner, status, page]);

  const setOwner = (id: string | undefined) => {
    setPage(1);
    setParams(id ? { owner: id } : {}, { replace: true });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="register-tab">
      {/* OWN-13: the pre-opening frozen register. */}
      {can('freezeRegister') && <FreezeRegister />}
      <Space wrap>
        <SearchBox
          testId="register-search"
          onSearch={(text) => {
            setPage(1);
            setQ(text);
          }}
        />
        <StaffSelect ids={consultants} value={owner ?? null} onChange={(id) => setOwner(id ?? undefined)} placeholder={t('mgr.ownerFilter')} allowClear testId="register-owner" />
        <Segmented<Filter>
          value={status}
          onChange={(v) => {
            setPage(1);
            setStatus(v);
          }}
          options={FILTERS.map((f) => ({ value: f, label: t(FILTER_LABEL[f], { n: data?.counts[f] ?? '…' }) }))}
          data-testid="register-status"
        />
      </Space>
      <ErrorAlert problem={problem} />
      <Table<RegisterCustomer>
        size="small"
        rowKey="phone"
        loading={loading}
        dataSource={[...(data?.customers ?? [])]}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('mgr.customerCount', { n }) }}
        locale={{ emptyText: t('mgr.noResults') }}
        data-testid="register-table"
        columns={[
          ...customerColumns(t),
          {
            title: t('mgr.owner'),
            key: 'owner',
            render: (_v, r) => (r.owner ? nameOf(r.owner.id) : <Tag color="orange">{t('mgr.pool')}</Tag>),
          },
          {
            title: t('mgr.until'),
            dataIndex: 'protectedUntilLocal',
            render: (v: string | null, r) => (v ? <Space size={4}>{v}<ProtectionCountdown until={r.protectedUntil} now={now} /></Space> : '—'),
          },
          { title: t('mgr.lastActivity'), dataIndex: 'lastActivity', render: (v: number | null) => (v === null ? '—' : dateTime(v)) },
          { title: t('desk.brokerLabel'), dataIndex: 'channel', render: (v: string | null) => (v === null ? '—' : nameOf(v)) },
          { title: t('common.actions'), key: 'open', render: (_v, r) => <TimelineLink phone={r.phone} /> },
        ]}
      />
      <Typography.Text type="secondary">{t('mgr.registerNote')}</Typography.Text>
    </Space>
  );
}
