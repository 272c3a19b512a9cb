// The money side's figures, measured side by side in one run against the real server (the composition
// root, as `npm start` runs it, on a scratch SQLite folder, or PostgreSQL with --postgres):
// - the 销控 grid's data for 5,000 units beside the trivial route (/api/ping), in full and as the 304 an open
//   grid gets while nothing changed;
// - an order command beside a registration command, each on its own customer.
// Writes bench/results/sales-<date>.json and prints a table; BENCHMARKS.md keeps the figures.
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { DEMO_PASSWORD } from '../src/server/demo-office.ts';
import { startServer } from '../src/server/start-server.ts';
import { createScratchDatabase } from '../test/support/postgres-scratch.ts';

const UNITS = 5000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 16;
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 400);
const postgres = process.argv.includes('--postgres');

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

async function login(url: string, who: string): Promise<Session> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: who, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${who}: ${res.status}`);
  // Every cookie the sign-in sets (the session and the known-device cookie of issue 14.6), as a browser sends them back.
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function command(url: string, s: Session, action: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}/api/projects/demo/commands/${action}`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

async function load(url: string, path: string, headers: Record<string, string>) {
  const r = await autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
  return { perS: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, bytesPerS: r.throughput.average };
}

/** `n` commands, 8 at a time, each body from its index: throughput and mean latency. */
async function commands(n: number, run: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        const status = await run(i);
        if (status !== 200) throw new Error(`command ${i} answered ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perS: n / seconds, meanMs: latencies.reduce((a, b) => a + b, 0) / n, p50: latencies[Math.floor(n / 2)] ?? 0, p99: latencies[Math.floor(n * 0.99)] ?? 0 };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchang-sales-bench-'));
  const pg = postgres ? await createScratchDatabase('anchang_bench_sales') : null;
  // The server's log to a file in its data folder, as a deployed server's (bench/group-server.ts says what a pipe costs).
  const log = { ANCHANG_LOG_FILE: join(dataDir, 'server.log') };
  const env = pg ? { ...log, DATABASE_URL: pg.url, ANCHANG_SECRET: Buffer.alloc(32, 7).toString('base64') } : log;
  const server = await startServer(loadConfig({ data: dataDir, port: '0', demo: true }, env));
  try {
    const url = server.url;
    const manager = await login(url, 'liu');
    const consultant = await login(url, 'wang');
    const units = Array.from({ length: UNITS }, (_, i) => {
      const building = 10 + Math.floor(i / 200);
      const floor = 2 + Math.floor((i % 200) / 6);
      const room = `${String(floor).padStart(2, '0')}0${(i % 6) + 1}`;
      return { id: `B${building}-${room}`, building: `${building}栋`, floor, room, layout: ['三室两厅', '两室两厅', '四室两厅'][i % 3], area: 90 + (i % 5) * 12, price: 1_800_000 + i * 100 };
    });
    if ((await command(url, manager, 'importUnits', { units, file: 'bench.xlsx' })) !== 200) throw new Error('import refused');

    // As a browser asks: compressed.
    const gridHeaders = { cookie: consultant.cookie, 'accept-encoding': 'gzip' };
    const first = await fetch(`${url}/api/projects/demo/units/grid`, { headers: gridHeaders });
    const etag = first.headers.get('etag') ?? '';
    const gridBytes = (await first.arrayBuffer()).byteLength;
    const gzipBytes = Number((await fetch(`${url}/api/projects/demo/units/grid`, { headers: gridHeaders })).headers.get('content-length') ?? 0);
    const ping = await load(url, '/api/ping', {});
    const grid = await load(url, '/api/projects/demo/units/grid', gridHeaders);
    const conditional = await load(url, '/api/projects/demo/units/grid', { ...gridHeaders, 'if-none-match': etag });

    const register = await commands(COMMANDS, (i) => command(url, consultant, 'register', { via: 'visit', phone: `1370${String(i).padStart(7, '0')}`, name: '测先生', gender: 'M', needs: '三房' }));
    const order = await commands(COMMANDS, (i) => command(url, consultant, 'deal', { phone: `1360${String(i).padStart(7, '0')}`, unit: units[i]?.id, stage: 'deposit' }));

    const figures = {
      date: new Date().toISOString(),
      store: postgres ? 'postgres' : 'sqlite',
      units: UNITS,
      gridBytes,
      gzipBytes,
      ping,
      grid,
      conditional,
      register,
      order,
      ratios: {
        gridP50OverPing: grid.p50 / Math.max(ping.p50, 1),
        gridPerSOverPing: grid.perS / ping.perS,
        conditionalPerSOverPing: conditional.perS / ping.perS,
        orderOverRegisterMeanLatency: order.meanMs / register.meanMs,
        orderPerSOverRegister: order.perS / register.perS,
      },
    };
    const out = resolve(import.meta.dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `sales-${figures.store}-${figures.date.slice(0, 10)}.json`), `${JSON.stringify(figures, null, 2)}\n`);
    const r = (x: number) => x.toFixed(2);
    console.log(`money side on ${figures.store}, ${UNITS} units (grid body ${(gridBytes / 1024).toFixed(0)} KiB, ${(gzipBytes / 1024).toFixed(0)} KiB gzipped), ${CONNECTIONS} connections × ${SECONDS} s`);
    console.log(`| measure | req/s | p50 ms | p99 ms |\n|---|---:|---:|---:|`);
    console.log(`| /api/ping | ${ping.perS.toFixed(0)} | ${ping.p50} | ${ping.p99} |`);
    console.log(`| grid, full body | ${grid.perS.toFixed(0)} | ${grid.p50} | ${grid.p99} |`);
    console.log(`| grid, If-None-Match (304) | ${conditional.perS.toFixed(0)} | ${conditional.p50} | ${conditional.p99} |`);
    console.log(`| register command (8 at a time) | ${register.perS.toFixed(0)} | ${register.p50.toFixed(1)} | ${register.p99.toFixed(1)} |`);
    console.log(`| order command (8 at a time) | ${order.perS.toFixed(0)} | ${order.p50.toFixed(1)} | ${order.p99.toFixed(1)} |`);
    console.log(`ratios: grid/ping req/s ${r(figures.ratios.gridPerSOverPing)}, 304 grid/ping req/s ${r(figures.ratios.conditionalPerSOverPing)}, order/registration mean latency ${r(figures.ratios.orderOverRegisterMeanLatency)}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    await pg?.drop();
  }
}

await main();
