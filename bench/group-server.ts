// The server under test: the real composition root (`anchang serve`) in a child process on the benchmark's
// store, so that its memory is its own and the load generator does not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Place } from './group-places.ts';

const ROOT = resolve(import.meta.dirname, '..');

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  /** Resident memory now and at its peak (VmRSS / VmHWM), bytes. */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
  output(): string;
}

function status(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

export function startBenchServer(place: Place, secret: string): Promise<BenchServer> {
  // The server's log goes to a file in its data folder, as a deployed server's does (or to journald). Through a
  // pipe to this process — which also generates the load — the server blocked on each line: /api/ping measured
  // 9.5k req/s with the log piped to a reader, 45.8k with it in a file, 60.2k silent (2026-12-07, quiet machine).
  const env: NodeJS.ProcessEnv = { ...process.env, ANCHANG_SECRET: secret, DATABASE_URL: place.databaseUrl ?? '', ANCHANG_DEMO: '0', ANCHANG_LOG_FILE: join(place.dataDir, 'server.log') };
  // ANCHANG_BENCH_NODE_ARGS: flags for the server's node, to profile it under the bench's load (e.g. --cpu-prof).
  const nodeArgs = (process.env.ANCHANG_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'bin/anchang.js', 'serve', '--port', '0', '--data', place.dataDir, '--no-demo'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveServer, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${out}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (!m || child.pid === undefined) return;
      clearTimeout(timer);
      const pid = child.pid;
      resolveServer({
        url: (m[1] as string).replace('localhost', '127.0.0.1'),
        pid,
        memory: () => ({ rss: status(pid, 'VmRSS'), peak: status(pid, 'VmHWM') }),
        output: () => out,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
