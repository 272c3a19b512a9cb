// The sales-group benchmark: a year of a group's offices generated and bulk-loaded into SQLite and PostgreSQL,
// then, side by side, each figure beside the limit the machine sets for it (a raw indexed look-up, the trivial
// route of the same server, raw inserts of the same rows). `npm run bench` runs it (bench/sales-group.bench.ts);
// test/bench/bench-ci.test.ts runs the `ci` scale and checks only that the counts are exact.
import { createHash } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FactType, StaffId } from '../src/core/facts.ts';
import { verifyLog } from '../src/store/log/verify-log.ts';
import type { Actor } from '../src/store/offices.ts';
import type { Dialect } from '../src/store/sql/db.ts';
import { openSqlOffices, type SqlOffices } from '../src/store/sql-offices.ts';
import { createVault, type Vault } from '../src/store/vault/personal-vault.ts';
import { takeSnapshot } from '../src/store/snapshots/engine-snapshot.ts';
import type { Engine } from '../src/core/engine.ts';
import { bulkLoadOffice } from './bulk-load.ts';
import { generateOffice, planGroup, typedPhone, unknownPhone, type GroupScale, type OfficePlan } from './group-history.ts';
import { benchUser, brokerRace, httpMonthlyReport, loadJudge, loadPing, warmUp, type BenchSession, type HttpReportFigures, type LoadFigures, type RaceFigures } from './group-http.ts';
import { measureJudge, measureMonthlyReport, measureRebuild, measureWrites, type JudgeFigures, type Question, type RebuildFigures, type ReportFigures, type WriteFigures } from './group-measures.ts';
import { openPlace, storeBytes, type Place } from './group-places.ts';
import { startBenchServer } from './group-server.ts';
import { mib, shuffled, type Latency } from './group-stats.ts';
import { mulberry32, ZONE } from './history.ts';
import { monthOf, monthRange } from '../src/app/performance.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap and array buffers after full collections; an array buffer's memory goes a turn after its object. */
async function settledMemory(): Promise<{ heap: number; arrayBuffers: number }> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

/** Every office's folded engine snapshotted and put back in this process, as a restarted server holds it: what it costs a fact. */
async function measurePackedEngines(offices: SqlOffices, vault: Vault, projects: readonly string[]): Promise<DialectResults['enginePacked']> {
  const held: Engine[] = [];
  let facts = 0;
  const before = await settledMemory();
  for (const p of projects) {
    const engine = await (await offices.open(p))!.engine();
    const taken = takeSnapshot(vault.keys, p, 'bench', { engine, parties: { day: '', bySeq: new Map() }, retired: new Set() });
    await taken.sealed;
    held.push(taken.reopened().engine);
    facts += engine.lastSeq;
  }
  const after = await settledMemory();
  const heapBytes = after.heap - before.heap;
  const arrayBufferBytes = after.arrayBuffers - before.arrayBuffers;
  if (held.length !== projects.length) throw new Error('an engine was not put back');
  return { facts, heapBytes, arrayBufferBytes, bytesPerFact: (heapBytes + arrayBufferBytes) / facts };
}

/** How much each measure does at a scale (the dataset's size is the GroupScale). */
export interface Sizes {
  /** Front-desk questions asked in-process (and cycled over HTTP). */
  readonly questions: number;
  readonly httpSeconds: number;
  readonly connections: number;
  readonly race: { readonly reports: number; readonly phones: number; readonly clients: number };
  readonly writes: number;
}

export const SIZES: Readonly<Record<string, Sizes>> = {
  ci: { questions: 1_000, httpSeconds: 1, connections: 16, race: { reports: 300, phones: 30, clients: 20 }, writes: 60 },
  small: { questions: 20_000, httpSeconds: 10, connections: 64, race: { reports: 10_000, phones: 1_000, clients: 200 }, writes: 1_000 },
  full: { questions: 50_000, httpSeconds: 15, connections: 64, race: { reports: 10_000, phones: 1_000, clients: 200 }, writes: 2_000 },
};

export const GOALS = {
  httpJudgeVsPing: 0.5,
  httpJudgeP99Ms: 10,
  judgeVsRaw: 3,
  writesVsRaw: 0.3,
  rebuildPerS: 200_000,
  raceSeconds: 10,
  reportSeconds: 1,
  rssBytes: 500 * 1024 * 1024,
  /** After a restart (engine snapshots): an office's first judge at p50, and every office ready. */
  restartFirstJudgeMs: 200,
  restartAllReadyMs: 10_000,
} as const;

