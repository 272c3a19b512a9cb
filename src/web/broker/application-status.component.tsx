// What a broker not yet approved sees (CH-2): their application — who, which company and store — and
// where it stands: waiting for the channel manager, or rejected with the reason. Nothing else is open to
// them until they are approved.
import { Card, Descriptions, Result, Tag } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { BrokerStanding } from './use-broker-standing.ts';
import './broker.css';

export function ApplicationStatus({ standing }: { readonly standing: BrokerStanding }) {
  const { t } = useI18n();
  const a = standing.application;
  const rejected = a.status === 'rejected';
  return (
    <div className="broker-portal" data-testid="broker-application" data-status={a.status}>
      <Result
        status={rejected ? 'warning' : 'info'}
        title={t(rejected ? 'broker.applicationRejected' : 'broker.applicationPending')}
        subTitle={rejected ? t('broker.rejectedBecause', { reason: a.reason ?? '' }) : t('broker.pendingHint')}
      />
      <Card size="small" title={t('broker.application')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('broker.name')}>{a.broker.name ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('broker.kind')}>{t(`broker.kind.${a.broker.kind}`)}</Descriptions.Item>
          {a.broker.company && <Descriptions.Item label={t('broker.company')}>{a.broker.company}</Descriptions.Item>}
          {a.broker.store && <Descriptions.Item label={t('broker.store')}>{a.broker.store}</Descriptions.Item>}
          {a.appliedAtLocal && <Descriptions.Item label={t('broker.appliedAt')}>{a.appliedAtLocal}</Descriptions.Item>}
          <Descriptions.Item label={t('broker.standing')}>
            <Tag color={rejected ? 'red' : 'gold'} data-testid="application-status">
              {t(`broker.applicationStatus.${a.status}`)}
            </Tag>
          </Descriptions.Item>
          {a.decidedAtLocal && <Descriptions.Item label={t('broker.decidedAt')}>{a.decidedAtLocal}</Descriptions.Item>}
        </Descriptions>
      </Card>
    </div>
  );
}
