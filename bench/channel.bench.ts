// Opening day on the broker side (CH-3), against the real server (the composition root, as `npm start`
// runs it, on a scratch SQLite folder, or PostgreSQL with --postgres): 500 approved brokers file 10,000
// reports over 1,000 phones (ten brokers race for each phone) as fast as they can, 64 requests in flight.
// Checked, not only timed: exactly 1,000 accepted, every other refused with its reason ("already
// protected"), nothing lost (the channel assistant's ranking counts 10,000 reports, 1,000 accepted).
// The trivial route (/api/ping) is measured in the same run, so the figures are ratios to it.
// Writes bench/results/channel-<store>-<date>.json and prints a table; BENCHMARKS.md keeps the figures.
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addUser, createSession, grant } from '../src/accounts/accounts-store.ts';
import { loadConfig } from '../src/server/config.ts';
import { DEMO_PASSWORD } from '../src/server/demo-office.ts';
import { startServer } from '../src/server/start-server.ts';
import { SYSTEM } from '../src/store/offices.ts';
import { createScratchDatabase } from '../test/support/postgres-scratch.ts';

const BROKERS = Number(process.env.BENCH_BROKERS ?? 500);
const PHONES = Number(process.env.BENCH_PHONES ?? 1000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 10_000);
const IN_FLIGHT = 64;
const PING_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const postgres = process.argv.includes('--postgres');

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

