// 报表 (REP-1..4): the office report for a day, week or month — visits and calls by hour (chart), by consultant
// and by source, the conversion funnel, sales, the ranking, follow-up misses and protection about to lapse.
// Every number is a link that opens the records behind it; the manager downloads each table as .xlsx.
import { Button, Drawer, Input, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { OfficeReportView, RegisterEntryView, ReportSheet } from '../../contracts/index.ts';
import { getOfficeReport, reportExportUrl } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useProject } from '../session/project.context.tsx';
import { ErrorAlert } from '../shared/error-alert.component.tsx';
import { dateTime } from '../shared/format-time.ts';
import { useProjectTime } from '../shared/project-time.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';
import { useLoad } from '../shared/use-load.ts';

const ReportsChart = lazy(() => import('./reports-chart.component.tsx').then((m) => ({ default: m.ReportsChart })));

type Period = 'day' | 'week' | 'month';
const SHEETS: readonly ReportSheet[] = ['visits', 'conversion', 'deposits', 'subscriptions', 'contracts', 'sales', 'ranking', 'compliance', 'lapsing'];
const STAGES = ['smallDeposit', 'deposit', 'subscription', 'contract'] as const;

/** What a drill-down shows: the entries (by seq) or the customers (by phone) behind a number. */
type Drill = { readonly title: string; readonly seqs?: readonly number[]; readonly phones?: readonly string[] } | null;

function todayIn(zone: string): string {
  return dateTime(Date.now(), zone).slice(0, 10);
}

export function ReportsTab() {
  const { t } = useI18n();
  const { project, role } = useProject();
  const { zone } = useProjectTime();
  const { nameOf } = useStaffNames();
  const [period, setPeriod] = useState<Period>('day');
  const [date, setDate] = useState(() => todayIn(zone));
  const [sheet, setSheet] = useState<ReportSheet>('visits');
  const [drill, setDrill] = useState<Drill>(null);
  const { data, problem, loading } = useLoad(() => getOfficeReport(project, { period, date }), [project, period, date]);
  const who = (id: string | null) => (id === null ? t('rep.none') : (data?.names[id] ?? nameOf(id)));
  const key = (k: string | null) => k ?? t('rep.none');
  const link = (n: number, d: NonNullable<Drill>, testId?: string) =>
    n === 0 ? (
      <span>0</span>
    ) : (
      <Button type="link" size="small" onClick={() => setDrill(d)} data-testid={testId}>
        {n}
      </Button>
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="reports-tab">
      <Space wrap>
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          options={(['day', 'week', 'month'] as const).map((p) => ({ value: p, label: t(`rep.period.${p}`) }))}
          data-testid="rep-period"
        />
        <Input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} style={{ width: 160 }} data-testid="rep-date" />
        {role === 'manager' && (
          <>
            <Select<ReportSheet> value={sheet} onChange={setSheet} options={SHEETS.map((s) => ({ value: s, label: t(`rep.sheet.${s}`) }))} style={{ width: 160 }} data-testid="rep-sheet" />
            <Button href={reportExportUrl(project, { period, date, sheet })} download data-testid="rep-download">
              {t('rep.download')}
            </Button>
          </>
        )}
      </Space>
      <ErrorAlert problem={problem} />
      {data && <ReportBody data={data} who={who} keyText={key} link={link} />}
      {loading && !data && <Typography.Text type="secondary">{t('rep.loading')}</Typography.Text>}
      <DrillDrawer drill={drill} data={data} who={who} zone={zone} onClose={() => setDrill(null)} />
    </Space>
  );
}

type LinkFn = (n: number, d: NonNullable<Drill>, testId?: string) => React.ReactNode;

