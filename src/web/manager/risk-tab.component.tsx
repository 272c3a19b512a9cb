// 风险预警 (RISK-1): the patterns that precede customer theft and deals moved outside, over the last 30 days,
// newest first; each names the records that raised it (their numbers, as in a customer's timeline).
import { Space, Table, Tag, Typography } from 'antd';
import { getRiskAlerts } from '../api/violations-client.ts';
import type { RiskAlertView } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';

export function RiskTab() {
  const { t } = useI18n();
  const { project } = useProject();
  const { nameOf } = useStaffNames();
  const alerts = useLoad(() => getRiskAlerts(project), [project]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="risk-tab">
      <Typography.Text type="secondary">{t('risk.hint')}</Typography.Text>
      <ErrorAlert problem={alerts.problem} />
      <Table<RiskAlertView>
        size="small"
        rowKey={(a) => `${a.kind}-${a.records.join('-')}`}
        loading={alerts.loading && alerts.data === null}
        dataSource={[...(alerts.data?.alerts ?? [])]}
        locale={{ emptyText: t('risk.none') }}
        data-testid="risk-table"
        columns={[
          { title: t('risk.when'), dataIndex: 'atLocal' },
          { title: t('risk.kind'), dataIndex: 'kind', render: (k: RiskAlertView['kind']) => <Tag color="orange">{t(`risk.kind.${k}`)}</Tag> },
          { title: t('field.phone'), dataIndex: 'phone' },
          { title: t('risk.who'), dataIndex: 'who', render: (w: string | null, a) => (w === null ? '—' : a.kind === 'reportAfterArrival' ? w : nameOf(w)) },
          { title: t('risk.records'), dataIndex: 'records', render: (r: readonly number[]) => r.map((n) => `#${n}`).join('、') },
        ]}
      />
    </Space>
  );
}