export interface BenchOptions {
  readonly scale: GroupScale;
  readonly sizes: Sizes;
  readonly seed: number;
  readonly dialects: readonly Dialect[];
  /** Scratch folder for the SQLite store and the servers' data folders. */
  readonly root: string;
  /** Keep the databases afterwards (for looking into them). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

export interface Dataset {
  readonly offices: number;
  readonly consultants: number;
  /** Consultants hired during the year to replace those who left. */
  readonly hired: number;
  readonly departures: number;
  readonly brokers: number;
  readonly units: number;
  /** Customer records (distinct phones) across the offices. */
  readonly customers: number;
  readonly facts: number;
  readonly byType: Readonly<Partial<Record<FactType, number>>>;
  readonly vaultKeys: number;
  readonly vaultValues: number;
  readonly firstAt: number;
  readonly lastAt: number;
  readonly days: number;
  readonly generateMs: number;
  readonly loadMs: number;
  readonly storeBytes: Readonly<Partial<Record<Dialect, number>>>;
  /** The loaded engines agree with the generating ones (customers, orders, last seq, sampled owners). */
  readonly enginesAgree: boolean;
  readonly officeSizes: readonly { id: string; consultants: number; facts: number; customers: number }[];
}

export interface DialectResults {
  readonly dialect: Dialect;
  readonly verify: { readonly ok: boolean; readonly entries: number; readonly ms: number };
  readonly rebuild: RebuildFigures;
  /** Folding every office's log into its engine in this process (what a server does on its first request to each). */
  readonly engineLoad: { readonly facts: number; readonly ms: number; readonly perS: number; readonly heapBytes: number };
  /** The same engines as a restarted server holds them, put back from their snapshots: heap and array buffers. */
  readonly enginePacked: { readonly facts: number; readonly heapBytes: number; readonly arrayBufferBytes: number; readonly bytesPerFact: number };
  readonly judge: JudgeFigures;
  readonly report: ReportFigures;
  readonly server: {
    readonly startMs: number;
    readonly warmUp: { readonly ms: number; readonly perProject: Latency };
    /** The same server started again on the same store: each office put back from the snapshot the first one kept. */
    readonly restart: { readonly startMs: number; readonly warmUp: { readonly ms: number; readonly perProject: Latency }; readonly rss: number; readonly monthly: HttpReportFigures };
    /** Resident memory: started, every office loaded, after the judge load, the race and the report; its peak. */
    readonly rss: { readonly idle: number; readonly warm: number; readonly afterJudge: number; readonly afterRace: number; readonly end: number; readonly peak: number };
    readonly ping: LoadFigures;
    readonly judge: LoadFigures;
    /** Every round, for the record (the figures above are the median round). */
    readonly rounds: { readonly ping: readonly LoadFigures[]; readonly judge: readonly LoadFigures[] };
    readonly race: RaceFigures & { readonly storedAccepted: number; readonly storedReports: number; readonly distinctAccepted: number };
    readonly monthly: HttpReportFigures;
  };
  readonly writes: WriteFigures;
}

export interface GroupResults {
  readonly scale: GroupScale;
  readonly sizes: Sizes;
  readonly seed: number;
  readonly machine: { readonly cpus: number; readonly cpuModel: string | null; readonly memoryBytes: number; readonly node: string };
  readonly load: { readonly before: readonly number[]; readonly after: readonly number[] };
  readonly dataset: Dataset;
  readonly dialects: readonly DialectResults[];
  readonly ms: number;
}

const ADMIN: Actor = { kind: 'user', id: 'admin' };

/** The store secret, derived from the seed (32 bytes, base64 as ANCHANG_SECRET takes it). */
const secretFor = (seed: number): string => createHash('sha256').update(`anchang-bench:${seed}`).digest().toString('base64');

