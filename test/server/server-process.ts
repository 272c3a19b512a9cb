// Real server processes for the tests that need them: `anchang serve` in a child process, killed with
// SIGKILL or stopped, restarted on the same store; several of them on one PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createScratchDatabase } from '../support/postgres-scratch.ts';
import type { Dialect } from '../../src/store/sql/db.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Where an installation keeps its data: a data folder (SQLite) or a PostgreSQL database, and its secret. */
export interface StorePlace {
  readonly dialect: Dialect;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly secret: string;
  drop(): Promise<void>;
}

export async function freshStore(dialect: Dialect): Promise<StorePlace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchang-server-'));
  const secret = randomBytes(32).toString('base64');
  if (dialect === 'sqlite') return { dialect, dataDir, databaseUrl: null, secret, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const database = await createScratchDatabase('anchang_srv');
  return {
    dialect,
    dataDir,
    databaseUrl: database.url,
    secret,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

export function storeEnv(place: StorePlace): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANCHANG_SECRET: place.secret,
    ...(place.databaseUrl ? { DATABASE_URL: place.databaseUrl } : { DATABASE_URL: '' }),
  };
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `anchang serve` on a free port and resolves once it listens. */
export function startServerProcess(place: StorePlace, options: { readonly demo?: boolean; readonly logFile?: string } = {}): Promise<ServerProcess> {
  const args = ['bin/anchang.js', 'serve', '--port', '0', '--data', place.dataDir, ...(options.demo === false ? ['--no-demo'] : [])];
  // A benchmark sends the log to a file, as a deployed server does: read through this pipe, every request's line
  // is work for the process that also generates the load (bench/group-server.ts has the figures).
  const env = options.logFile ? { ...storeEnv(place), ANCHANG_LOG_FILE: options.logFile } : storeEnv(place);
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({
          url: m[1] as string,
          child,
          output: () => out,
          async kill(signal) {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/** Runs an `anchang` command against the store; resolves with its exit status and output. */
export function runCli(place: StorePlace, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; output: string }> {
  const child = spawn(process.execPath, ['bin/anchang.js', ...args, '--data', place.dataDir], { cwd: ROOT, env: { ...storeEnv(place), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ status: code ?? -1, output })));
}