function ReportBody({ data, who, keyText, link }: { readonly data: OfficeReportView; readonly who: (id: string | null) => string; readonly keyText: (k: string | null) => string; readonly link: LinkFn }) {
  const { t } = useI18n();
  const v = data.visits.total;
  const sales = data.sales.total;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space size="large" wrap data-testid="rep-totals">
        <Statistic title={t('rep.visits')} valueRender={() => link(v.visits.length, { title: t('rep.visits'), seqs: v.visits }, 'rep-total-visits')} />
        <Statistic title={t('rep.newVisits')} valueRender={() => link(v.newVisits.length, { title: t('rep.newVisits'), seqs: v.newVisits })} />
        <Statistic title={t('rep.calls')} valueRender={() => link(v.calls.length, { title: t('rep.calls'), seqs: v.calls })} />
        <Statistic title={t('rep.sold')} value={sales.orders.length} />
        <Statistic title={t('rep.area')} value={sales.area} />
        <Statistic title={t('rep.amount')} value={sales.amount} />
      </Space>
      {data.visits.byHour.length > 0 && (
        <Suspense fallback={<div style={{ height: 260 }} />}>
          <ReportsChart hours={data.visits.byHour} />
        </Suspense>
      )}
      <Typography.Title level={5}>{t('rep.byConsultant')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => String(r.key)}
        dataSource={[...data.visits.byConsultant]}
        data-testid="rep-by-consultant"
        columns={[
          { title: t('field.who'), key: 'who', render: (_x, r) => who(r.key) },
          { title: t('rep.visits'), key: 'v', render: (_x, r) => link(r.visits.length, { title: `${who(r.key)} ${t('rep.visits')}`, seqs: r.visits }) },
          { title: t('rep.newVisits'), key: 'nv', render: (_x, r) => link(r.newVisits.length, { title: `${who(r.key)} ${t('rep.newVisits')}`, seqs: r.newVisits }) },
          { title: t('rep.calls'), key: 'c', render: (_x, r) => link(r.calls.length, { title: `${who(r.key)} ${t('rep.calls')}`, seqs: r.calls }) },
        ]}
      />
      <Typography.Title level={5}>{t('rep.bySource')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => String(r.key)}
        dataSource={[...data.visits.bySource]}
        columns={[
          { title: t('field.source'), key: 'k', render: (_x, r) => keyText(r.key) },
          { title: t('rep.visits'), key: 'v', render: (_x, r) => link(r.visits.length, { title: `${keyText(r.key)} ${t('rep.visits')}`, seqs: r.visits }) },
          { title: t('rep.calls'), key: 'c', render: (_x, r) => link(r.calls.length, { title: `${keyText(r.key)} ${t('rep.calls')}`, seqs: r.calls }) },
        ]}
      />
      <Typography.Title level={5}>{t('rep.conversion')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => String(r.key)}
        dataSource={[data.conversion.total, ...data.conversion.byConsultant]}
        data-testid="rep-conversion"
        columns={[
          { title: t('field.who'), key: 'who', render: (_x, r, i) => (i === 0 ? t('rep.total') : who(r.key)) },
          { title: t('rep.visitors'), key: 'v', render: (_x, r) => link(r.visitors.length, { title: t('rep.visitors'), phones: r.visitors }) },
          ...STAGES.map((s) => ({ title: t(`stage.${s}`), key: s, render: (_x: unknown, r: (typeof data.conversion.byConsultant)[number]) => link(r.reached[s].length, { title: t(`stage.${s}`), phones: r.reached[s] }) })),
        ]}
      />
      <Typography.Title level={5}>{t('rep.ranking')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="who"
        dataSource={[...data.ranking]}
        data-testid="rep-ranking"
        columns={[
          { title: t('rep.rank'), dataIndex: 'rank' },
          { title: t('field.who'), key: 'who', render: (_x, r) => who(r.who) },
          { title: t('rep.visits'), dataIndex: 'visits' },
          { title: t('rep.newVisits'), dataIndex: 'newVisits' },
          { title: t('rep.sold'), key: 's', render: (_x, r) => r.sales.length },
          { title: t('rep.amount'), dataIndex: 'amount' },
          { title: t('rep.credit'), dataIndex: 'credit' },
          { title: t('rep.conversionRate'), key: 'cr', render: (_x, r) => `${Math.round(r.conversion * 100)}%` },
        ]}
      />
      <Typography.Title level={5}>{t('rep.compliance', { n: data.compliance.required })}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => String(r.who)}
        dataSource={[...data.compliance.byConsultant]}
        data-testid="rep-compliance"
        columns={[
          { title: t('field.who'), key: 'who', render: (_x, r) => who(r.who) },
          { title: t('rep.visitors'), key: 'v', render: (_x, r) => link(r.visitors.length, { title: t('rep.visitors'), phones: r.visitors }) },
          { title: t('rep.compliant'), key: 'c', render: (_x, r) => link(r.compliant.length, { title: t('rep.compliant'), phones: r.compliant }) },
          { title: t('rep.missed'), key: 'm', render: (_x, r) => link(r.missed.length, { title: t('rep.missed'), phones: r.missed.map((m) => m.phone) }) },
        ]}
      />
      <Typography.Title level={5}>{t('rep.lapsing')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="phone"
        dataSource={[...data.lapsing]}
        data-testid="rep-lapsing"
        columns={[
          { title: t('field.name'), key: 'n', render: (_x, r) => r.name ?? '' },
          { title: t('field.phone'), dataIndex: 'phone' },
          { title: t('field.who'), key: 'o', render: (_x, r) => who(r.owner) },
        ]}
      />
    </Space>
  );
}

function DrillDrawer({ drill, data, who, zone, onClose }: { readonly drill: Drill; readonly data: OfficeReportView | null; readonly who: (id: string | null) => string; readonly zone: string; readonly onClose: () => void }) {
  const { t } = useI18n();
  const rows = useMemo(() => {
    if (!drill || !data) return [];
    if (drill.seqs) {
      const wanted = new Set(drill.seqs);
      return data.entries.filter((e) => wanted.has(e.seq));
    }
    const wanted = new Set(drill.phones ?? []);
    const seen = new Set<string>();
    return data.entries.filter((e) => e.phone !== null && wanted.has(e.phone) && !seen.has(e.phone) && seen.add(e.phone));
  }, [drill, data]);
  return (
    <Drawer open={drill !== null} onClose={onClose} title={drill?.title} width={720} data-testid="report-drill">
      <Table<RegisterEntryView>
        size="small"
        rowKey="seq"
        pagination={false}
        dataSource={rows}
        data-testid="report-drill-table"
        columns={[
          { title: t('rep.when'), key: 'at', render: (_x, e) => dateTime(e.at, zone) },
          { title: t('field.via'), key: 'via', render: (_x, e) => t(`via.${e.via}`) },
          { title: t('field.name'), key: 'n', render: (_x, e) => e.name ?? '' },
          { title: t('field.phone'), key: 'p', render: (_x, e) => e.phone ?? '' },
          { title: t('field.who'), key: 'w', render: (_x, e) => who(e.consultant) },
          { title: t('field.source'), key: 's', render: (_x, e) => e.details.source ?? '' },
          { title: t('field.grade'), key: 'g', render: (_x, e) => e.details.grade ?? '' },
        ]}
      />
    </Drawer>
  );
}