export async function runGroupBench(options: BenchOptions): Promise<GroupResults> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const { scale, sizes, seed } = options;
  const loadBefore = loadavg();
  const secret = secretFor(seed);
  const vault = createVault(Buffer.from(secret, 'base64'));
  const places: Place[] = [];
  try {
    for (const d of options.dialects) places.push(await openPlace(d, options.root, options.keep === true));
    const plans = planGroup(scale, seed);
    const { dataset, questions } = await generateAndLoad(plans, places, vault, sizes, seed, log);
    const projects = plans.map((p) => p.id);
    const racePlan = plans[0] as OfficePlan;
    const writesPlan = plans[Math.min(1, plans.length - 1)] as OfficePlan;
    const reportPlan = [...plans].sort((a, b) => b.facts - a.facts)[0] as OfficePlan;
    // The report's month: the last whole month of the history (or its only month).
    const month = reportMonth(dataset.firstAt, dataset.lastAt);

    const results: DialectResults[] = [];
    for (const place of places) {
      log(`\n[${place.dialect}]`);
      results.push(await measurePlace(place, { secret, vault, plans, projects, questions, racePlan, writesPlan, reportPlan, month, sizes, seed, now: dataset.lastAt, log }));
    }
    const storeSizes: Partial<Record<Dialect, number>> = {};
    for (const place of places) storeSizes[place.dialect] = await storeBytes(place);
    return {
      scale,
      sizes,
      seed,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryBytes: totalmem(), node: process.version },
      load: { before: loadBefore, after: loadavg() },
      dataset: { ...dataset, storeBytes: storeSizes },
      dialects: results,
      ms: performance.now() - started,
    };
  } finally {
    for (const place of places) await place.drop().catch(() => undefined);
  }
}

async function generateAndLoad(plans: readonly OfficePlan[], places: readonly Place[], vault: ReturnType<typeof createVault>, sizes: Sizes, seed: number, log: (line: string) => void) {
  const rnd = mulberry32(seed ^ 0x9e37);
  const byType: Partial<Record<FactType, number>> = {};
  const questions: Question[] = [];
  const officeSizes: { id: string; consultants: number; facts: number; customers: number }[] = [];
  let generateMs = 0;
  let loadMs = 0;
  let customers = 0;
  let facts = 0;
  let vaultKeys = 0;
  let vaultValues = 0;
  let hired = 0;
  let departures = 0;
  let brokers = 0;
  let units = 0;
  let firstAt = Number.POSITIVE_INFINITY;
  let lastAt = 0;
  let days = 0;
  let enginesAgree = true;
  const perOffice = Math.ceil(sizes.questions / plans.length);
  log(`Generating and loading ${plans.length} offices into ${places.map((p) => p.dialect).join(' + ')}…`);
  for (const plan of plans) {
    let t = performance.now();
    const office = generateOffice(plan);
    generateMs += performance.now() - t;
    t = performance.now();
    const loaded = await bulkLoadOffice(
      places.map((p) => p.db),
      vault,
      office,
    );
    loadMs += performance.now() - t;

    // The folded state must be the generating engine's: same customers, orders, last fact and owners.
    const made = office.history.engine;
    const got = loaded.state.engine;
    const keys = [...made.customers.keys()];
    let agree = made.customers.size === got.customers.size && made.orders.size === got.orders.size && got.lastSeq === plan.facts;
    for (let i = 0; i < 50 && agree; i++) {
      const k = keys[Math.floor(rnd() * keys.length)] as string;
      agree = made.ownership(k, office.history.lastAt).owner === got.ownership(k, office.history.lastAt).owner;
    }
    enginesAgree &&= agree;

    // The front desk asks mostly about people the office knows, now and then about a new number.
    for (let i = 0; i < perOffice; i++) {
      const known = rnd() >= 0.05;
      const key = known ? (keys[Math.floor(rnd() * keys.length)] as string) : unknownPhone(plan, i);
      questions.push({ project: plan.id, key, typed: typedPhone(key, rnd()), known });
    }
    for (const [type, n] of Object.entries(office.history.counts)) byType[type as FactType] = (byType[type as FactType] ?? 0) + (n ?? 0);
    byType.policySet = (byType.policySet ?? 0) + 1;
    facts += loaded.facts;
    customers += loaded.customers;
    vaultKeys += loaded.vaultKeys;
    vaultValues += loaded.vaultValues;
    hired += (office.history.counts.staffJoined ?? 0) - plan.shape.consultants - 2;
    departures += office.history.counts.departed ?? 0;
    brokers += plan.shape.brokers;
    units += office.history.counts.unitListed ?? 0;
    firstAt = Math.min(firstAt, office.history.firstAt);
    lastAt = Math.max(lastAt, office.history.lastAt);
    days = Math.max(days, office.history.days);
    officeSizes.push({ id: plan.id, consultants: plan.shape.consultants, facts: loaded.facts, customers: loaded.customers });
    if (plans.length <= 10 || (plan.index + 1) % 10 === 0) log(`  ${plan.id}: ${loaded.facts.toLocaleString('en-US')} facts, ${loaded.customers.toLocaleString('en-US')} customers (${Math.round(facts / ((generateMs + loadMs) / 1000)).toLocaleString('en-US')} facts/s so far)`);
  }
  const dataset = {
    offices: plans.length,
    consultants: plans.reduce((n, p) => n + p.shape.consultants, 0),
    hired,
    departures,
    brokers,
    units,
    customers,
    facts,
    byType,
    vaultKeys,
    vaultValues,
    firstAt,
    lastAt,
    days,
    generateMs,
    loadMs,
    enginesAgree,
    officeSizes,
  };
  return { dataset, questions: shuffled(questions, rnd) };
}

