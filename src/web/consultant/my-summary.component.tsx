// 我的概况: today's figures (customers owned, expiring within a week, new parties today) and this month's
// (REP-1, REP-3 light) as the server counts them for me alone: parties received, valid registrations,
// follow-ups that reached the customer, orders opened and my performance credit.
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { getPerformance } from '../api/api-client.ts';
import type { OwnedCustomer } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { monthKey } from '../shared/months.ts';
import { useProjectTime } from '../shared/project-time.ts';
import { receivedBreakdown } from '../shared/received-breakdown.ts';
import { useLoad } from '../shared/use-load.ts';

const WEEK = 7 * 24 * 3_600_000;

export function MySummary({ customers, newToday, now }: { readonly customers: readonly OwnedCustomer[]; readonly newToday: number; readonly now: number }) {
  const { t } = useI18n();
  const { project } = useProject();
  const { zone } = useProjectTime();
  const month = monthKey(now, zone);
  const report = useLoad(() => getPerformance(project, { month }), [project, month]);
  const mine = report.data?.consultants[0] ?? null;
  const expiring = customers.filter((c) => c.protectedUntil !== null && c.protectedUntil - now < WEEK).length;
  const figure = (value: number | undefined) => (mine === null ? '—' : (value ?? 0));
  return (
    <>
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
      </Card>
      <Card size="small" title={t('me.month', { month })} loading={report.loading && report.data === null} data-testid="my-month">
        <ErrorAlert problem={report.problem} />
        <Row gutter={[8, 12]}>
          <Col span={8}>
            <Statistic title={t('perf.received')} value={figure(mine?.receivedTotal)} />
          </Col>
          <Col span={8}>
            <Statistic title={t('perf.validRegistrations')} value={figure(mine?.validRegistrations)} />
          </Col>
          <Col span={8}>
            <Statistic title={t('perf.reached')} value={figure(mine?.reached)} suffix={mine ? `/ ${mine.followUps}` : undefined} />
          </Col>
          <Col span={8}>
            <Statistic title={t('perf.orders')} value={figure(mine?.orders)} />
          </Col>
          <Col span={8}>
            <Statistic title={t('perf.credit')} value={figure(mine?.credit)} data-testid="my-credit" />
          </Col>
          <Col span={8}>
            <Statistic title={t('perf.declined')} value={figure(mine?.declined)} />
          </Col>
        </Row>
        {mine && (
          <Typography.Text type="secondary" className="form-hint" data-testid="my-month-received">
            {receivedBreakdown(t, mine.received)}
          </Typography.Text>
        )}
      </Card>
    </>
  );
}
