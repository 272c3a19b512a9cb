// One of the broker's reports: the customer as reported, its status (protected until, visited, lapsed,
// refused and why), the two protection stages (CH-9) with a live countdown to the current one's end, and,
// while the report is live, its escort code (CH-10).
import { Card, Descriptions, Space, Tag } from 'antd';
import type { BrokerReport, ReportStatus } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ReasonList } from '../shared/reason-list.component.tsx';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { EscortPanel } from './escort-panel.component.tsx';
import { LiveCountdown } from './live-countdown.component.tsx';
import { ProtectionStages } from './protection-stages.component.tsx';

const STATUS_COLOUR: Readonly<Record<ReportStatus, string>> = { protected: 'green', visited: 'blue', lapsed: 'default', refused: 'red' };

export function ReportCard({ report, showBroker }: { readonly report: BrokerReport; readonly showBroker: boolean }) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const r = report;
  const live = r.status === 'protected' || r.status === 'visited';
  return (
    <Card size="small" className="broker-report" data-testid={`report-${r.seq}`} data-status={r.status} data-phone={r.customer.phone}>
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        <div className="broker-report-head">
          <span className="broker-report-customer">
            {r.customer.name ?? ''} {r.customer.phone}
          </span>
          <Tag color={STATUS_COLOUR[r.status]} data-testid="report-status">
            {t(`broker.status.${r.status}`)}
          </Tag>
        </div>
        <Descriptions column={1} size="small">
          {showBroker && <Descriptions.Item label={t('broker.broker')}>{nameOf(r.broker)}</Descriptions.Item>}
          <Descriptions.Item label={t('broker.reportedAt')}>{r.atLocal ?? ''}</Descriptions.Item>
          {r.expectedAtLocal && <Descriptions.Item label={t('broker.expectedAt')}>{r.expectedAtLocal}</Descriptions.Item>}
          {live && r.protectedUntil !== null && (
            <Descriptions.Item label={t('broker.protectedUntil')}>
              <Space size={4} wrap>
                <span data-testid="report-until">{r.protectedUntilLocal ?? ''}</span>
                <LiveCountdown until={r.protectedUntil} />
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {live && <ProtectionStages stage={r.stage} untilLocal={r.protectedUntilLocal} visited={r.visitedAt !== null} />}
        {(r.status === 'refused' || r.status === 'lapsed') && <ReasonList reasons={r.reasons} testId="report-reasons" />}
        {r.escortAvailable && <EscortPanel report={r.seq} />}
      </Space>
    </Card>
  );
}