interface PlaceContext {
  readonly secret: string;
  readonly vault: ReturnType<typeof createVault>;
  readonly plans: readonly OfficePlan[];
  readonly projects: readonly string[];
  readonly questions: readonly Question[];
  readonly racePlan: OfficePlan;
  readonly writesPlan: OfficePlan;
  readonly reportPlan: OfficePlan;
  readonly month: string;
  readonly sizes: Sizes;
  readonly seed: number;
  /** The history's last instant: "now" for the in-process questions. */
  readonly now: number;
  readonly log: (line: string) => void;
}

async function measurePlace(place: Place, c: PlaceContext): Promise<DialectResults> {
  const { log, sizes } = c;
  let t = performance.now();
  const verified = await verifyLog(place.db);
  const verify = { ok: verified.ok, entries: verified.chains.reduce((n, ch) => n + ch.length, 0), ms: performance.now() - t };
  log(`  verify: ${verify.ok ? 'ok' : 'FAILED'}, ${verify.entries.toLocaleString('en-US')} entries in ${(verify.ms / 1000).toFixed(1)} s`);

  const rebuild = await measureRebuild(place, c.vault, c.projects);
  log(`  rebuild: ${Math.round(rebuild.perS).toLocaleString('en-US')} events/s, rows ${rebuild.equal ? 'equal' : 'DIFFER'}`);

  // In-process: the offices a server would hold, every engine loaded.
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let offices: SqlOffices = await openSqlOffices(place.db, { secret: Buffer.from(c.secret, 'base64'), listen: false });
  t = performance.now();
  let loadedFacts = 0;
  for (const p of c.projects) loadedFacts += (await (await offices.open(p))!.engine()).lastSeq;
  const loadMs = performance.now() - t;
  collectGarbage();
  const engineLoad = { facts: loadedFacts, ms: loadMs, perS: loadedFacts / (loadMs / 1000), heapBytes: process.memoryUsage().heapUsed - heapBefore };
  log(`  engines: ${Math.round(engineLoad.perS).toLocaleString('en-US')} facts/s folded from the log, ${Math.round(mib(engineLoad.heapBytes))} MiB of heap for ${c.projects.length} offices`);
  const enginePacked = await measurePackedEngines(offices, c.vault, c.projects);
  log(`  engines put back from their snapshots: ${mib(enginePacked.heapBytes).toFixed(1)} MiB of heap and ${mib(enginePacked.arrayBufferBytes).toFixed(1)} MiB of array buffers, ${enginePacked.bytesPerFact.toFixed(1)} bytes a fact (folded: ${(engineLoad.heapBytes / engineLoad.facts).toFixed(0)})`);

  const judge = await measureJudge(place, offices, c.vault, c.questions, c.now);
  log(`  judge in-process: p50 ${judge.judge.p50.toFixed(1)} µs, p99 ${judge.judge.p99.toFixed(1)} µs; raw look-up p50 ${judge.raw.p50.toFixed(1)} µs, p99 ${judge.raw.p99.toFixed(1)} µs`);
  const report = await measureMonthlyReport(place.db, (await offices.open(c.reportPlan.id))!, c.month);
  log(`  monthly report in-process (${c.reportPlan.id} ${c.month}, ${report.facts.toLocaleString('en-US')} facts read): ${(report.ms / 1000).toFixed(2)} s`);

  // Accounts for the HTTP measures, and the race's brokers, before the server starts.
  const now = Date.now();
  const desks = new Map<string, BenchSession>();
  const managers = new Map<string, BenchSession>();
  for (const p of c.projects) {
    desks.set(p, await benchUser(place.db, `fd-${p.toLowerCase()}`, p, 'frontdesk', 'F1', now));
    managers.set(p, await benchUser(place.db, `mgr-${p.toLowerCase()}`, p, 'manager', 'M1', now));
  }
  const race = c.racePlan;
  const raceOffice = (await offices.open(race.id))!;
  const raceBrokers: BenchSession[] = [];
  for (let b = 0; b < sizes.race.clients; b++) {
    const id = `R${String(b + 1).padStart(3, '0')}`;
    const out = await raceOffice.execute({ do: 'addBroker', broker: { id, kind: 'agency', approved: true } }, ADMIN);
    if (!out.ok) throw new Error(`addBroker ${id}: ${out.refusal.message}`);
    raceBrokers.push(await benchUser(place.db, `br-${id.toLowerCase()}`, race.id, 'broker', id, now));
  }
  const raceStart = (await raceOffice.engine()).lastSeq;
  await offices.close();
  offices = null as unknown as SqlOffices;
  collectGarbage();

  t = performance.now();
  const server = await startBenchServer(place, c.secret);
  const startMs = performance.now() - t;
  try {
    const idle = server.memory().rss;
    const warm = await warmUp(server.url, c.projects, c.questions, desks);
    const warmRss = server.memory().rss;
    log(`  server: started in ${(startMs / 1000).toFixed(1)} s; every office's engine loaded in ${(warm.ms / 1000).toFixed(1)} s; RSS ${Math.round(mib(warmRss))} MiB`);
    // One short untimed round each, then alternating measured rounds so that noise hits both alike.
    await loadPing(server.url, sizes.connections, Math.min(3, sizes.httpSeconds));
    await loadJudge(server.url, sizes.connections, Math.min(3, sizes.httpSeconds), c.questions, desks);
    const pings: LoadFigures[] = [];
    const judges: LoadFigures[] = [];
    for (let round = 0; round < 2; round++) {
      pings.push(await loadPing(server.url, sizes.connections, sizes.httpSeconds));
      judges.push(await loadJudge(server.url, sizes.connections, sizes.httpSeconds, c.questions, desks));
    }
    const mid = (xs: LoadFigures[]) => [...xs].sort((a, b) => a.perS - b.perS)[xs.length >> 1] as LoadFigures;
    const ping = mid(pings);
    const httpJudge = mid(judges);
    const afterJudge = server.memory().rss;
    log(`  HTTP (${sizes.connections} connections): ping ${Math.round(ping.perS).toLocaleString('en-US')} req/s p99 ${ping.p99} ms; judge ${Math.round(httpJudge.perS).toLocaleString('en-US')} req/s p99 ${httpJudge.p99} ms`);

    const raceFigures = await runRace(server.url, place, c, raceBrokers, raceStart);
    log(`  broker race: ${raceFigures.reports.toLocaleString('en-US')} reports over ${raceFigures.phones.toLocaleString('en-US')} phones from ${raceFigures.clients} clients in ${raceFigures.seconds.toFixed(1)} s; accepted ${raceFigures.accepted} (stored ${raceFigures.storedAccepted})`);

    const afterRace = server.memory().rss;
    const monthly = await httpMonthlyReport(server.url, c.reportPlan.id, c.month, managers.get(c.reportPlan.id) as BenchSession);
    if (monthly.available) log(`  monthly report over HTTP: first ${(monthly.coldMs / 1000).toFixed(2)} s, again ${(monthly.warmMs / 1000).toFixed(3)} s, office report ${(monthly.officeMs / 1000).toFixed(3)} s`);
    const end = server.memory();
    log(`  server RSS: idle ${Math.round(mib(idle))} MiB, all offices loaded ${Math.round(mib(warmRss))} MiB, after the judge load ${Math.round(mib(afterJudge))} MiB, the race ${Math.round(mib(afterRace))} MiB, the report ${Math.round(mib(end.rss))} MiB; peak ${Math.round(mib(end.peak))} MiB`);
    await server.stop(); // a clean stop: the snapshots it was taking are stored before it exits

    // Cold start after a restart: the server above kept a snapshot of each office it loaded; this one puts them back.
    t = performance.now();
    const again = await startBenchServer(place, c.secret);
    const restart = await (async () => {
      try {
        const startAgainMs = performance.now() - t;
        const warmAgain = await warmUp(again.url, c.projects, c.questions, desks);
        // The manager's first report after the restart: the office's customer index comes back from its saved state.
        const monthlyAgain = await httpMonthlyReport(again.url, c.reportPlan.id, c.month, managers.get(c.reportPlan.id) as BenchSession);
        return { startMs: startAgainMs, warmUp: warmAgain, rss: again.memory().rss, monthly: monthlyAgain };
      } finally {
        await again.stop();
      }
    })();
    log(`  restart: started in ${(restart.startMs / 1000).toFixed(1)} s; every office ready in ${(restart.warmUp.ms / 1000).toFixed(1)} s, first judge p50 ${(restart.warmUp.perProject.p50 / 1000).toFixed(0)} ms; RSS ${Math.round(mib(restart.rss))} MiB`);
    if (restart.monthly.available) log(`  monthly report over HTTP after the restart: first ${(restart.monthly.coldMs / 1000).toFixed(2)} s, again ${(restart.monthly.warmMs / 1000).toFixed(3)} s, office report ${(restart.monthly.officeMs / 1000).toFixed(3)} s`);

    // Registrations through `execute`, in this process, against raw inserts of the same rows.
    offices = await openSqlOffices(place.db, { secret: Buffer.from(c.secret, 'base64'), listen: false });
    const writesOffice = (await offices.open(c.writesPlan.id))!;
    const engine = await writesOffice.engine();
    const consultant = [...engine.staff.values()].find((s) => s.role === 'consultant' && !engine.departed.has(s.id))?.id as StaffId;
    const rnd = mulberry32(c.seed ^ 0x3a7e);
    const registrations = Array.from({ length: sizes.writes }, (_, i) => ({ by: consultant, phone: typedPhone(unknownPhone(c.writesPlan, 200_000 + i), rnd()), name: '王先生' }));
    const writes = await measureWrites(place, writesOffice, registrations, engine.lastAt + 60_000);
    await offices.close();
    log(`  writes: ${Math.round(writes.perS).toLocaleString('en-US')}/s through execute, ${Math.round(writes.rawPerS).toLocaleString('en-US')}/s raw (${writes.rowsPerWrite.toFixed(1)} rows each)`);

    return {
      dialect: place.dialect,
      verify,
      rebuild,
      engineLoad,
      enginePacked,
      judge,
      report,
      server: { startMs, warmUp: warm, restart, rss: { idle, warm: warmRss, afterJudge, afterRace, end: end.rss, peak: end.peak }, ping, judge: httpJudge, rounds: { ping: pings, judge: judges }, race: raceFigures, monthly },
      writes,
    };
  } finally {
    await server.stop();
  }
}

