// 补登审批 (REG-5): late entries wait for the manager, each with when the visit happened and who owns the
// customer now (what approving would change). Approving or refusing is decided once: a second manager's
// decision is refused `already_decided` and the list reloads.
import { App, Button, Empty, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { PendingEntry } from '../../contracts/index.ts';
import { command } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { usePendingEntries } from './use-pending-entries.ts';
import { useCan } from '../session/use-can.ts';

export function LateEntries() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const loaded = usePendingEntries();
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<Problem>(null);
  const [busy, setBusy] = useState<number | null>(null);
  // A supervisor sees what waits; deciding is the manager's (the role table).
  const can = useCan();

  const decide = async (entry: number, approved: boolean) => {
    setBusy(entry);
    setProblem(null);
    try {
      const reason = reasons[entry]?.trim();
      await command(project, 'decideLateEntry', { entry, approved, ...(reason ? { reason } : {}) });
      void message.success(t(approved ? 'hyg.lateApproved' : 'hyg.lateRefused'));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(null);
      loaded.reload();
    }
  };

  const rows = loaded.data?.late ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="late-entries">
      <ErrorAlert problem={loaded.problem ?? problem} testId="late-error" />
      {rows.length === 0 && loaded.data ? (
        <Empty description={t('hyg.lateNone')} />
      ) : (
        <Table<PendingEntry>
          size="small"
          rowKey="entry"
          loading={loaded.loading}
          dataSource={[...rows]}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '#', dataIndex: 'entry', width: 60 },
            { title: t('hyg.visitedAt'), key: 'visited', render: (_v, e) => <Tag color="orange">{e.visitedAtLocal ?? '—'}</Tag> },
            { title: t('hyg.enteredAt'), dataIndex: 'atLocal' },
            { title: t('hyg.consultant'), key: 'who', render: (_v, e) => nameOf(e.consultant ?? e.by) },
            { title: t('field.name'), key: 'customer', render: (_v, e) => `${e.name ?? ''} ${e.customer?.phone ?? ''}` },
            { title: t('hyg.ownerNow'), key: 'owner', render: (_v, e) => (e.owner ? (e.owner.name ?? nameOf(e.owner.id)) : t('desk.publicPool')) },
            ...(can('decideLateEntry') ? [{
              title: '',
              key: 'decide',
              render: (_v: unknown, e: PendingEntry) => (
                <Space.Compact>
                  <Input placeholder={t('hyg.refuseReason')} value={reasons[e.entry] ?? ''} onChange={(ev) => setReasons({ ...reasons, [e.entry]: ev.target.value })} data-testid={`late-reason-${e.entry}`} />
                  <Button type="primary" loading={busy === e.entry} onClick={() => void decide(e.entry, true)} data-testid={`late-approve-${e.entry}`} data-action="decideLateEntry">
                    {t('hyg.approve')}
                  </Button>
                  <Button danger loading={busy === e.entry} disabled={!reasons[e.entry]?.trim()} onClick={() => void decide(e.entry, false)} data-testid={`late-refuse-${e.entry}`} data-action="decideLateEntry">
                    {t('hyg.refuse')}
                  </Button>
                </Space.Compact>
              ),
            }] : []),
          ]}
        />
      )}
    </Space>
  );
}
