// The reports' figures (issue 11): on a generated office history (bench/history.ts, BENCH_FACTS facts):
// - the monthly report from a cold start: a fresh CustomerIndex folds the log, then the month's report;
// - the daily report on the warm index;
// - a 100,000-row register exported as .xlsx through the streaming writer, its time and the heap sampled
//   every 10,000 rows (it must not grow with the rows).
// Prints the figures; BENCHMARKS.md keeps them.
import { Writable } from 'node:stream';
import { CustomerIndex } from '../src/app/customer-index.ts';
import { officeReport } from '../src/app/reports/office-report.ts';
import { reportPeriod } from '../src/app/reports/report-period.ts';
import type { Cell, SheetColumn, SheetSpec } from '../src/app/reports/report-sheets.ts';
import { localDay } from '../src/core/time.ts';
import { writeXlsx } from '../src/export/write-xlsx.ts';
import { generateHistory, ZONE } from './history.ts';

const FACTS = Number(process.env.BENCH_FACTS ?? 300_000);
const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const history = generateHistory({ events: FACTS, seed: 11 });
  const engine = history.engine;
  const log = { project: { id: 'bench', zone: ZONE }, facts: async (after: number) => history.facts.filter((f) => f.seq > after) };
  const now = history.lastAt;
  const day = localDay(now, ZONE).key;
  const source = (index: CustomerIndex) => ({ factsInMonth: (m: string) => index.factsInMonth(m), factsAbout: (k: readonly string[]) => index.factsAbout(k), book: () => index.ownershipBook(engine, now).all() });

  let t = performance.now();
  const index = new CustomerIndex(log);
  await index.catchUp();
  const month = reportPeriod('month', day, ZONE);
  if (!month) throw new Error('no month');
  const monthly = officeReport(engine, source(index), month, ZONE, now);
  const monthCold = ms(t);

  t = performance.now();
  const again = officeReport(engine, source(index), month, ZONE, now);
  const monthWarm = ms(t);

  const daily = reportPeriod('day', day, ZONE);
  if (!daily) throw new Error('no day');
  officeReport(engine, source(index), daily, ZONE, now);
  t = performance.now();
  const dayReport = officeReport(engine, source(index), daily, ZONE, now);
  const dayMs = ms(t);

  // The export: a register of ROWS rows, written to a sink that drops the bytes (the HTTP reply in production).
  const heap: number[] = [];
  const rows = function* (): Iterable<readonly Cell[]> {
    for (let i = 0; i < ROWS; i++) {
      if (i % 10_000 === 0) heap.push(mb(process.memoryUsage().heapUsed));
      yield [new Date(Date.UTC(2026, 2, 1) + i * 60_000), i % 3 === 0 ? '来电' : '来访', `客户${i}`, `138${String(i).padStart(8, '0')}`, i % 2 === 0 ? '新客户' : '老客户', '王磊', '网络', 'A', '本区', '住宅', '3栋', 100 + (i % 50), null];
    }
  };
  const spec: SheetSpec = { name: '来人来电登记', title: '基准 来人来电登记', columns: Array.from({ length: 13 }, (_x, i): SheetColumn => ({ header: `列${i}`, kind: i === 0 ? 'date' : i === 11 ? 'number' : 'text', width: 12 })), rows: rows() };
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  t = performance.now();
  await writeXlsx(spec, sink);
  const exportMs = ms(t);

  const figures = {
    facts: history.facts.length,
    monthEntries: monthly.entries.length,
    monthColdMs: monthCold,
    monthWarmMs: monthWarm,
    dayEntries: dayReport.entries.length,
    dayMs,
    exportRows: ROWS,
    exportMs,
    exportMB: mb(bytes),
    heapMBEvery10kRows: heap,
    sameAnswer: again.entries.length === monthly.entries.length,
  };
  console.log(JSON.stringify(figures, null, 2));
}

await main();
