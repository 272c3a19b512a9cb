// Backups: SQLite copies itself online; PostgreSQL gives the pg_dump command, which this test runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupStore } from '../../src/store/backup.ts';
import { readHeads, verifyLog } from '../../src/store/log/verify-log.ts';
import { openSqlite } from '../../src/store/sql/sqlite-db.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { freshProject, must, phone, registration } from './support/store-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'anchang-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('backup on %s', (dialect) => {
  const place = scratch(dialect);

  it('copies the store while it is open', async () => {
    const { db, offices, office } = await freshProject(place);
    await must(office, registration('c1', phone(1)));
    const file = join(dir, `${dialect}.backup`);
    const backup = await backupStore(db, file);
    if (backup.kind === 'copied') {
      const copy = openSqlite(file);
      expect(await readHeads(copy)).toEqual(await readHeads(db));
      expect((await verifyLog(copy)).ok).toBe(true);
      await copy.close();
    } else {
      expect(backup.argv[0]).toBe('pg_dump');
      execFileSync(backup.argv[0] as string, backup.argv.slice(1), { stdio: 'pipe' });
      expect(statSync(file).size).toBeGreaterThan(0);
    }
    await offices.close();
  });
});
