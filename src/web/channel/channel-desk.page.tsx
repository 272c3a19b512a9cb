// 渠道助理台, the channel assistant's workspace.
import { Result } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';

export function ChannelDeskPage() {
  const { t } = useI18n();
  return <Result status="info" title={t('nav.channel')} data-testid="channel-desk" />;
}