/** The last calendar month (project-local) that the history covers from its first day to its last, else the last month. */
function reportMonth(firstAt: number, lastAt: number): string {
  const last = monthOf(lastAt, ZONE);
  const [y, m] = last.split('-').map(Number) as [number, number];
  const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const range = monthRange(before, ZONE);
  return range && range.start >= firstAt ? before : last;
}

async function runRace(url: string, place: Place, c: PlaceContext, brokers: readonly BenchSession[], startSeq: number) {
  const { reports, phones, clients } = c.sizes.race;
  const perPhone = Math.max(1, Math.floor(reports / phones));
  const rnd = mulberry32(c.seed ^ 0x7ace);
  const plan: { broker: number; phone: string; name: string }[][] = Array.from({ length: clients }, () => []);
  for (let p = 0; p < phones; p++) {
    const key = unknownPhone(c.racePlan, 100_000 + p); // numbers no office handed out
    for (let j = 0; j < perPhone; j++) {
      const broker = (p * perPhone + j) % clients;
      (plan[broker] as { broker: number; phone: string; name: string }[]).push({ broker, phone: typedPhone(key, rnd()), name: '李女士' });
    }
  }
  const figures = await brokerRace(url, c.racePlan.id, brokers, plan.map((list) => shuffled(list, rnd)));
  // What the store holds: every report recorded, exactly one accepted per phone.
  const rows = await place.db.all<{ body: string }>("SELECT body FROM events WHERE project = ? AND seq > ? AND type = 'reported'", [c.racePlan.id, startSeq]);
  const accepted = rows.map((r) => JSON.parse(r.body) as { phone: string; accepted: boolean }).filter((b) => b.accepted);
  return { ...figures, phones, storedReports: rows.length, storedAccepted: accepted.length, distinctAccepted: new Set(accepted.map((b) => b.phone)).size };
}

