// The sales-group benchmark's results as rows: each figure, the limit it is measured against, the ratio and
// the goal. Printed as a table on the console and as Markdown for BENCHMARKS.md.
import { GOALS, type GroupResults } from './group-bench.ts';
import { fmt, mib, sig } from './group-stats.ts';

export interface Row {
  readonly measure: string;
  readonly store: string;
  readonly ours: string;
  readonly limit: string;
  readonly ratio: string;
  readonly goal: string;
  /** null: informative, no goal. */
  readonly met: boolean | null;
}

const us = (x: number) => `${sig(x)} µs`;
const ms = (x: number) => `${sig(x)} ms`;
const s = (x: number) => `${sig(x)} s`;
const perS = (x: number) => `${fmt(x)}/s`;
const times = (x: number) => `${sig(x)}×`;

export function rowsOf(r: GroupResults): Row[] {
  const rows: Row[] = [];
  for (const d of r.dialects) {
    const store = d.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const j = d.judge;
    rows.push({ measure: 'judge in-process, p50', store, ours: us(j.judge.p50), limit: `raw indexed look-up ${us(j.raw.p50)}`, ratio: times(j.judge.p50 / j.raw.p50), goal: `≤ ${GOALS.judgeVsRaw}×`, met: j.judge.p50 <= GOALS.judgeVsRaw * j.raw.p50 });
    rows.push({ measure: 'judge in-process, p99', store, ours: us(j.judge.p99), limit: `raw indexed look-up ${us(j.raw.p99)}`, ratio: times(j.judge.p99 / j.raw.p99), goal: `≤ ${GOALS.judgeVsRaw}×`, met: j.judge.p99 <= GOALS.judgeVsRaw * j.raw.p99 });
    const h = d.server;
    rows.push({
      measure: `judge over HTTP, ${h.judge.connections} connections`,
      store,
      ours: `${perS(h.judge.perS)} req`,
      limit: `GET /api/ping ${perS(h.ping.perS)}`,
      ratio: times(h.judge.perS / h.ping.perS),
      goal: `≥ ${GOALS.httpJudgeVsPing}×`,
      met: h.judge.perS >= GOALS.httpJudgeVsPing * h.ping.perS,
    });
    rows.push({ measure: 'judge over HTTP, p99', store, ours: ms(h.judge.p99), limit: `GET /api/ping ${ms(h.ping.p99)}`, ratio: times(h.judge.p99 / Math.max(h.ping.p99, 0.001)), goal: `< ${GOALS.httpJudgeP99Ms} ms`, met: h.judge.p99 < GOALS.httpJudgeP99Ms });
    const w = d.writes;
    rows.push({ measure: 'registrations through execute', store, ours: perS(w.perS), limit: `raw inserts, same rows ${perS(w.rawPerS)}`, ratio: times(w.perS / w.rawPerS), goal: `≥ ${GOALS.writesVsRaw}×`, met: w.perS >= GOALS.writesVsRaw * w.rawPerS });
    rows.push({ measure: 'rebuild all projections', store, ours: `${perS(d.rebuild.perS)} events`, limit: `${fmt(d.rebuild.facts)} events`, ratio: '', goal: `≥ ${fmt(GOALS.rebuildPerS)}/s`, met: d.rebuild.perS >= GOALS.rebuildPerS && d.rebuild.equal });
    const race = h.race;
    rows.push({
      measure: `broker race, ${fmt(race.reports)} reports / ${fmt(race.phones)} phones / ${race.clients} clients`,
      store,
      ours: s(race.seconds),
      limit: `accepted ${fmt(race.storedAccepted)} of ${fmt(race.phones)} phones; ${fmt(race.limited)} held back by the probing limit`,
      ratio: `${perS(race.perS)} reports`,
      goal: `< ${GOALS.raceSeconds} s, exactly 1 per phone`,
      met: race.seconds < GOALS.raceSeconds && race.storedAccepted === race.phones && race.distinctAccepted === race.phones && race.failed === 0,
    });
    if (h.monthly.available) {
      rows.push({ measure: 'monthly report over HTTP, first (index built from the log)', store, ours: s(h.monthly.coldMs / 1000), limit: '', ratio: '', goal: `< ${GOALS.reportSeconds} s`, met: h.monthly.coldMs < GOALS.reportSeconds * 1000 });
      rows.push({ measure: 'monthly report over HTTP, again', store, ours: s(h.monthly.warmMs / 1000), limit: '', ratio: '', goal: `< ${GOALS.reportSeconds} s`, met: h.monthly.warmMs < GOALS.reportSeconds * 1000 });
      rows.push({ measure: 'office report of the month over HTTP (REP-1..3), after the first', store, ours: s(h.monthly.officeMs / 1000), limit: '', ratio: '', goal: `< ${GOALS.reportSeconds} s`, met: h.monthly.officeMs < GOALS.reportSeconds * 1000 });
    }
    const after = h.restart.monthly;
    if (after.available) {
      rows.push({ measure: 'monthly report over HTTP after a restart, first (index put back from its saved state)', store, ours: s(after.coldMs / 1000), limit: h.monthly.available ? `from the log ${s(h.monthly.coldMs / 1000)}` : '', ratio: h.monthly.available ? times(h.monthly.coldMs / Math.max(after.coldMs, 0.001)) : '', goal: `< ${GOALS.reportSeconds} s`, met: after.coldMs < GOALS.reportSeconds * 1000 });
      rows.push({ measure: 'office report of the month over HTTP after a restart', store, ours: s(after.officeMs / 1000), limit: '', ratio: '', goal: `< ${GOALS.reportSeconds} s`, met: after.officeMs < GOALS.reportSeconds * 1000 });
    }
    rows.push({ measure: `monthly report in-process (whole log read, ${fmt(d.report.facts)} facts)`, store, ours: s(d.report.ms / 1000), limit: `reading the log ${s(d.report.readMs / 1000)}`, ratio: '', goal: `< ${GOALS.reportSeconds} s`, met: d.report.ms < GOALS.reportSeconds * 1000 });
    rows.push({ measure: 'server RSS after a restart, every office ready (engine snapshots)', store, ours: `${fmt(mib(h.restart.rss))} MiB`, limit: `idle ${fmt(mib(h.rss.idle))} MiB`, ratio: '', goal: `≤ ${fmt(mib(GOALS.rssBytes))} MiB`, met: h.restart.rss <= GOALS.rssBytes });
    rows.push({ measure: 'server RSS, peak (the first server, every office folded from its log)', store, ours: `${fmt(mib(h.rss.peak))} MiB`, limit: `idle ${fmt(mib(h.rss.idle))} MiB`, ratio: '', goal: `< ${fmt(mib(GOALS.rssBytes))} MiB`, met: h.rss.peak < GOALS.rssBytes });
    const first = h.warmUp;
    const again = h.restart.warmUp;
    rows.push({ measure: 'first judge of an office after a restart (engine snapshots), p50', store, ours: ms(again.perProject.p50 / 1000), limit: `folding its log ${ms(first.perProject.p50 / 1000)}`, ratio: times(first.perProject.p50 / Math.max(again.perProject.p50, 1)), goal: `≤ ${GOALS.restartFirstJudgeMs} ms`, met: again.perProject.p50 / 1000 <= GOALS.restartFirstJudgeMs });
    rows.push({ measure: 'every office ready after a restart (engine snapshots)', store, ours: s(again.ms / 1000), limit: `folding every log ${s(first.ms / 1000)}`, ratio: times(first.ms / Math.max(again.ms, 1)), goal: `≤ ${GOALS.restartAllReadyMs / 1000} s`, met: again.ms <= GOALS.restartAllReadyMs });
    rows.push({ measure: 'engines folded from the log (cold start)', store, ours: `${perS(d.engineLoad.perS)} facts`, limit: `${fmt(mib(d.engineLoad.heapBytes))} MiB heap`, ratio: '', goal: '', met: null });
    const packed = d.enginePacked;
    rows.push({ measure: 'engine memory a fact, put back from its snapshot (heap and array buffers)', store, ours: `${sig(packed.bytesPerFact)} B`, limit: `folded ${sig(d.engineLoad.heapBytes / d.engineLoad.facts)} B`, ratio: times(packed.bytesPerFact / (d.engineLoad.heapBytes / d.engineLoad.facts)), goal: '', met: null });
    rows.push({ measure: 'verify the hash chains', store, ours: s(d.verify.ms / 1000), limit: `${fmt(d.verify.entries)} entries`, ratio: perS(d.verify.entries / (d.verify.ms / 1000)), goal: 'ok', met: d.verify.ok });
  }
  return rows;
}

const mark = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');

export function consoleTable(rows: readonly Row[]): string {
  const cols = ['measure', 'store', 'ours', 'limit', 'ratio', 'goal', ''] as const;
  const cells = rows.map((r) => [r.measure, r.store, r.ours, r.limit, r.ratio, r.goal, mark(r.met)]);
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] as string).length)));
  const line = (xs: readonly string[]) => xs.map((x, i) => (i === 2 || i === 4 ? x.padStart(widths[i] as number) : x.padEnd(widths[i] as number))).join('  ');
  return [line(cols), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function markdownTable(rows: readonly Row[]): string {
  const head = '| measure | store | ours | limit | ratio | goal | |\n|---|---|---:|---|---:|---|---|';
  return [head, ...rows.map((r) => `| ${r.measure} | ${r.store} | ${r.ours} | ${r.limit} | ${r.ratio} | ${r.goal} | ${r.met === null ? '' : r.met ? 'met' : '**missed**'} |`)].join('\n');
}
