// 渠道报备, the broker's own portal, phone first (390×844).
import { Result } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';

export function BrokerPortalPage() {
  const { t } = useI18n();
  return <Result status="info" title={t('nav.broker')} data-testid="broker-portal" />;
}
