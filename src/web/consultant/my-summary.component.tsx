// The consultant's figures that the API answers today: customers owned, expiring within a week, new
// parties received today. Monthly performance (REP-1, REP-3) needs a report endpoint.
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { OwnedCustomer } from '../api/api-types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';

const WEEK = 7 * 24 * 3_600_000;

export function MySummary({ customers, newToday, now }: { readonly customers: readonly OwnedCustomer[]; readonly newToday: number; readonly now: number }) {
  const { t } = useI18n();
  const expiring = customers.filter((c) => c.protectedUntil !== null && c.protectedUntil - now < WEEK).length;
  return (
    <Card size="small" title={t('me.performance')} data-testid="my-summary">
      <Row gutter={8}>
        <Col span={8}>
          <Statistic title={t('me.owned')} value={customers.length} />
        </Col>
        <Col span={8}>
          <Statistic title={t('me.expiring')} value={expiring} valueStyle={expiring > 0 ? { color: '#cf1322' } : undefined} />
        </Col>
        <Col span={8}>
          <Statistic title={t('me.newToday')} value={newToday} />
        </Col>
      </Row>
      <Typography.Text type="secondary" className="form-hint">
        {t('me.monthNote')}
      </Typography.Text>
    </Card>
  );
}