/** A seeded shuffle, so every run files the same reports in the same order. */
function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchang-channel-bench-'));
  const pg = postgres ? await createScratchDatabase('anchang_bench_channel') : null;
  // The server's log to a file in its data folder, as a deployed server's (bench/group-server.ts says what a pipe costs).
  const log = { ANCHANG_LOG_FILE: join(dataDir, 'server.log') };
  const env = pg ? { ...log, DATABASE_URL: pg.url, ANCHANG_SECRET: Buffer.alloc(32, 7).toString('base64') } : log;
  const server = await startServer(loadConfig({ data: dataDir, port: '0', demo: true }, env));
  try {
    const url = server.url;
    const handle = await server.installation.offices.open('demo');
    if (!handle) throw new Error('no demo office');
    const db = server.installation.db;
    // 500 approved brokers, each with a session (signing 500 people in through the login route would meet its per-address limit).
    const sessions: Session[] = [];
    for (let b = 0; b < BROKERS; b++) {
      const id = `ob${String(b).padStart(3, '0')}`;
      const added = await handle.execute({ do: 'addBroker', broker: { id, kind: 'agency', approved: true } }, SYSTEM);
      if (!added.ok) throw new Error(`adding ${id}: ${added.refusal.message}`);
      const user = await addUser(db, { login: id, displayName: id, password: DEMO_PASSWORD }, { hashCost: { memoryCost: 1024, timeCost: 1 } });
      await grant(db, { login: id, project: 'demo', role: 'broker', brokerId: id });
      const s = await createSession(db, user.id, { now: Date.now(), ttlMs: 3600_000 });
      sessions.push({ cookie: `anchang_session=${s.token}`, csrf: s.csrfToken });
    }
    // Report k: broker k mod 500, phone ⌊k/10⌋: ten different brokers for each phone, twenty phones for each broker.
    const perPhone = REPORTS / PHONES;
    const jobs = shuffled(Array.from({ length: REPORTS }, (_, k) => ({ broker: k % BROKERS, phone: `135${String(Math.floor(k / perPhone)).padStart(8, '0')}` })), 20261206);

    const ping = await autocannon({ url: `${url}/api/ping`, connections: IN_FLIGHT, duration: PING_SECONDS });
    const pingPerS = ping.requests.total / ping.duration;

    const latencies: number[] = [];
    const outcomes = { accepted: 0, refused: 0, refusedWithReason: 0, other: 0 };
    const acceptedPhones = new Map<string, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++] as { broker: number; phone: string };
          const s = sessions[job.broker] as Session;
          const t = performance.now();
          const res = await fetch(`${url}/api/projects/demo/commands/report`, {
            method: 'POST',
            headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ phone: job.phone, name: '钱先生' }),
          });
          const body = (await res.json()) as { answer?: { accepted: boolean; reasons: { code: string }[] } };
          latencies.push(performance.now() - t);
          if (res.status !== 200 || !body.answer) outcomes.other++;
          else if (body.answer.accepted) {
            outcomes.accepted++;
            acceptedPhones.set(job.phone, (acceptedPhones.get(job.phone) ?? 0) + 1);
          } else {
            outcomes.refused++;
            if (body.answer.reasons[0]?.code === 'alreadyProtected') outcomes.refusedWithReason++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * f))] ?? 0;

    // Nothing lost: the log, as the channel assistant's ranking reads it, holds every report.
    const manager = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'liu', password: DEMO_PASSWORD }) });
    // Every cookie the sign-in sets (the session and the known-device cookie of issue 14.6), as a browser sends them back.
    const cookie = manager.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const read = await fetch(`${url}/api/projects/demo/channel/workspace`, { headers: { cookie } });
    if (read.status !== 200) throw new Error(`the channel workspace answered ${read.status}: ${await read.text()}`);
    const ws = (await read.json()) as { ranking: { broker: string; reports: number; accepted: number }[] };
    const ours = ws.ranking.filter((r) => r.broker.startsWith('ob'));
    const logged = { reports: ours.reduce((n, r) => n + r.reports, 0), accepted: ours.reduce((n, r) => n + r.accepted, 0) };

    const checks = {
      exactlyOnePerPhone: acceptedPhones.size === PHONES && [...acceptedPhones.values()].every((n) => n === 1),
      acceptedIsPhones: outcomes.accepted === PHONES,
      everyOtherRefusedWithReason: outcomes.refusedWithReason === REPORTS - PHONES && outcomes.other === 0,
      nothingLost: logged.reports === REPORTS && logged.accepted === PHONES,
    };
    const figures = {
      date: new Date().toISOString(),
      store: postgres ? 'postgres' : 'sqlite',
      brokers: BROKERS,
      phones: PHONES,
      reports: REPORTS,
      inFlight: IN_FLIGHT,
      loadAverage: loadavg(),
      ping: { perS: pingPerS, p50: ping.latency.p50, p99: ping.latency.p99 },
      report: { perS: REPORTS / seconds, seconds, p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? 0 },
      ratios: { reportPerSOverPing: REPORTS / seconds / pingPerS, reportP99OverPingP99: q(0.99) / Math.max(ping.latency.p99, 1) },
      outcomes,
      logged,
      checks,
    };
    const out = resolve(import.meta.dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `channel-${figures.store}-${figures.date.slice(0, 10)}.json`), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`broker side on ${figures.store}: ${BROKERS} brokers, ${REPORTS} reports over ${PHONES} phones, ${IN_FLIGHT} in flight; load average ${figures.loadAverage.map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`| measure | req/s | p50 ms | p99 ms |\n|---|---:|---:|---:|`);
    console.log(`| /api/ping | ${pingPerS.toFixed(0)} | ${ping.latency.p50} | ${ping.latency.p99} |`);
    console.log(`| report command | ${figures.report.perS.toFixed(0)} | ${figures.report.p50.toFixed(1)} | ${figures.report.p99.toFixed(1)} |`);
    console.log(`ratios: report/ping req/s ${figures.ratios.reportPerSOverPing.toFixed(3)}, report/ping p99 ${figures.ratios.reportP99OverPingP99.toFixed(1)}`);
    console.log(`outcomes: ${JSON.stringify(outcomes)}; logged ${JSON.stringify(logged)}; checks ${JSON.stringify(checks)}`);
    if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    await pg?.drop();
  }
}

await main();
