// The live countdown of a broker's protection (CH-4, CH-9): days and a ticking clock to the instant the
// stage ends, so the broker sees the report run out second by second; red under a day.
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useNow } from '../shared/use-now.ts';
import { countdownParts } from './countdown-parts.ts';

const SECOND = 1000;
const DAY = 86_400 * SECOND;

export function LiveCountdown({ until, testId = 'broker-countdown' }: { readonly until: number; readonly testId?: string }) {
  const { t } = useI18n();
  const now = useNow(SECOND);
  const left = until - now;
  if (left <= 0)
    return (
      <Tag color="default" data-testid={testId} data-left="0">
        {t('common.expired')}
      </Tag>
    );
  const { days, clock } = countdownParts(left);
  return (
    <Tag color={left < DAY ? 'red' : left < 7 * DAY ? 'orange' : 'green'} className="live-countdown" data-testid={testId} data-left={Math.floor(left / SECOND)}>
      {days > 0 ? t('broker.countdownDays', { days, clock }) : t('broker.countdownClock', { clock })}
    </Tag>
  );
}
