// Reports (REG-3, REP-1..4, SEC-2): the register's option lists for the forms, the office's report for a
// period, and each of its tables as a streamed .xlsx. Every customer a report or an export shows is logged as
// a read (SEC-2); the export is the manager's alone (the access table).
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { officeReport, type OfficeReport } from '../app/reports/office-report.ts';
import { reportPeriod } from '../app/reports/report-period.ts';
import { reportSheet, SHEET_NAMES, type SheetName } from '../app/reports/report-sheets.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { exportQuery, officeReportSchema, registerOptionsSchema, REPORT_SHEETS, reportQuery, type OfficeReportView, type ReportQuery } from '../contracts/reports.contract.ts';
import { localDay, type Instant } from '../core/time.ts';
import { writeXlsx } from '../export/write-xlsx.ts';
import { addProjectRoute, inProject, type RouteDeps } from './api-route.ts';
import { shownTo, staffNames, type Viewer } from './customer-view.ts';
import { ApiError } from './error-map.ts';

// The contract's sheet names are exactly the app's.
const SHEETS_AGREE: Record<SheetName, true> = Object.fromEntries(REPORT_SHEETS.map((s) => [s, true])) as Record<(typeof REPORT_SHEETS)[number], true>;
void SHEETS_AGREE;

/** SEC-2: every customer the report names goes through the viewer, which logs the full reads. */
function showCustomers(report: OfficeReport, viewer: Viewer): void {
  const see = (phone: string | null, name: string | null) => {
    if (phone !== null) viewer.customer(phone, name, null);
  };
  for (const e of report.entries) see(e.phone, e.name);
  for (const rows of Object.values(report.sales.registers)) for (const r of rows) see(r.phone, r.name);
  for (const r of report.compliance.byConsultant) for (const m of r.missed) see(m.phone, m.name);
  for (const l of report.lapsing) see(l.phone, l.name);
}

function present(report: OfficeReport, names: Record<string, string | null>): OfficeReportView {
  return { ...report, names };
}

export function reportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock, indexes } = deps;
  const build = async (req: FastifyRequest, query: ReportQuery) => {
    const { caller, handle } = inProject(req);
    const now: Instant = clock();
    const zone = handle.project.zone;
    const kind = query.period ?? 'day';
    const period = reportPeriod(kind, query.date ?? localDay(now, zone).key, zone, query.to);
    if (!period) throw new ApiError('validation', { detail: kind === 'range' ? 'a range needs date ≤ to, at most 400 days' : 'not a date' });
    const index = await indexes.caughtUp(handle);
    const engine = await handle.engine();
    const report = officeReport(engine, { factsInMonth: (m) => index.factsInMonth(m), factsAbout: (k) => index.factsAbout(k), book: () => index.ownershipBook(engine, now).all() }, period, zone, now);
    return { caller, handle, engine, report, now, zone };
  };

  addProjectRoute(app, 'registerOptions', {
    summary: "The office's options for the register's fields (REG-3): sources (认知途径), grades (诚意度), districts, property types",
    tags: ['reports'],
    params: projectParams,
    answer: registerOptionsSchema,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      return (await handle.engine()).policy.registerOptions;
    },
  });

  addProjectRoute(app, 'officeReport', {
    summary: 'The office report for a day, week, month or range (REP-1..3): visits and calls, conversion, order registers and sales, ranking, follow-up compliance, protection about to lapse; each number with its records; each customer shown is logged (SEC-2)',
    tags: ['reports'],
    params: projectParams,
    query: reportQuery,
    answer: officeReportSchema,
    handler: async ({ query }, req) => {
      const { caller, handle, engine, report, now } = await build(req, query);
      return shownTo(db, caller, handle.project.id, 'report', now, (viewer) => {
        showCustomers(report, viewer);
        return present(report, staffNames(engine, [...engine.staff.keys()]));
      });
    },
  });

  addProjectRoute(app, 'reportExport', {
    summary: 'One table of the report as .xlsx (REP-4), streamed: Chinese headers, the filter in the title, frozen header rows, dates and numbers as such; the manager only, and every customer in it is logged as a read (SEC-2)',
    tags: ['reports'],
    params: projectParams,
    query: exportQuery,
    handler: async ({ query }, req, reply) => {
      const { caller, handle, engine, report, now, zone } = await build(req, query);
      const spec = reportSheet(query.sheet, report, { engine, zone, office: handle.project.name });
      await shownTo(db, caller, handle.project.id, 'reportExport', now, (viewer) => showCustomers(report, viewer));
      const file = `${SHEET_NAMES[query.sheet]}-${report.period.first}${report.period.last !== report.period.first ? `_${report.period.last}` : ''}.xlsx`;
      const out = new PassThrough();
      writeXlsx(spec, out).catch((error: unknown) => {
        req.log.error({ err: error }, 'report export failed');
        out.destroy(error as Error);
      });
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`)
        .header('cache-control', 'no-store');
      return out;
    },
  });
}
