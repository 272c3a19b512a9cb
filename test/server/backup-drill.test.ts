// The drill an office runs before it needs it (issue 14): back up a store while a server writes to it,
// restore the copy somewhere else, verify it (the log and the vault), serve it, and find every customer
// acknowledged before the backup began, with their personal data readable. Then SEC-5 on the restored
// store: an approved erasure, after which `verify` is still green and the erased phone is unknown.
// On SQLite the copy is the online backup and the secret comes back as `secret.key` beside it; on
// PostgreSQL the store prints the pg_dump to run, and the copy is loaded with pg_restore into a new database.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo-office.ts';
import type { Dialect } from '../../src/store/sql/db.ts';
import { createScratchDatabase } from '../support/postgres-scratch.ts';
import { ApiClient } from './http-client.ts';
import { freshStore, runCli, startServerProcess, type StorePlace } from './server-process.ts';

const P = 'demo';

function run(argv: readonly string[]): Promise<{ status: number; output: string }> {
  const [command, ...args] = argv as [string, ...string[]];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ status: code ?? -1, output })));
}

/** Copies the store to `file` with what `anchang backup` does or says to do; resolves with where it is restored. */
async function backUpAndRestore(place: StorePlace, file: string): Promise<StorePlace> {
  const backup = await runCli(place, ['backup', file]);
  expect(backup.status, backup.output).toBe(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'anchang-restored-'));
  if (place.dialect === 'sqlite') {
    // The copy and, kept apart from it, the secret: restored together into a new folder, no ANCHANG_SECRET.
    copyFileSync(file, join(dataDir, 'anchang.db'));
    writeFileSync(join(dataDir, 'secret.key'), `${place.secret}\n`, { mode: 0o600 });
    return { dialect: 'sqlite', dataDir, databaseUrl: null, secret: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const dump = /^\s+(pg_dump .*)$/m.exec(backup.output)?.[1];
  if (!dump) throw new Error(`no pg_dump command in: ${backup.output}`);
  const dumped = await run(dump.split(' '));
  expect(dumped.status, dumped.output).toBe(0);
  const database = await createScratchDatabase('anchang_restored');
  const restored = await run(['pg_restore', '--no-owner', `--dbname=${database.url}`, file]);
  expect(restored.status, restored.output).toBe(0);
  return {
    dialect: 'postgres',
    dataDir,
    databaseUrl: database.url,
    secret: place.secret,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

describe.each<Dialect>(['sqlite', 'postgres'])('backup → restore → verify → serve on %s', (dialect) => {
  it('the restored copy verifies, serves every customer acknowledged before the backup, and stays green after an erasure (SEC-5)', async () => {
    const place = await freshStore(dialect);
    const places: StorePlace[] = [place];
    const backupFile = join(place.dataDir, 'drill.backup');
    try {
      const server = await startServerProcess(place);
      const before: string[] = [];
      const during: string[] = [];
      try {
        const wang = await new ApiClient(server.url).login('wang', DEMO_PASSWORD);
        for (let i = 0; i < 15; i++) {
          const phone = `1371000${String(i).padStart(4, '0')}`;
          expect((await wang.command(P, 'register', { via: 'visit', phone, name: `演练${i}`, gender: 'M', needs: '两房' })).status).toBe(200);
          before.push(phone);
        }
        // Writers keep going while the copy is made: the copy is consistent whatever it catches of them.
        let stop = false;
        const writer = (async () => {
          for (let i = 0; !stop; i++) {
            const phone = `1372000${String(i).padStart(4, '0')}`;
            if ((await wang.command(P, 'register', { via: 'visit', phone, name: '并发', gender: 'F', needs: '三房' })).status === 200) during.push(phone);
          }
        })();
        try {
          places.push(await backUpAndRestore(place, backupFile));
        } finally {
          stop = true;
          await writer;
        }
      } finally {
        await server.kill('SIGTERM');
      }
      const restored = places[1] as StorePlace;
      if (dialect === 'sqlite') expect(readFileSync(join(restored.dataDir, 'secret.key'), 'utf8').trim()).toBe(place.secret);

      const verified = await runCli(restored, ['verify']);
      expect(verified.status, verified.output).toBe(0);
      expect(verified.output).toMatch(/^ok +demo: \d+ entries/m);
      expect(verified.output).toMatch(/^ok +vault/m);

      const erased = before[0] as string;
      const served = await startServerProcess(restored, { demo: false });
      try {
        const manager = await new ApiClient(served.url).login('liu', DEMO_PASSWORD);
        for (const phone of before) {
          const judged = await manager.get(`/api/projects/${P}/judge?phone=${phone}`);
          expect(judged.status).toBe(200);
          expect(judged.body.owner?.id, phone).toBe('wang');
        }
        const card = await manager.get(`/api/projects/${P}/customers/${erased}/timeline`);
        expect(card.status).toBe(200);
        expect(JSON.stringify(card.body)).toContain('演练0');
      } finally {
        await served.kill('SIGTERM');
      }
      console.log(`backup drill (${dialect}): ${before.length} customers before the copy, ${during.length} written while it was made; restored copy verified (log and vault) and served`);

      // SEC-5 on the restored store: two people approve, personal data goes, the log still verifies.
      const erasure = await runCli(restored, ['erase', erased, '--project', P, '--by', 'liu', '--approved-by', 'admin', '--reason', '客户申请删除']);
      expect(erasure.status, erasure.output).toBe(0);
      const after = await runCli(restored, ['verify']);
      expect(after.status, after.output).toBe(0);
      expect(after.output).toMatch(/^ok +vault/m);
      const again = await startServerProcess(restored, { demo: false });
      try {
        const manager = await new ApiClient(again.url).login('liu', DEMO_PASSWORD);
        expect((await manager.get(`/api/projects/${P}/judge?phone=${erased}`)).body.owner).toBeNull();
        expect((await manager.get(`/api/projects/${P}/judge?phone=${before[1]}`)).body.owner?.id).toBe('wang');
      } finally {
        await again.kill('SIGTERM');
      }
      if (dialect === 'sqlite') expect(existsSync(join(restored.dataDir, 'anchang.db'))).toBe(true);
    } finally {
      for (const p of places) await p.drop();
    }
  }, 180_000);
});
