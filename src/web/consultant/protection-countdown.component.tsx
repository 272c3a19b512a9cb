// Time left of a customer's protection (OWN-2): days, then hours; red when under three days.
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function ProtectionCountdown({ until, now }: { readonly until: number | null; readonly now: number }) {
  const { t } = useI18n();
  if (until === null) return null;
  const left = until - now;
  if (left <= 0) return <Tag color="default">{t('common.expired')}</Tag>;
  const text = left >= DAY ? t('common.daysLeft', { n: Math.floor(left / DAY) }) : t('common.hoursLeft', { n: Math.max(1, Math.floor(left / HOUR)) });
  return (
    <Tag color={left < 3 * DAY ? 'red' : left < 7 * DAY ? 'orange' : 'green'} data-testid="countdown">
      {text}
    </Tag>
  );
}
