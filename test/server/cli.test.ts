// The `anchang` commands an office runs by hand, against a real store made by a real server: verify (and
// what it catches), a kept head, backup, user add, and an approved erasure of personal data (SEC-5).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './http-client.ts';
import { freshStore, runCli, startServerProcess, type StorePlace } from './server-process.ts';
import { DEMO_PASSWORD } from '../../src/server/demo-office.ts';

let place: StorePlace;
const dbFile = (): string => join(place.dataDir, 'anchang.db');

/** Tampering as an intruder with file access would: the append-only triggers dropped first. */
function tamper(sql: string): void {
  const db = new Database(dbFile());
  try {
    db.exec('DROP TRIGGER IF EXISTS events_refuse_update; DROP TRIGGER IF EXISTS events_refuse_delete;');
    db.exec(sql);
  } finally {
    db.close();
  }
}

function headOf(output: string): string {
  const m = /head demo:(\d+):([0-9a-f]{64})/.exec(output);
  if (!m) throw new Error(`no head in: ${output}`);
  return m[2] as string;
}

describe('anchang commands on a real store', () => {
  beforeAll(async () => {
    place = await freshStore('sqlite');
    const server = await startServerProcess(place);
    await server.kill('SIGTERM');
  }, 60_000);
  afterAll(async () => place?.drop());

  it('user add: the new person can sign in', async () => {
    const added = await runCli(place, ['user', 'add', 'xiaoma', '--role', 'consultant', '--project', 'demo', '--as', 'chen', '--name', '马小'], { ANCHANG_PASSWORD: 'a-long-password' });
    expect(added.status, added.output).toBe(0);
    const server = await startServerProcess(place);
    try {
      const me = await new ApiClient(server.url).login('xiaoma', 'a-long-password');
      expect((await me.get('/api/projects/demo/my-customers')).status).toBe(200);
    } finally {
      await server.kill('SIGTERM');
    }
  });

  it('erase: personal data destroyed with approval, the history kept, the log still verifies (SEC-5)', async () => {
    const refused = await runCli(place, ['erase', '138 0013 8001', '--project', 'demo', '--by', 'liu', '--approved-by', 'liu', '--reason', '客户申请删除']);
    expect(refused.status).toBe(1);
    const erased = await runCli(place, ['erase', '138 0013 8001', '--project', 'demo', '--by', 'liu', '--approved-by', 'admin', '--reason', '客户申请删除']);
    expect(erased.status, erased.output).toBe(0);
    const raw = new Database(dbFile(), { readonly: true });
    try {
      const all = JSON.stringify(raw.prepare("SELECT * FROM personal_values").all()) + JSON.stringify(raw.prepare('SELECT body FROM events').all());
      expect(all).not.toContain('13800138001');
    } finally {
      raw.close();
    }
    const server = await startServerProcess(place);
    try {
      const manager = await new ApiClient(server.url).login('liu', DEMO_PASSWORD);
      const judged = await manager.get('/api/projects/demo/judge?phone=13800138001');
      expect(judged.body.owner).toBeNull(); // the number is unknown now: its history lives on under a token
    } finally {
      await server.kill('SIGTERM');
    }
    expect((await runCli(place, ['verify'])).status).toBe(0);
  });

  it('backup: a consistent copy that verifies on its own', async () => {
    const file = join(place.dataDir, 'copy.db');
    const backup = await runCli(place, ['backup', file]);
    expect(backup.status, backup.output).toBe(0);
    expect(existsSync(file)).toBe(true);
    const copy = new Database(file, { readonly: true });
    const original = new Database(dbFile(), { readonly: true });
    try {
      const count = (db: Database.Database) => (db.prepare('SELECT count(*) AS n, max(hash) AS h FROM events').get() as { n: number; h: string });
      expect(count(copy)).toEqual(count(original));
    } finally {
      copy.close();
      original.close();
    }
  });

  it('verify: a clean log prints its length and head; a kept head catches truncation; an altered byte is named', async () => {
    const clean = await runCli(place, ['verify']);
    expect(clean.status, clean.output).toBe(0);
    const head = headOf(clean.output);
    expect((await runCli(place, ['verify', '--expect', head])).status).toBe(0);

    tamper('DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)');
    const truncated = await runCli(place, ['verify']);
    expect(truncated.status, 'a cut tail is invisible from the inside').toBe(0);
    const caught = await runCli(place, ['verify', '--expect', head]);
    expect(caught.status).toBe(1);
    expect(caught.output).toMatch(/FAIL .*truncated below it or rewritten/);

    tamper("UPDATE events SET body = replace(body, 'visit', 'visiT') WHERE seq = (SELECT min(seq) FROM events WHERE type = 'registered')");
    const altered = await runCli(place, ['verify']);
    expect(altered.status).toBe(1);
    expect(altered.output).toMatch(/FAIL demo: entry #\d+ altered/);
  });
});
