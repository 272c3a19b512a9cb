// The daily summary (issue 11.5): the day report's headline figures for the manager's dashboard, for the day the
// policy's summary hour says (today's from that hour, else yesterday's), and the same as .xlsx. Reads only: the
// clock decides which day, nothing is scheduled or stored. Customers named are logged as reads (SEC-2).
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dailySummary, dailySummarySheet, summaryDay } from '../app/reports/daily-summary.ts';
import { officeReport } from '../app/reports/office-report.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { dailySummarySchema } from '../contracts/daily-summary.contract.ts';
import { formatLocalTime } from '../core/time.ts';
import { writeXlsx } from '../export/write-xlsx.ts';
import { addProjectRoute, inProject, type RouteDeps } from './api-route.ts';
import { shownTo } from './customer-view.ts';

export function dailySummaryRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, clock, indexes } = deps;
  const build = async (req: FastifyRequest) => {
    const { caller, handle } = inProject(req);
    const now = clock();
    const zone = handle.project.zone;
    const index = await indexes.caughtUp(handle);
    const engine = await handle.engine();
    const day = summaryDay(engine.policy, zone, now);
    const report = officeReport(engine, { factsInMonth: (m) => index.factsInMonth(m), factsAbout: (k) => index.factsAbout(k), book: () => index.ownershipBook(engine, now).all() }, day.period, zone, now);
    const summary = dailySummary(day, report);
    const phones = new Set(Object.values(summary).flatMap((v) => (typeof v === 'object' && v !== null && 'phones' in v ? v.phones : [])));
    return { caller, handle, now, zone, summary, phones, engine };
  };

  addProjectRoute(app, 'dailySummary', {
    summary: "The day's summary for the manager's dashboard (issue 11.5): from the policy's summary hour today's, before it yesterday's — visits new and returning, calls, deposits, subscriptions, contracts, follow-up misses, protection about to lapse, each with its records",
    tags: ['reports'],
    params: projectParams,
    answer: dailySummarySchema,
    handler: async (_input, req) => {
      const { caller, handle, now, zone, summary, phones, engine } = await build(req);
      return shownTo(db, caller, handle.project.id, 'dailySummary', now, (viewer) => {
        for (const p of phones) viewer.customer(p, engine.customers.get(p)?.name ?? null, null);
        return { ...summary, readyAtLocal: formatLocalTime(summary.readyAt, zone), nextAtLocal: formatLocalTime(summary.nextAt, zone) };
      });
    },
  });

  addProjectRoute(app, 'dailySummaryExport', {
    summary: "The day's summary as .xlsx (issue 11.5): one line a figure with the customers behind it; the manager only, logged as a read (SEC-2)",
    tags: ['reports'],
    params: projectParams,
    handler: async (_input, req, reply) => {
      const { caller, handle, now, summary, phones, engine } = await build(req);
      await shownTo(db, caller, handle.project.id, 'dailySummaryExport', now, (viewer) => {
        for (const p of phones) viewer.customer(p, engine.customers.get(p)?.name ?? null, null);
      });
      const out = new PassThrough();
      writeXlsx(dailySummarySheet(summary, handle.project.name), out).catch((error: unknown) => {
        req.log.error({ err: error }, 'daily summary export failed');
        out.destroy(error as Error);
      });
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="daily-summary.xlsx"; filename*=UTF-8''${encodeURIComponent(`日报摘要-${summary.day}.xlsx`)}`)
        .header('cache-control', 'no-store');
      return out;
    },
  });
}
