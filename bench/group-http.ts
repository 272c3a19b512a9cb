// The measures over HTTP, against the real server in a child process: the front desk's judge under 64
// connections beside the trivial route of the same process, the broker race, and the manager's month.
import autocannon, { type Result } from 'autocannon';
import { addUser, createSession, grant } from '../src/accounts/accounts-store.ts';
import type { ProjectRole } from '../src/accounts/roles.ts';
import type { Db } from '../src/store/sql/db.ts';
import type { Question } from './group-measures.ts';
import { nowNs, latency, type Latency } from './group-stats.ts';

/** A signed-in user of the benchmark: the cookie and CSRF token its requests carry. */
export interface BenchSession {
  readonly login: string;
  readonly cookie: string;
  readonly csrf: string;
}

const CHEAP = { memoryCost: 1024, timeCost: 1 }; // nobody signs in with these passwords: sessions are made directly

/** A user with one membership and a live session (made directly in the accounts tables, before the server starts). */
export async function benchUser(db: Db, login: string, project: string, role: ProjectRole, actingAs: string, now: number): Promise<BenchSession> {
  const user = await addUser(db, { login, displayName: login, password: 'bench-password-not-used' }, { now, hashCost: CHEAP });
  await grant(db, role === 'broker' ? { login, project, role, brokerId: actingAs } : { login, project, role, staffId: actingAs }, { now });
  const session = await createSession(db, user.id, { now, ttlMs: 7 * 24 * 3_600_000 });
  return { login, cookie: `anchang_session=${session.token}`, csrf: session.csrfToken };
}

export interface LoadFigures {
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly perS: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly errors: number;
  readonly non2xx: number;
}

const figuresOf = (r: Result, connections: number): LoadFigures => ({
  connections,
  seconds: r.duration,
  requests: r.requests.total,
  perS: r.requests.total / r.duration,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});

export async function loadPing(url: string, connections: number, seconds: number): Promise<LoadFigures> {
  return figuresOf(await autocannon({ url: `${url}/api/ping`, connections, duration: seconds }), connections);
}

/** The judge with the questions in turn, each as its project's front desk (a session per office). */
export async function loadJudge(url: string, connections: number, seconds: number, questions: readonly Question[], desks: ReadonlyMap<string, BenchSession>): Promise<LoadFigures> {
  const requests = questions.map((q) => ({ path: `/api/projects/${q.project}/judge?phone=${encodeURIComponent(q.typed)}`, headers: { cookie: (desks.get(q.project) as BenchSession).cookie } }));
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const r = requests[next++ % requests.length] as (typeof requests)[number];
          return { ...request, path: r.path, headers: { ...request.headers, ...r.headers } };
        },
      },
    ],
  });
  return figuresOf(result, connections);
}

/** Every office's engine loaded in the server (its first judge folds the office's log): the cold start. */
export async function warmUp(url: string, projects: readonly string[], questions: readonly Question[], desks: ReadonlyMap<string, BenchSession>): Promise<{ ms: number; perProject: Latency }> {
  const each: number[] = [];
  const t0 = performance.now();
  for (const p of projects) {
    const q = questions.find((x) => x.project === p);
    if (!q) continue;
    const t = nowNs();
    const res = await fetch(`${url}/api/projects/${p}/judge?phone=${encodeURIComponent(q.typed)}`, { headers: { cookie: (desks.get(p) as BenchSession).cookie } });
    if (res.status !== 200) throw new Error(`judge on ${p}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    each.push(nowNs() - t);
  }
  return { ms: performance.now() - t0, perProject: latency(each) };
}

export interface RaceFigures {
  readonly reports: number;
  readonly phones: number;
  readonly clients: number;
  readonly seconds: number;
  readonly perS: number;
  /** Answers that said accepted. */
  readonly accepted: number;
  /** Answers other than 200, except the probing limit's. */
  readonly failed: number;
  /** `429 probe_limited`: a broker past 30 refused reports in an hour is held back (issue 14.5); a refusal, not a failure. */
  readonly limited: number;
  readonly latency: Latency;
}

/**
 * `reports` broker reports over `phones` new numbers, each number reported by reports/phones different brokers,
 * typed differently, from `clients` brokers at once (each sends its own reports one after another, so up to
 * `clients` requests are in flight). Exactly one report per number may be accepted (CH-3: the first protects it).
 */
export async function brokerRace(url: string, project: string, brokers: readonly BenchSession[], plan: readonly { broker: number; phone: string; name: string }[][]): Promise<RaceFigures> {
  let accepted = 0;
  let failed = 0;
  let limited = 0;
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    plan.map(async (reports, b) => {
      const broker = brokers[b] as BenchSession;
      for (const r of reports) {
        const t = nowNs();
        const res = await fetch(`${url}/api/projects/${project}/commands/report`, {
          method: 'POST',
          headers: { cookie: broker.cookie, 'x-csrf-token': broker.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ phone: r.phone, name: r.name }),
        });
        const body = (await res.json()) as { answer?: { accepted?: boolean }; code?: string };
        times.push(nowNs() - t);
        if (res.status === 429 && body.code === 'probe_limited') limited++;
        else if (res.status !== 200) failed++;
        else if (body.answer?.accepted === true) accepted++;
      }
    }),
  );
  const ms = performance.now() - t0;
  const reports = plan.reduce((n, p) => n + p.length, 0);
  return { reports, phones: 0, clients: plan.length, seconds: ms / 1000, perS: reports / (ms / 1000), accepted, failed, limited, latency: latency(times) };
}

export interface HttpReportFigures {
  readonly available: boolean;
  /** The first report of the office in this process: its customer index is folded from the log, or put back from its saved state. */
  readonly coldMs: number;
  readonly warmMs: number;
  readonly consultants: number;
  /** The office report of the same month (REP-1..3, GET /reports?period=month), asked right after. */
  readonly officeMs: number;
}

/**
 * GET /performance?month= as the office's manager, twice (cold, then warm), then the office report of the month;
 * `available` false if the route is not there.
 */
export async function httpMonthlyReport(url: string, project: string, month: string, manager: BenchSession): Promise<HttpReportFigures> {
  const ask = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${url}/api/projects/${project}${path}`, { headers: { cookie: manager.cookie } });
    const body = (await res.json()) as { consultants?: unknown[] };
    return { status: res.status, ms: performance.now() - t, consultants: body.consultants?.length ?? 0 };
  };
  const cold = await ask(`/performance?month=${month}`);
  if (cold.status === 404 || cold.status === 403) return { available: false, coldMs: 0, warmMs: 0, consultants: 0, officeMs: 0 };
  if (cold.status !== 200) throw new Error(`performance report: ${cold.status}`);
  const warm = await ask(`/performance?month=${month}`);
  const office = await ask(`/reports?period=month&date=${month}-01`);
  if (office.status !== 200) throw new Error(`office report: ${office.status}`);
  return { available: true, coldMs: cold.ms, warmMs: warm.ms, consultants: warm.consultants, officeMs: office.ms };
}
