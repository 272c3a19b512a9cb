// Several server processes on one PostgreSQL (issue 13): the front desk's mix — nine judges to one
// registration of a new phone — against one `anchang serve` process, then against two sharing the database,
// the same number of connections in all. Checked, not only timed: the registrations the log gained lie
// between those answered (every request sent, less the ones still in flight when the time ran out) and those
// sent, so neither process loses what it acknowledged nor records twice.
// Writes bench/results/two-process-<date>.json and prints the figures with the machine's core count and load.
import autocannon, { type RequestSpec, type Result } from 'autocannon';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DEMO_PASSWORD } from '../src/server/demo-office.ts';
import { openPostgres } from '../src/store/sql/postgres-db.ts';
import { ApiClient } from '../test/server/http-client.ts';
import { freshStore, startServerProcess, type ServerProcess } from '../test/server/server-process.ts';

const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const JUDGES_PER_REGISTRATION = 9;

interface Signed {
  readonly cookie: string;
  readonly csrf: string;
}

/** The demo consultant wang's session, signed in once (the session is valid on every process: it is in the database). */
async function signIn(url: string): Promise<Signed> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'wang', password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

let phoneCounter = 0;
/** A new mainland mobile each time, unique across both processes' loads (one counter in this process). */
const nextPhone = (): string => `139${String(10_000_000 + phoneCounter++).padStart(8, '0')}`;

interface Mix {
  readonly requests: number;
  readonly perS: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Registrations sent (some may still be in flight when the time runs out). */
  readonly sent: number;
}

async function loadMix(url: string, who: Signed, connections: number, amount?: number): Promise<Mix> {
  let sent = 0;
  const judge = { method: 'GET' as const, path: '/api/projects/demo/judge?phone=13800138000', headers: { cookie: who.cookie } };
  const register = {
    method: 'POST' as const,
    path: '/api/projects/demo/commands/register',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
    setupRequest: (req: RequestSpec) => {
      sent++;
      return { ...req, body: JSON.stringify({ via: 'visit', phone: nextPhone(), name: '压测', needs: '两房' }) };
    },
  };
  const requests = [...Array.from({ length: JUDGES_PER_REGISTRATION }, () => judge), register];
  const result: Result = await autocannon({ url, connections, ...(amount ? { amount } : { duration: SECONDS }), requests });
  return { requests: result.requests.total, perS: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts, sent };
}

const sum = (a: Mix, b: Mix): Mix => ({ requests: a.requests + b.requests, perS: a.perS + b.perS, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99), non2xx: a.non2xx + b.non2xx, errors: a.errors + b.errors, sent: a.sent + b.sent });

/** The log's gain in a phase is possible only between what was answered and what was sent. */
const accounted = (m: Mix, gained: number, connections: number): boolean => m.non2xx === 0 && m.errors === 0 && gained <= m.sent && gained >= m.sent - connections;

async function registrationsInLog(databaseUrl: string): Promise<number> {
  const db = openPostgres(databaseUrl, { max: 1 });
  try {
    const rows = await db.all<{ n: string | number }>("SELECT count(*) AS n FROM events WHERE project = 'demo' AND type = 'registered'");
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const place = await freshStore('postgres');
  const servers: ServerProcess[] = [];
  try {
    servers.push(await startServerProcess(place, { logFile: resolve(place.dataDir, 'server.log') }));
    const first = servers[0] as ServerProcess;
    const who = await signIn(first.url);
    // Warm: the office's engine folded and the session cached before the clock starts.
    await loadMix(first.url, who, 4, 200);
    const load = loadavg().map((x) => x.toFixed(2));
    const before = await registrationsInLog(place.databaseUrl as string);
    const one = await loadMix(first.url, who, CONNECTIONS);
    const afterOne = await registrationsInLog(place.databaseUrl as string);

    servers.push(await startServerProcess(place, { logFile: resolve(place.dataDir, 'server.log') }));
    const second = servers[1] as ServerProcess;
    await loadMix(second.url, who, 4, 200);
    const middle = await registrationsInLog(place.databaseUrl as string);
    const [a, b] = await Promise.all([loadMix(first.url, who, CONNECTIONS / 2), loadMix(second.url, who, CONNECTIONS / 2)]);
    const two = sum(a as Mix, b as Mix);
    const after = await registrationsInLog(place.databaseUrl as string);
    const loadAfter = loadavg().map((x) => x.toFixed(2));

    const ok = accounted(one, afterOne - before, CONNECTIONS) && accounted(two, after - middle, CONNECTIONS);
    const figures = { date: new Date().toISOString(), cores: availableParallelism(), loadBefore: load, loadAfter, connections: CONNECTIONS, seconds: SECONDS, mix: `${JUDGES_PER_REGISTRATION} judges : 1 registration`, one: { ...one, inLog: afterOne - before }, two: { ...two, inLog: after - middle }, ratio: two.perS / one.perS, accounted: ok };
    const out = resolve(import.meta.dirname, 'results', `two-process-${figures.date.slice(0, 10)}.json`);
    writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`two processes on one PostgreSQL, ${figures.cores} cores, load ${load.join(' / ')} → ${loadAfter.join(' / ')}`);
    console.log(`| processes | req/s | p50 ms | p99 ms | registrations sent / in the log | non-2xx |`);
    console.log(`| 1 | ${one.perS.toFixed(0)} | ${one.p50} | ${one.p99} | ${one.sent} / ${afterOne - before} | ${one.non2xx} |`);
    console.log(`| 2 | ${two.perS.toFixed(0)} | ${two.p50} | ${two.p99} | ${two.sent} / ${after - middle} | ${two.non2xx} |`);
    console.log(`ratio 2 : 1 = ${figures.ratio.toFixed(2)}×; every acknowledged registration in the log, none twice: ${ok}`);
    console.log(`written ${out}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await place.drop();
  }
}

await main();
