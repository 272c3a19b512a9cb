// Engine benchmark: how fast a year of one sales office replays, and how quickly the floor's questions are
// answered with that year loaded. It prints figures and writes them to bench/results/; it asserts nothing
// about time (machines differ), only that the replay agrees with the engine that generated the history.
//
//   npm run bench:engine -- --events 1000000 [--seed 20250301] [--runs 3] [--queries 100000]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { floorView } from '../src/app/queries.ts';
import { Engine } from '../src/core/engine.ts';
import type { PhoneKey } from '../src/core/phone.ts';
import { STANDARD_POLICY } from '../src/core/policy.ts';
import { generateHistory, mulberry32, phoneKey } from './history.ts';

// A full collection between phases, so one replay does not pay for the garbage of the one before and the
// memory figure is the engine's live heap rather than whatever the collector had not reached yet.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const GOAL_EVENTS_PER_S = 200_000;
const GOAL_OWNERSHIP_P99_US = 1_000;

function flag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const arg = args[i] as string;
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
  const value = Number(String(raw).replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got "${raw}"`);
  return Math.floor(value);
}

const events = flag('events', 1_000_000);
const seed = flag('seed', 20250301);
const runs = flag('runs', 3);
const ownershipCalls = flag('queries', 100_000);
const floorCalls = Math.max(1, Math.floor(ownershipCalls / 10));

const ms = (ns: bigint): number => Number(ns) / 1e6;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes: number): number => bytes / (1024 * 1024);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface Latency {
  readonly calls: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}
/** Percentiles in µs of per-call times in ns (nearest rank). */
function latency(ns: Float64Array): Latency {
  const s = Float64Array.from(ns).sort();
  const at = (q: number) => (s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number) / 1e3;
  return { calls: s.length, p50: at(0.5), p99: at(0.99), max: (s[s.length - 1] as number) / 1e3, mean: s.reduce((a, b) => a + b, 0) / s.length / 1e3 };
}

// ---- 1. the history (not timed as part of the engine) ----

console.log(`Generating ${fmt(events)} facts (seed ${seed})…`);
const g0 = process.hrtime.bigint();
const generated = generateHistory({ events, seed });
const generateMs = ms(process.hrtime.bigint() - g0);
const { facts, zone, firstAt, lastAt } = generated;
// Keep only what the checks below need from the generating engine, so its memory can go before the replays.
const expected = {
  customers: generated.engine.customers.size,
  orders: generated.engine.orders.size,
  seats: [...generated.engine.floor.seats.keys()].join(','),
};
const sampleRng = mulberry32(seed ^ 0x5eed);
const checkKeys = [...generated.engine.customers.keys()].filter(() => sampleRng() < 0.002);
const expectedOwners = checkKeys.map((k) => generated.engine.ownership(k, lastAt).owner);
(generated as { engine?: Engine }).engine = undefined;

const span = (lastAt - firstAt) / 86_400_000;
console.log(
  `  ${fmt(facts.length)} facts over ${generated.days} days (${fmt(span, 1)} d of clock), ${fmt(generated.customers)} customer phones, generated in ${fmt(generateMs / 1000, 1)} s`,
);
console.log(
  '  ' +
    Object.entries(generated.counts)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
      .map(([t, n]) => `${t} ${fmt(n ?? 0)}`)
      .join(', '),
);

// ---- 2. replay ----

// Garbage-collection pauses, so a slow run can be told apart from a slow fold. Entries are delivered on the
// event loop, after the synchronous runs, and are matched to a run by their start time.
const gcPauses: { start: number; ms: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, ms: entry.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });

interface Run {
  readonly ms: number;
  /** GC pauses during the run. */
  readonly gcMs: number;
  readonly eventsPerS: number;
  /** Throughput of each tenth of the history, to show whether folding slows as the history grows. */
  readonly tenths: number[];
}
function replayOnce(): { engine: Engine; ms: number; tenths: number[] } {
  const engine = new Engine(STANDARD_POLICY, zone, firstAt);
  const step = Math.ceil(facts.length / 10);
  const marks: bigint[] = [];
  const t0 = process.hrtime.bigint();
  let mark = t0;
  for (let i = 0; i < facts.length; i++) {
    engine.apply(facts[i] as (typeof facts)[number]);
    if ((i + 1) % step === 0 || i + 1 === facts.length) {
      const now = process.hrtime.bigint();
      marks.push(now - mark);
      mark = now;
    }
  }
  const total = ms(process.hrtime.bigint() - t0);
  const tenths = marks.map((d, i) => Math.min(step, facts.length - i * step) / (ms(d) / 1000));
  return { engine, ms: total, tenths };
}

/**
 * The timed runs, each on a fresh engine after a full collection. Synchronous on purpose: a suspended async
 * frame can keep the previous run's engine reachable, which would both slow the next run and hide the
 * engine's footprint.
 */
function replayRuns(): { engine: Engine; heapBeforeLoading: number; windows: { ms: number; tenths: number[]; from: number; to: number }[] } {
  let current: ReturnType<typeof replayOnce> | undefined;
  let heapBeforeLoading = 0;
  const windows: { ms: number; tenths: number[]; from: number; to: number }[] = [];
  for (let r = 0; r < runs; r++) {
    current = undefined;
    collectGarbage();
    heapBeforeLoading = process.memoryUsage().heapUsed; // the history array alone
    const from = performance.now();
    current = replayOnce();
    windows.push({ ms: current.ms, tenths: current.tenths, from, to: performance.now() });
  }
  if (!current) throw new Error('no replay ran');
  return { engine: current.engine, heapBeforeLoading, windows };
}

console.log(`\nReplaying into a fresh Engine, ${runs}×…`);
const replayed = replayRuns();
await new Promise((resolve) => setTimeout(resolve, 100)); // let the GC entries arrive
const replays: Run[] = replayed.windows.map((w) => ({
  ms: w.ms,
  gcMs: gcPauses.filter((p) => p.start >= w.from && p.start < w.to).reduce((sum, p) => sum + p.ms, 0),
  eventsPerS: facts.length / (w.ms / 1000),
  tenths: w.tenths,
}));
replays.forEach((run, r) => console.log(`  run ${r + 1}: ${fmt(run.ms)} ms (GC pauses ${fmt(run.gcMs)} ms), ${fmt(run.eventsPerS)} events/s`));
const heapBeforeLoading = replayed.heapBeforeLoading;
const loaded: Engine = replayed.engine;
collectGarbage();
const rssLoaded = process.memoryUsage().rss;
const heapLoaded = process.memoryUsage().heapUsed;
const medianRun = [...replays].sort((a, b) => a.eventsPerS - b.eventsPerS)[replays.length >> 1] as Run;
const replayEventsPerS = median(replays.map((r) => r.eventsPerS));
console.log(`  median: ${fmt(replayEventsPerS)} events/s; by tenth of the history (median run): ${medianRun.tenths.map((t) => fmt(t / 1000) + 'k').join(' ')}`);

// The replay must reach the state the history was generated from; a benchmark of a wrong fold is worthless.
const got = { customers: loaded.customers.size, orders: loaded.orders.size, seats: [...loaded.floor.seats.keys()].join(',') };
const ownersAgree = checkKeys.every((k, i) => loaded.ownership(k, lastAt).owner === expectedOwners[i]);
if (JSON.stringify(got) !== JSON.stringify(expected) || !ownersAgree) {
  console.error('Replay disagrees with the generating engine', { expected, got, ownersAgree });
  process.exit(1);
}

// ---- 3. questions with the year loaded ----

const known = [...loaded.customers.keys()];
let heaviest: { key: PhoneKey; records: number } = { key: known[0] as PhoneKey, records: 0 };
for (const [key, file] of loaded.customers) if (file.records.length > heaviest.records) heaviest = { key, records: file.records.length };

// Questions about a known customer, plus one in twenty about a number the office has never seen.
const rng = mulberry32(seed ^ 0x0a5e);
const questions: PhoneKey[] = Array.from({ length: ownershipCalls }, (_, i) =>
  rng() < 0.05 ? phoneKey(generated.customers + i) : (known[Math.floor(rng() * known.length)] as PhoneKey),
);
for (let i = 0; i < Math.min(5_000, questions.length); i++) loaded.ownership(questions[i] as PhoneKey, lastAt); // warm-up
const ownershipNs = new Float64Array(ownershipCalls);
let owned = 0;
for (let i = 0; i < ownershipCalls; i++) {
  const t0 = process.hrtime.bigint();
  const answer = loaded.ownership(questions[i] as PhoneKey, lastAt);
  ownershipNs[i] = Number(process.hrtime.bigint() - t0);
  if (answer.owner !== null) owned++;
}
const ownership = latency(ownershipNs);

// The floor mostly asks about people who walk in, whose files are longer than a broker lead's.
const visitors = known.filter((k) => loaded.customers.get(k)?.records.some((r) => r.kind === 'arrival'));
const visitorNs = new Float64Array(Math.min(ownershipCalls, 20_000));
for (let i = 0; i < visitorNs.length; i++) {
  const key = visitors[Math.floor(rng() * visitors.length)] as PhoneKey;
  const t0 = process.hrtime.bigint();
  loaded.ownership(key, lastAt);
  visitorNs[i] = Number(process.hrtime.bigint() - t0);
}
const visitor = latency(visitorNs);

const heavyNs = new Float64Array(1_000);
for (let i = 0; i < heavyNs.length; i++) {
  const t0 = process.hrtime.bigint();
  loaded.ownership(heaviest.key, lastAt);
  heavyNs[i] = Number(process.hrtime.bigint() - t0);
}
const heavy = latency(heavyNs);

for (let i = 0; i < 500; i++) floorView(loaded, lastAt); // warm-up
const floorNs = new Float64Array(floorCalls);
for (let i = 0; i < floorCalls; i++) {
  const t0 = process.hrtime.bigint();
  floorView(loaded, lastAt);
  floorNs[i] = Number(process.hrtime.bigint() - t0);
}
const floor = latency(floorNs);
const seatsOnFloor = loaded.floor.seats.size;

const rssAfter = process.memoryUsage().rss;
const peakRss = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB

// ---- 4. report ----

const rows: [string, string, string][] = [
  ['replay (median of ' + runs + ')', `${fmt(replayEventsPerS)} events/s`, `≥ ${fmt(GOAL_EVENTS_PER_S)}/s ${replayEventsPerS >= GOAL_EVENTS_PER_S ? 'met' : 'MISSED'}`],
  ['replay time (median run)', `${fmt(medianRun.ms)} ms`, `of which GC pauses ${fmt(medianRun.gcMs)} ms`],
  [`ownership() ×${fmt(ownershipCalls)} p50`, `${fmt(ownership.p50, 1)} µs`, ''],
  [`ownership() p99`, `${fmt(ownership.p99, 1)} µs`, `< ${fmt(GOAL_OWNERSHIP_P99_US)} µs ${ownership.p99 < GOAL_OWNERSHIP_P99_US ? 'met' : 'MISSED'}`],
  [`ownership() max`, `${fmt(ownership.max, 1)} µs`, ''],
  [`ownership() visitors only ×${fmt(visitorNs.length)} p50 / p99`, `${fmt(visitor.p50, 1)} / ${fmt(visitor.p99, 1)} µs`, `${fmt(visitors.length)} customers who came in`],
  [`ownership() heaviest file (${heaviest.records} records) p50 / p99`, `${fmt(heavy.p50, 1)} / ${fmt(heavy.p99, 1)} µs`, ''],
  [`floorView() ×${fmt(floorCalls)} p50`, `${fmt(floor.p50, 1)} µs`, `${seatsOnFloor} seats on the floor`],
  [`floorView() p99`, `${fmt(floor.p99, 1)} µs`, ''],
  [`floorView() max`, `${fmt(floor.max, 1)} µs`, ''],
  ['RSS after loading', `${fmt(mib(rssLoaded))} MiB`, `live heap ${fmt(mib(heapLoaded))} MiB, of which the engine ${fmt(mib(heapLoaded - heapBeforeLoading))} MiB`],
  ['peak RSS (process)', `${fmt(mib(peakRss))} MiB`, 'includes the generated history and the generating engine'],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`\n${'measure'.padEnd(w0)}  ${'value'.padStart(w1)}  note`);
console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(20)}`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
console.log(`\n(${fmt(owned)} of ${fmt(ownershipCalls)} questions found an owner; RSS at the end ${fmt(mib(rssAfter))} MiB)`);

// The bench may read the clock (only the core may not): the results file is named by the local date of the run.
const today = new Date();
const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `engine-${date}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    {
      date: today.toISOString(),
      command: `node --import tsx bench/engine.bench.ts ${process.argv.slice(2).join(' ')}`.trim(),
      machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, platform: `${process.platform}-${process.arch}` },
      history: {
        events: facts.length,
        seed,
        days: generated.days,
        customers: generated.customers,
        firstAt: new Date(firstAt).toISOString(),
        lastAt: new Date(lastAt).toISOString(),
        counts: generated.counts,
        generateMs: Math.round(generateMs),
      },
      replay: {
        runs: replays.map((r) => ({ ms: Math.round(r.ms), gcMs: Math.round(r.gcMs), eventsPerS: Math.round(r.eventsPerS), tenthsEventsPerS: r.tenths.map(Math.round) })),
        medianEventsPerS: Math.round(replayEventsPerS),
        goalEventsPerS: GOAL_EVENTS_PER_S,
      },
      ownership: { ...ownership, unknownShare: 0.05, ownedAnswers: owned, goalP99Us: GOAL_OWNERSHIP_P99_US, visitors: { customers: visitors.length, ...visitor }, heaviest: { records: heaviest.records, ...heavy } },
      floorView: { ...floor, seats: seatsOnFloor },
      memory: { rssAfterLoadingBytes: rssLoaded, liveHeapAfterLoadingBytes: heapLoaded, engineHeapBytes: heapLoaded - heapBeforeLoading, peakRssBytes: peakRss },
    },
    null,
    2,
  ) + '\n',
);
gcObserver.disconnect();
console.log(`Wrote ${out}`);
