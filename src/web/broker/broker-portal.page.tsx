// 渠道报备, the broker's own portal, phone first (390×844): report a customer (full or masked number as
// the project asks, CH-8; name; expected visit, CH-5), every report with its status and a live countdown,
// the escort code of each live report (CH-10), two-stage protection (CH-9). A company's lead also sees the
// company's reports. A broker not yet approved (CH-2) sees their application and its status only.
// There is no floor stream for a broker: the list is read again every few seconds while the page is open.
import { App, Empty, Segmented, Space, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { command } from '../api/api-client.ts';
import { getMyReports } from '../api/channel-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';
import { ApplicationStatus } from './application-status.component.tsx';
import { ReportCard } from './report-card.component.tsx';
import { ReportForm, type ReportDraft } from './report-form.component.tsx';
import { useBrokerStanding } from './use-broker-standing.ts';
import './broker.css';

type Tab = 'report' | 'mine' | 'company';
const TAB_LABELS = { report: 'broker.tabReport', mine: 'broker.tabMine', company: 'broker.tabCompany' } as const;
const REFRESH_MS = 5000;

export function BrokerPortalPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { project } = useProject();
  const { learn } = useStaffNames();
  const standing = useBrokerStanding(project);
  const [tab, setTab] = useState<Tab>('mine');
  const scope = tab === 'company' ? 'company' : 'own';
  const approved = standing.data?.status === 'approved';
  const reports = useLoad(() => (approved ? getMyReports(project, scope) : Promise.resolve(null)), [project, scope, approved]);
  const { reload } = reports;
  useEffect(() => {
    if (reports.data) learn(reports.data.names);
  }, [reports.data, learn]);
  useEffect(() => {
    if (!approved) return;
    const id = setInterval(reload, REFRESH_MS);
    return () => clearInterval(id);
  }, [approved, reload]);

  const submit = useCallback(
    async (draft: ReportDraft, idempotencyKey: string) => {
      await command(project, 'report', { phone: draft.phone, name: draft.name, expectedAt: draft.expectedAt }, { idempotencyKey });
      void message.success(t('broker.reported'));
      setTab('mine');
      reload();
    },
    [project, message, t, reload],
  );

  if (standing.loading && !standing.data) return <Spin className="page-spin" />;
  if (!standing.data) return <ErrorAlert problem={standing.problem} testId="broker-standing-error" />;
  if (!approved) return <ApplicationStatus standing={standing.data} />;

  const list = reports.data?.reports ?? [];
  const tabs: readonly Tab[] = standing.data.companyLead ? ['report', 'mine', 'company'] : ['report', 'mine'];
  return (
    <div className="broker-portal" data-testid="broker-portal">
      <Segmented<Tab> block size="large" value={tab} onChange={setTab} options={tabs.map((value) => ({ value, label: t(TAB_LABELS[value]) }))} data-testid="broker-tabs" />
      {tab === 'report' ? (
        <ReportForm mode={standing.data.reportNumber} leadMinutes={standing.data.leadMinutes} onSubmit={submit} />
      ) : (
        <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="broker-reports">
          <ErrorAlert problem={reports.problem} testId="broker-reports-error" />
          {reports.data && list.length === 0 && <Empty description={t('broker.noReports')} />}
          {list.map((r) => (
            <ReportCard key={r.seq} report={r} showBroker={tab === 'company'} />
          ))}
        </Space>
      )}
    </div>
  );
}
