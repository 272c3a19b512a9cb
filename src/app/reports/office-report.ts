// The office's report for a period (REP-1..3): visits and calls, conversion, the order registers and sales,
// the consultant ranking, follow-up compliance and protection about to lapse — every number with the records
// behind it (the entries, customers or orders). Pure reads of the caught-up engine and the index at `now`.
import type { Engine } from '../../core/engine.ts';
import type { Instant } from '../../core/time.ts';
import type { BookEntry } from '../ownership-book.ts';
import { complianceReport, lapsingReport, type ComplianceReport, type LapsingRow } from './compliance.report.ts';
import { conversionReport, furthestStages, type ConversionReport } from './conversion.report.ts';
import { rankingReport, type RankingRow } from './ranking.report.ts';
import { DetailsOf, registerEntries, type RegisterEntry, type ReportFacts } from './report-entries.ts';
import type { ReportPeriod } from './report-period.ts';
import { salesReport, type SalesReport } from './sales.report.ts';
import { visitsReport, type VisitsReport } from './visits.report.ts';

export interface OfficeReport {
  readonly period: ReportPeriod;
  readonly at: Instant;
  /** The visits and calls the numbers count (REP-1), in seq order. */
  readonly entries: readonly RegisterEntry[];
  readonly visits: VisitsReport;
  readonly conversion: ConversionReport;
  readonly sales: SalesReport;
  readonly ranking: readonly RankingRow[];
  readonly compliance: ComplianceReport;
  readonly lapsing: readonly LapsingRow[];
}

export interface ReportSource extends ReportFacts {
  /** The register as owned now (the ownership book). */
  readonly book: () => Iterable<BookEntry>;
}

export function officeReport(engine: Engine, source: ReportSource, period: ReportPeriod, zone: string, now: Instant): OfficeReport {
  const entries = registerEntries(engine, source, period, zone, new DetailsOf(source));
  const sales = salesReport(engine, period);
  return {
    period,
    at: now,
    entries,
    visits: visitsReport(entries),
    conversion: conversionReport(entries, furthestStages(engine.allOrders.values())),
    sales,
    ranking: rankingReport(engine, period, entries, sales, now),
    compliance: complianceReport(engine, source, entries, now),
    lapsing: lapsingReport(engine, source.book(), now),
  };
}
