// 日报摘要 (issue 11.5): the day's summary on the manager's dashboard. From the policy's summary hour it is
// today's, before it yesterday's (the server decides from its clock; nothing is scheduled). Each figure opens the
// customers behind it; the manager downloads the summary as .xlsx.
import { Button, Card, Col, Drawer, List, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import type { DailySummaryView } from '../../contracts/index.ts';
import { dailySummaryExportUrl, getDailySummary } from '../api/register-import-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { useCan } from '../session/use-can.ts';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { useLoad } from '../shared/use-load.ts';

const FIGURES = ['newVisits', 'returningVisits', 'calls', 'deposits', 'subscriptions', 'contracts', 'followUpMisses', 'lapsing'] as const;
type Figure = (typeof FIGURES)[number];

export function DailySummaryTab() {
  const { t } = useI18n();
  const { project } = useProject();
  const can = useCan();
  const { data, problem, loading } = useLoad(() => getDailySummary(project), [project]);
  const [open, setOpen] = useState<Figure | null>(null);
  const summary: DailySummaryView | null = data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="daily-summary">
      <ErrorAlert problem={problem} />
      <Card
        loading={loading && !summary}
        title={summary ? t('summary.title', { day: summary.day }) : t('summary.titleLoading')}
        extra={
          summary &&
          can('dailySummaryExport') && (
            <Button href={dailySummaryExportUrl(project)} data-testid="daily-summary-download">
              {t('summary.download')}
            </Button>
          )
        }
      >
        {summary && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary" data-testid="daily-summary-when">
              {t('summary.when', { ready: summary.readyAtLocal, next: summary.nextAtLocal })}
            </Typography.Text>
            <Row gutter={[16, 16]}>
              {FIGURES.map((f) => (
                <Col key={f} xs={12} md={6}>
                  <Card size="small" hoverable onClick={() => setOpen(f)} data-testid={`summary-${f}`}>
                    <Statistic title={t(`summary.${f}`)} value={summary[f].count} />
                  </Card>
                </Col>
              ))}
            </Row>
          </Space>
        )}
      </Card>
      <Drawer open={open !== null && summary !== null} onClose={() => setOpen(null)} title={open ? t(`summary.${open}`) : ''} data-testid="summary-drill">
        {open && summary && <List size="small" dataSource={[...summary[open].phones]} locale={{ emptyText: t('summary.noneBehind') }} renderItem={(p) => <List.Item>{p}</List.Item>} />}
      </Drawer>
    </Space>
  );
}
