// The machine as `npm test` finds it: Node's version, the PostgreSQL the tests use, Chromium, a CJK font.
// Each probe is bounded in time, so a missing piece is reported in seconds, not after a hung connect.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import type { PostgresProbe, Probes } from './preflight.ts';

export const PG_SERVER = process.env.ANCHANG_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NOTO_DIR = '/usr/share/fonts/opentype/noto';

export async function probePostgres(server = PG_SERVER, timeoutMs = 3000): Promise<Probes['postgres']> {
  const where = server.replace(/^postgres(ql)?:\/\/([^@/]*@)?/, '');
  const client = new pg.Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { state: 'ok', server: where };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const down = ['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET'].includes(err.code ?? '') || /timeout|terminated/i.test(err.message ?? '');
    const state: PostgresProbe = down ? 'down' : err.code === '28P01' || /password/i.test(err.message ?? '') ? 'password' : 'other';
    return { state, server: where, detail: err.message ?? String(e) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function probeCjkFont(): boolean {
  if (existsSync(NOTO_DIR) && readdirSync(NOTO_DIR).some((f) => f.includes('CJK'))) return true;
  const listed = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 5000 });
  return listed.status === 0 && listed.stdout.trim() !== '';
}

export async function probeMachine(): Promise<Probes> {
  return {
    node: process.versions.node,
    postgres: await probePostgres(),
    chromium: { path: CHROMIUM, present: existsSync(CHROMIUM) },
    cjkFont: probeCjkFont(),
  };
}
