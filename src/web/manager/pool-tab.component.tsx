// 公共池 (OWN-10, OWN-11, OWN-12): customers nobody owns now — a departed consultant's, those whose
// protection lapsed, those never validly registered — with when and why they became nobody's. The
// manager gives one to a consultant, or hands the selected ones out in turn (round-robin, OWN-10).
import { App, Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { command, getRegister } from '../api/api-client.ts';
import type { RegisterCustomer } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { customerColumns, SearchBox, TimelineLink } from './customer-columns.tsx';
import { PAGE_SIZE } from './register-tab.component.tsx';
import { ReassignForm } from './reassign-form.component.tsx';
import { StaffSelect } from './staff-select.component.tsx';
import { useCan } from '../session/use-can.ts';
import { IntroducedForm } from './introduced-form.component.tsx';

/** Who gets the i-th of the selected customers: the chosen consultants in turn. */
export function inTurn(phones: readonly string[], to: readonly string[]): [string, string][] {
  return to.length === 0 ? [] : phones.map((phone, i) => [phone, to[i % to.length] as string]);
}

export function PoolTab({ consultants, everyConsultant, onAssigned }: { readonly consultants: readonly string[]; readonly everyConsultant: readonly string[]; readonly onAssigned: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  // Reassigning is the manager's (OWN-5, OWN-10); a supervisor sees the pool only — as the server's role table says.
  const can = useCan();
  const manager = can('reassign');
  const { nameOf } = useStaffNames();
  const [params, setParams] = useSearchParams();
  const former = params.get('owner') ?? undefined;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<readonly string[]>([]);
  const [single, setSingle] = useState<string | null>(null);
  const [batch, setBatch] = useState(false);
  const [assignees, setAssignees] = useState<readonly string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const pool = useLoad(() => getRegister(project, { q, owner: former, status: 'pool', page, size: PAGE_SIZE }), [project, q, former, page]);

  const assigned = (n: number) => {
    void message.success(t('mgr.assignedN', { n }));
    setSelected([]);
    pool.reload();
    onAssigned();
  };

  const assignInTurn = async () => {
    setBusy(true);
    setProblem(null);
    let done = 0;
    try {
      for (const [phone, to] of inTurn(selected, assignees)) {
        await command(project, 'reassign', { phone, to, reason: reason.trim() || t('mgr.assignReason') }, { idempotencyKey: newIdempotencyKey() });
        done++;
      }
      setBatch(false);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
      if (done > 0) assigned(done);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="pool-tab">
      {/* OWN-9: company and leadership-introduced customers, given in turn. */}
      {can('assignIntroduced') && <IntroducedForm onAssigned={onAssigned} />}
      <Typography.Text type="secondary">{t('mgr.poolHint')}</Typography.Text>
      <Space wrap>
        <SearchBox
          testId="pool-search"
          onSearch={(text) => {
            setPage(1);
            setQ(text);
          }}
        />
        <StaffSelect
          ids={everyConsultant}
          value={former ?? null}
          onChange={(id) => {
            setPage(1);
            setParams(id ? { owner: id } : {}, { replace: true });
          }}
          placeholder={t('mgr.formerOwner')}
          allowClear
          testId="pool-former"
        />
        {manager && (
          <Button type="primary" disabled={selected.length === 0} onClick={() => setBatch(true)} data-testid="pool-assign-in-turn" data-action="reassign">
            {t('mgr.assignInTurn', { n: selected.length })}
          </Button>
        )}
      </Space>
      <ErrorAlert problem={pool.problem} />
      <Table<RegisterCustomer>
        size="small"
        rowKey="phone"
        loading={pool.loading}
        dataSource={[...(pool.data?.customers ?? [])]}
        {...(manager ? { rowSelection: { selectedRowKeys: [...selected], onChange: (keys) => setSelected(keys.map(String)) } } : {})}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: pool.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('mgr.customerCount', { n }) }}
        locale={{ emptyText: t('mgr.poolEmpty') }}
        data-testid="pool-table"
        columns={[
          ...customerColumns(t),
          { title: t('mgr.poolSince'), dataIndex: 'sinceLocal', render: (v: string | null) => v ?? '—' },
          { title: t('mgr.formerOwner'), key: 'former', render: (_v, r) => (r.formerOwner ? nameOf(r.formerOwner.id) : '—') },
          { title: t('mgr.poolWhy'), key: 'why', render: (_v, r) => <ReasonList reasons={r.why ? [r.why] : []} /> },
          {
            title: t('common.actions'),
            key: 'open',
            render: (_v, r) => (
              <Space size={4}>
                {manager && (
                  <Button size="small" onClick={() => setSingle(r.phone)} data-testid={`pool-reassign-${r.phone}`} data-action="reassign">
                    {t('mgr.reassign')}
                  </Button>
                )}
                <TimelineLink phone={r.phone} />
              </Space>
            ),
          },
        ]}
      />
      <Modal open={single !== null} title={`${t('mgr.reassign')} ${single ?? ''}`} footer={null} onCancel={() => setSingle(null)} destroyOnHidden>
        {single && (
          <ReassignForm
            phone={single}
            staff={consultants}
            onDone={() => {
              setSingle(null);
              assigned(1);
            }}
          />
        )}
      </Modal>
      <Modal
        open={batch}
        title={t('mgr.assignInTurn', { n: selected.length })}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: assignees.length === 0, loading: busy, ...({ 'data-testid': 'pool-assign-confirm' } as object) }}
        onOk={() => void assignInTurn()}
        onCancel={() => setBatch(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('mgr.assignTo')}>
            <Select<string[]> mode="multiple" value={[...assignees]} onChange={setAssignees} options={consultants.map((id) => ({ value: id, label: nameOf(id) }))} data-testid="pool-assignees" />
          </Form.Item>
          <Form.Item label={t('field.reason')}>
            <Input value={reason} placeholder={t('mgr.assignReason')} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Form.Item>
        </Form>
        <ul className="assign-plan">
          {inTurn(selected, assignees).map(([phone, to]) => (
            <li key={phone}>{t('mgr.assignPlan', { phone, who: nameOf(to) })}</li>
          ))}
        </ul>
        <ErrorAlert problem={problem} />
      </Modal>
    </Space>
  );
}
