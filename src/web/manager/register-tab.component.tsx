// 客户总表 as the API answers it today: the customers of one consultant, or of everyone on the floor,
// unmasked for the manager (SEC-1; each read is logged, SEC-2), searchable by name or phone.
import { Input, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { getMyCustomers } from '../api/api-client.ts';
import type { OwnedCustomer } from '../api/api-types.ts';
import { ProtectionCountdown } from '../consultant/protection-countdown.component.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useNow } from '../shared/use-now.ts';
import { managerPath } from './manager-path.ts';
import { StaffSelect } from './staff-select.component.tsx';
import { ErrorAlert, problemOf } from '../shared/error-alert.component.tsx';

interface Row extends OwnedCustomer {
  readonly owner: string;
}

export function RegisterTab({ staff }: { readonly staff: readonly string[] }) {
  const { t } = useI18n();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const now = useNow(60_000);
  const [of, setOf] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<readonly Row[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const owners = useMemo(() => (of ? [of] : staff), [of, staff]);

  useEffect(() => {
    let live = true;
    setProblem(null);
    Promise.all(owners.map((o) => getMyCustomers(project, o).then((list) => list.map((c) => ({ ...c, owner: o })))))
      .then((lists) => live && setRows(lists.flat().sort((a, b) => (a.protectedUntil ?? Infinity) - (b.protectedUntil ?? Infinity))))
      .catch((error: unknown) => live && setProblem(error));
    return () => {
      live = false;
    };
  }, [project, owners]);

  const shown = (rows ?? []).filter((r) => search === '' || r.phone.includes(search.replace(/\D/g, '') || search) || (r.name ?? '').includes(search));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <StaffSelect ids={staff} value={of} onChange={(id) => setOf(id ?? null)} placeholder={t('mgr.allOnFloor')} allowClear testId="register-owner" />
        <Input.Search allowClear placeholder={t('mgr.searchPlaceholder')} onChange={(e) => setSearch(e.target.value.trim())} style={{ width: 240 }} data-testid="register-search" />
        <Typography.Text type="secondary">{t('mgr.customerCount', { n: shown.length })}</Typography.Text>
      </Space>
      <ErrorAlert problem={problem === null ? null : problemOf(problem)} />
      <Table<Row>
        size="small"
        rowKey="phone"
        loading={rows === null && problem === null}
        dataSource={shown}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        locale={{ emptyText: t('mgr.noResults') }}
        data-testid="register-table"
        columns={[
          { title: t('field.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          { title: t('field.phone'), dataIndex: 'phone' },
          { title: t('mgr.owner'), dataIndex: 'owner', render: (v: string) => nameOf(v) },
          { title: t('mgr.until'), dataIndex: 'protectedUntilLocal', render: (v: string | null, r) => (<Space size={4}>{v}<ProtectionCountdown until={r.protectedUntil} now={now} /></Space>) },
          { title: t('desk.brokerLabel'), dataIndex: 'channel', render: (v: string | null) => v ?? '—' },
          { title: t('common.actions'), key: 'open', render: (_v, r) => <Link to={managerPath(project, `customer/${encodeURIComponent(r.phone)}`)}>{t('mgr.openTimeline')}</Link> },
        ]}
      />
      <Typography.Text type="secondary">{t('mgr.poolNote')}</Typography.Text>
    </Space>
  );
}
