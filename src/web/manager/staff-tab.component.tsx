// 人员: the whole roster, on today's board or not, and the manager's two sanctions on anyone in it:
// suspension from new parties for some days (ROT-14, PEN-1) and departure (OWN-10, SEC-4: their
// customers go to the pool, their access ends). Each consultant links to their customers in the register.
import { App, Button, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { command } from '../api/api-client.ts';
import type { RosterMember } from '../../contracts/index.ts';
import { newIdempotencyKey } from '../api/http.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert, problemOf, type Problem } from '../shared/error-alert.component.tsx';
import { managerPath } from './manager-path.ts';
import type { Roster } from './use-roster.ts';
import { useCan } from '../session/use-can.ts';

function StateTag({ m }: { readonly m: RosterMember }) {
  const { t } = useI18n();
  if (m.departedAt !== null) return <Tag color="default">{t('mgr.departedAt', { at: m.departedAtLocal ?? '' })}</Tag>;
  return (
    <Space size={4} wrap>
      {m.onFloor ? <Tag color="green">{t(`seat.${m.state ?? 'available'}`)}</Tag> : <Tag>{t('seat.notSignedIn')}</Tag>}
      {m.suspended && <Tag color="red">{m.suspendedUntilLocal ? t('mgr.suspendedUntil', { at: m.suspendedUntilLocal }) : t('seat.suspended')}</Tag>}
    </Space>
  );
}

export function StaffTab({ roster }: { readonly roster: Roster }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project, staffId } = useProject();
  // Suspending and departing are the manager's (the server's role table says so; a supervisor only looks).
  const can = useCan();
  const [days, setDays] = useState<Record<string, number>>({});
  const [problem, setProblem] = useState<Problem>(null);

  const act = async (run: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await run();
      void message.success(done);
      roster.reload();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert problem={problem ?? roster.problem} onClose={() => setProblem(null)} />
      <Table<RosterMember>
        size="small"
        rowKey="id"
        loading={roster.loading && roster.data === null}
        dataSource={[...(roster.data ?? [])]}
        pagination={false}
        data-testid="staff-table"
        rowClassName={(m) => (m.departedAt !== null ? 'row-departed' : '')}
        columns={[
          { title: t('field.who'), key: 'who', render: (_v, m) => <span data-testid={`staff-${m.id}`}>{m.name ?? m.id}</span> },
          { title: t('mgr.role'), dataIndex: 'role', render: (v: RosterMember['role']) => t(`role.${v}`) },
          { title: t('mgr.team'), dataIndex: 'team', render: (v: string | null) => v ?? '—' },
          { title: t('mgr.state'), key: 'state', render: (_v, m) => <StateTag m={m} /> },
          { title: t('mgr.newToday'), dataIndex: 'newToday' },
          {
            title: t('mgr.customers'),
            key: 'customers',
            render: (_v, m) => (m.role === 'consultant' ? <Link to={`${managerPath(project, m.departedAt === null ? 'register' : 'pool')}?owner=${encodeURIComponent(m.id)}`}>{m.departedAt === null ? m.customers : t('mgr.inPool')}</Link> : '—'),
          },
          {
            title: t('mgr.suspend'),
            key: 'suspend',
            render: (_v, m) =>
              can('suspend') && m.role === 'consultant' && m.departedAt === null ? (
                <Space.Compact>
                  <InputNumber min={1} max={365} value={days[m.id] ?? 1} onChange={(n) => setDays({ ...days, [m.id]: n ?? 1 })} aria-label={t('mgr.suspendDays')} style={{ width: 70 }} />
                  <Button onClick={() => void act(() => command(project, 'suspend', { who: m.id, days: days[m.id] ?? 1 }, { idempotencyKey: newIdempotencyKey() }), t('mgr.suspended', { days: days[m.id] ?? 1 }))} data-testid={`suspend-${m.id}`} data-action="suspend">
                    {t('mgr.suspend')}
                  </Button>
                </Space.Compact>
              ) : null,
          },
          {
            title: t('mgr.depart'),
            key: 'depart',
            render: (_v, m) =>
              can('depart') && m.departedAt === null && m.id !== staffId ? (
                <Popconfirm title={t('mgr.departConfirm', { who: m.name ?? m.id })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act(() => command(project, 'depart', { who: m.id }, { idempotencyKey: newIdempotencyKey() }), t('mgr.departed'))}>
                  <Button danger data-testid={`depart-${m.id}`} data-action="depart">
                    {t('mgr.depart')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Typography.Text type="secondary">{t('mgr.rosterNote')}</Typography.Text>
    </Space>
  );
}
